"""Who may open the pages of after-hours protection (the permission matrix).

- The list and the request form: anyone holding a role in a court (everyone with a role
  has a person to request for: themselves); the outsider and the city admin (no court
  role) get 403.
- The demo request (judge 王立明 for himself, linked to the incident register's demo
  threat, approved with officers 马军 and 韩磊): its court's judicial police (also an
  officer), committee office and leaders, and the judge; everyone else 404. Deciding,
  logging and completing are POSTs.
"""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, SIGNED_IN, Expect, each

WITH_ROLE = SIGNED_IN - {"outsider", "cityadmin"}
SEES_PROTECTION = {"police", "office", "chair", "vicechair", "leader", "judge"}


def protection() -> dict[str, Any]:
    from benchguard.after_hours.models import ProtectionRequest
    from benchguard.incidents.demo import FIRST_PLACE

    return {"pk": ProtectionRequest.objects.get(incident__place=FIRST_PLACE).pk}


def page(readers: set[str]) -> Expect:
    return Expect(403, {ANON: LOGIN, **each(readers, 200)})


def post_only(kwargs: Any) -> Expect:
    return Expect(405, {ANON: LOGIN}, kwargs)


EXPECTED: dict[str, Expect] = {
    "after_hours:protection_list": page(WITH_ROLE),
    "after_hours:protection_request": page(WITH_ROLE),
    "after_hours:protection_detail": Expect(404, {ANON: LOGIN, **each(SEES_PROTECTION, 200)}, protection),
    "after_hours:protection_decide": post_only(protection),
    "after_hours:protection_log": post_only(protection),
    "after_hours:protection_complete": post_only(protection),
}
