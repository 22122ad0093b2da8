"""Who may open the pages of meetings with parties (the permission matrix).

The list: judges (who record requests) and the court's readers (division chiefs,
leaders, the judicial police); everyone else 403. A request: its judge and the readers
of its court; everyone else 404. The transitions are POST only."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"chief", "leader", "chair", "vicechair", "police"}
JUDGES = {"judge", "member", "chief", "judge2"}


def _booked() -> dict[str, Any]:
    from benchguard.meetings.models import MeetingRequest

    found = MeetingRequest.objects.filter(judge__account__username="judge", status="scheduled").first()
    assert found is not None
    return {"pk": found.pk}


def _post_only() -> Expect:
    return Expect(405, {ANON: LOGIN}, _booked)


EXPECTED: dict[str, Expect] = {
    "meetings:request_list": Expect(403, {ANON: LOGIN, **each(READERS | JUDGES, 200)}),
    "meetings:request_detail": Expect(404, {ANON: LOGIN, **each(READERS | {"judge"}, 200)}, _booked),
    "meetings:schedule": _post_only(),
    "meetings:held": _post_only(),
    "meetings:refuse": _post_only(),
    "meetings:cancel": _post_only(),
}
