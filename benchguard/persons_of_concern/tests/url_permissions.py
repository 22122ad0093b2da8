"""Who may open the persons-of-concern pages (the permission matrix).

Readers, city-wide: judicial police, committee office and court leaders (chair and
vice-chair are court leaders too). The filing clerk and the division chief get the
matcher's answer (the check page) and their court's department logs, never the list
or a dossier. Everyone else — judges, staff, the gatehouse guard, personnel, the
court's IT admin, a judge of another court, the outsider and the city admin — gets 403
on pages and 404 on records.

Approving, removing, correcting and deciding objections: the committee office and
leaders of the proposing court (the demo's entries are the intermediate court's); the
police see those records but get 403.
"""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"police", "office", "leader", "chair", "vicechair"}
CHECKERS = {"clerk", "chief"}
DECIDERS = {"office", "leader", "chair", "vicechair"}


def shan() -> dict[str, Any]:
    from benchguard.persons_of_concern.models import PersonOfConcern

    return {"pk": PersonOfConcern.objects.get(name="单立新").pk}


def active_entry() -> dict[str, Any]:
    from benchguard.persons_of_concern.models import ControlledListEntry

    return {"pk": ControlledListEntry.objects.get(person__name="单立新").pk}


def open_objection() -> dict[str, Any]:
    from benchguard.persons_of_concern.models import EntryObjection

    return {"pk": EntryObjection.objects.get(entry__person__name="单立新", decision="").pk}


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
    "persons_of_concern:propose_entry": record(shan),
    "persons_of_concern:entry_list": page(),
    "persons_of_concern:entry_export": page(),
    "persons_of_concern:entry_detail": record(active_entry),
    "persons_of_concern:entry_approve": post_only(active_entry),
    "persons_of_concern:entry_remove": post_only(active_entry),
    "persons_of_concern:entry_correct": Expect(
        404, {ANON: LOGIN, "police": 403, **each(DECIDERS, 200)}, active_entry
    ),
    "persons_of_concern:objection_add": record(active_entry),
    "persons_of_concern:objection_decide": Expect(
        404, {ANON: LOGIN, "police": 403, **each(DECIDERS, 200)}, open_objection
    ),
    "persons_of_concern:check": Expect(403, {ANON: LOGIN, **each(READERS | CHECKERS, 200)}),
    "persons_of_concern:log_list": Expect(403, {ANON: LOGIN, **each(READERS | CHECKERS, 200)}),
    "persons_of_concern:log_export": Expect(403, {ANON: LOGIN, **each(READERS | CHECKERS, 200)}),
    # The matcher for the gate's hardware: judicial police and committee office only.
    "api-persons-of-concern-match-list": Expect(403, {ANON: 401, "police": 200, "office": 200}),
}
