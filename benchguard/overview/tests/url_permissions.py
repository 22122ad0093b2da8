"""Who may open the leaders' overview (the permission matrix).

The intermediate court's leaders, its president and its committee office see the
city's overview and may export it: the personas chair (president, leader), vicechair
(leader), leader and office. Everyone else — judges, staff, the police, the guard,
personnel, the court's IT admin, a base court's judge, the outsider and the city
admin — gets 403."""

from __future__ import annotations

from tests.matrix import ANON, LOGIN, Expect, each

VIEWERS = {"chair", "vicechair", "leader", "office"}

EXPECTED: dict[str, Expect] = {
    "overview:overview": Expect(403, {ANON: LOGIN, **each(VIEWERS, 200)}),
    "overview:export": Expect(403, {ANON: LOGIN, **each(VIEWERS, 200)}),
}
