"""Who may open the liaison directory's pages (the permission matrix).

Readers of the intermediate court's directory: the committee office, chair, vice-chair,
court leaders and the judicial police. Only the office keeps it (add, edit,
deactivate); the other readers get 403 on its edit pages. Everyone else — judges,
staff, the guard, personnel, the court's IT admin, a judge of a base court, the outsider
and the city admin — gets 403 on pages and 404 on records. The API list answers
everyone signed in with what they may read (nothing, for most).

Requests to outside bodies: the same readers read them; the office and the judicial
police send and keep them (answer, close, withdraw: 403 for the other readers). The
incident page's piece listing an incident's requests answers whoever sees the incident
(the register's rule: its court-wide roles and the judge it is about), empty for those
who do not read requests, and 404 for everyone else."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"office", "chair", "vicechair", "leader", "police"}
KEEPERS = {"office"}
SENDERS = {"office", "police"}
SEES_THREAT = READERS | {"judge"}  # incidents: its court-wide roles and the judge threatened


def police_bureau() -> dict[str, Any]:
    from benchguard.liaison.models import Agency

    return {"pk": Agency.objects.get(court__division_code="370200", name="青岛市公安局").pk}


def police_contact() -> dict[str, Any]:
    from benchguard.liaison.models import AgencyContact

    return {"pk": AgencyContact.objects.get(agency__court__division_code="370200", name="李振华").pk}


def _request(reference: str) -> Any:
    def kwargs() -> dict[str, Any]:
        from benchguard.liaison.models import LiaisonRequest

        return {"pk": LiaisonRequest.objects.get(court__division_code="370200", reference=reference).pk}

    return kwargs


OVERDUE = _request("青中法警函〔2026〕18号")  # sent, not answered, past its day
ANSWERED = _request("青中法警函〔2026〕15号")


def threat() -> dict[str, Any]:
    from benchguard.incidents.demo import FIRST_PLACE
    from benchguard.incidents.models import Incident

    return {"incident_pk": Incident.objects.get(place=FIRST_PLACE).pk}


def sender_record(kwargs: Any) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(READERS, 403), **each(SENDERS, 200)}, kwargs)


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
    "liaison:request_list": Expect(403, {ANON: LOGIN, **each(READERS, 200)}),
    "liaison:request_send": Expect(403, {ANON: LOGIN, **each(SENDERS, 200)}),
    "liaison:request_detail": Expect(404, {ANON: LOGIN, **each(READERS, 200)}, OVERDUE),
    "liaison:request_answer": sender_record(OVERDUE),
    "liaison:request_close": sender_record(ANSWERED),
    "liaison:request_withdraw": sender_record(OVERDUE),
    "liaison:incident_requests": Expect(404, {ANON: LOGIN, **each(SEES_THREAT, 200)}, threat),
    "api-liaison-request-list": Expect(200, {ANON: 401}),
    "api-liaison-request-detail": Expect(404, {ANON: 401, **each(READERS, 200)}, OVERDUE),
    **{
        f"api-liaison-request-{name}": Expect(405, {ANON: 401}, OVERDUE)
        for name in ("answer", "close", "withdraw")
    },
}
