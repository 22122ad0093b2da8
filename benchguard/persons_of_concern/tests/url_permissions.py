"""Who may open the persons-of-concern pages (the permission matrix).

Readers, city-wide: judicial police, committee office, filing clerk, division chiefs and
court leaders (chair and vice-chair are court leaders too). Everyone else — judges,
staff, the gatehouse guard, personnel, the court's IT admin, a judge of another court,
the outsider and the city admin — gets 403 on lists and 404 on records.
"""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"police", "office", "clerk", "chief", "leader", "chair", "vicechair"}


def shan() -> dict[str, Any]:
    from benchguard.persons_of_concern.models import PersonOfConcern

    return {"pk": PersonOfConcern.objects.get(name="单立新").pk}


def active_entry() -> dict[str, Any]:
    from benchguard.persons_of_concern.models import ControlledListEntry

    return {"pk": ControlledListEntry.objects.get(person__name="单立新").pk}


def page() -> Expect:
    return Expect(403, {ANON: LOGIN, **each(READERS, 200)})


def record(kwargs: Any) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(READERS, 200)}, kwargs)


def post_only(kwargs: Any) -> Expect:
    return Expect(405, {ANON: LOGIN}, kwargs)


EXPECTED: dict[str, Expect] = {
    "persons_of_concern:person_list": page(),
    "persons_of_concern:person_create": page(),
    "persons_of_concern:person_detail": record(shan),
    "persons_of_concern:person_edit": record(shan),
    "persons_of_concern:add_name": post_only(shan),
    "persons_of_concern:add_document": post_only(shan),
    "persons_of_concern:add_phone": post_only(shan),
    "persons_of_concern:propose_entry": post_only(shan),
    "persons_of_concern:entry_list": page(),
    "persons_of_concern:entry_export": page(),
    "persons_of_concern:entry_detail": record(active_entry),
    "persons_of_concern:entry_approve": post_only(active_entry),
    "persons_of_concern:entry_remove": post_only(active_entry),
    "persons_of_concern:log_list": page(),
    "persons_of_concern:log_export": page(),
    # The matcher for the gate's hardware: judicial police and committee office only.
    "api-persons-of-concern-match-list": Expect(403, {ANON: 401, "police": 200, "office": 200}),
}
