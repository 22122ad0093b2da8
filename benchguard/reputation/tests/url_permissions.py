"""Who may open the reputation area's URLs (tests/test_permission_matrix.py).

Readers of the intermediate court's events: the committee office, chair, vice-chair and
court leaders; the judge concerned (王立明) reads the events about them. The office keeps
them (403 for the other readers and the judge on its pages). Any judge may open the
list and report an event about themself. Everyone else gets 403 on pages and 404 on
records. The pursuit of liability on a matter or incident answers whoever sees that
record (its own rule)."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"office", "chair", "vicechair", "leader"}
KEEPERS = {"office"}
JUDGES = {"judge", "member", "chief", "judge2"}
SEES_EVENT = READERS | {"judge"}


def _event(key: str) -> Any:
    def kwargs() -> dict[str, Any]:
        from benchguard.reputation.demo import BASE_URL
        from benchguard.reputation.models import OpinionEvent

        return {"pk": OpinionEvent.objects.get(url=f"{BASE_URL}{key}").pk}

    return kwargs


DEALT = _event("1001")
INVESTIGATING = _event("1002")


def shot() -> dict[str, Any]:
    from benchguard.reputation.demo import BASE_URL
    from benchguard.reputation.models import EventScreenshot

    row = EventScreenshot.objects.get(event__url=f"{BASE_URL}1001")
    return {"pk": row.event_id, "shot_pk": row.pk}


def draft() -> dict[str, Any]:
    from benchguard.reputation.demo import BASE_URL
    from benchguard.reputation.models import Clarification

    return {"pk": Clarification.objects.get(event__url=f"{BASE_URL}1002").pk}


def demo_matter() -> dict[str, Any]:
    from benchguard.reputation.models import Liability

    return {"pk": Liability.objects.exclude(matter=None).get().matter_id}


def demo_incident() -> dict[str, Any]:
    from benchguard.incidents.models import Incident

    first = Incident.objects.filter(court__division_code="370200").order_by("id").first()
    assert first is not None
    return {"pk": first.pk}


def add_on_event() -> dict[str, Any]:
    return {"kind": "event", **DEALT()}


def liability() -> dict[str, Any]:
    from benchguard.reputation.demo import BASE_URL
    from benchguard.reputation.models import Liability

    return {"pk": Liability.objects.get(event__url=f"{BASE_URL}1001").pk}


def keeper_record(kwargs: Any, seen_by: set[str] = SEES_EVENT) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(seen_by, 403), **each(KEEPERS, 200)}, kwargs)


EXPECTED: dict[str, Expect] = {
    "reputation:event_list": Expect(403, {ANON: LOGIN, **each(READERS | JUDGES, 200)}),
    "reputation:event_register": Expect(403, {ANON: LOGIN, **each(KEEPERS | JUDGES, 200)}),
    "reputation:event_detail": Expect(404, {ANON: LOGIN, **each(SEES_EVENT, 200)}, DEALT),
    "reputation:event_screenshot": Expect(
        404, {ANON: LOGIN, **each(READERS, 403), "office": 200, "judge": 200}, DEALT
    ),
    "reputation:screenshot_file": Expect(404, {ANON: LOGIN, **each(SEES_EVENT, 200)}, shot),
    "reputation:event_investigate": keeper_record(INVESTIGATING),
    "reputation:event_findings": keeper_record(INVESTIGATING),
    "reputation:event_close": Expect(405, {ANON: LOGIN}, INVESTIGATING),
    "reputation:event_open_matter": Expect(405, {ANON: LOGIN}, INVESTIGATING),
    "reputation:clarification_draft": keeper_record(INVESTIGATING),
    # A draft: the judge concerned does not see it (404).
    "reputation:clarification_edit": keeper_record(draft, READERS),
    "reputation:clarification_approve": Expect(405, {ANON: LOGIN}, draft),
    "reputation:clarification_publish": keeper_record(draft, READERS),
    "reputation:event_liability": Expect(404, {ANON: LOGIN, **each(SEES_EVENT, 200)}, DEALT),
    # Whoever sees the matter (office, chair, vice-chair, the applicant judge) or the
    # incident (its court-wide roles and the judge threatened) sees its pursuits.
    "reputation:matter_liability": Expect(
        404, {ANON: LOGIN, **each({"office", "chair", "vicechair", "judge"}, 200)}, demo_matter
    ),
    "reputation:incident_liability": Expect(
        404, {ANON: LOGIN, **each(READERS | {"police", "judge"}, 200)}, demo_incident
    ),
    "reputation:liability_add": keeper_record(add_on_event),
    "reputation:liability_outcome": keeper_record(liability),
    "api-reputation-event-list": Expect(200, {ANON: 401}),
    "api-reputation-event-detail": Expect(404, {ANON: 401, **each(SEES_EVENT, 200)}, DEALT),
}
