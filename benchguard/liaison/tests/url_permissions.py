"""Who may open the liaison directory's pages (the permission matrix).

Readers of the intermediate court's directory: the committee office, chair, vice-chair,
court leaders and the judicial police. Only the office keeps it (add, edit,
deactivate); the other readers get 403 on its edit pages. Everyone else — judges,
staff, the guard, personnel, the court's IT admin, a judge of a base court, the outsider
and the city admin — gets 403 on pages and 404 on records. The API list answers
everyone signed in with what they may read (nothing, for most)."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"office", "chair", "vicechair", "leader", "police"}
KEEPERS = {"office"}


def police_bureau() -> dict[str, Any]:
    from benchguard.liaison.models import Agency

    return {"pk": Agency.objects.get(court__division_code="370200", name="青岛市公安局").pk}


def police_contact() -> dict[str, Any]:
    from benchguard.liaison.models import AgencyContact

    return {"pk": AgencyContact.objects.get(agency__court__division_code="370200", name="李振华").pk}


def keeper_record(kwargs: Any) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(READERS, 403), **each(KEEPERS, 200)}, kwargs)


EXPECTED: dict[str, Expect] = {
    "liaison:directory": Expect(403, {ANON: LOGIN, **each(READERS, 200)}),
    "liaison:agency_add": Expect(403, {ANON: LOGIN, **each(KEEPERS, 200)}),
    "liaison:agency_edit": keeper_record(police_bureau),
    "liaison:agency_deactivate": Expect(405, {ANON: LOGIN}, police_bureau),
    "liaison:contact_add": keeper_record(police_bureau),
    "liaison:contact_edit": keeper_record(police_contact),
    "liaison:contact_deactivate": Expect(405, {ANON: LOGIN}, police_contact),
    "api-liaison-agency-list": Expect(200, {ANON: 401}),
}
