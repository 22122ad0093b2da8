"""Who may open the committee's pages and API (A4–A6): the chair, vice-chair and office
of the intermediate court manage; its committee member sees; everyone else gets 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchguard.committee.demo import HELD_TITLE, PLANNED_TITLE
from benchguard.committee.models import AgendaItem, CommitteeMembership, FollowUpAction, Meeting, Resolution
from tests.matrix import ANON, LOGIN, Expect, each

MANAGERS = {"office", "chair", "vicechair"}
INTERMEDIATE = "370200"


def court() -> dict[str, Any]:
    from benchguard.organization.models import Court

    return {"court_pk": Court.objects.get(division_code=INTERMEDIATE).pk}


def membership() -> dict[str, Any]:
    return {"pk": CommitteeMembership.objects.get(person__account__username="member").pk}


def held() -> dict[str, Any]:
    return {"pk": Meeting.objects.get(court__division_code=INTERMEDIATE, title=HELD_TITLE).pk}


def planned() -> dict[str, Any]:
    return {"pk": Meeting.objects.get(court__division_code=INTERMEDIATE, title=PLANNED_TITLE).pk}


def agenda_item() -> dict[str, Any]:
    return {"pk": AgendaItem.objects.filter(meeting__title=HELD_TITLE).order_by("order").first().pk}  # type: ignore[union-attr]


def resolution() -> dict[str, Any]:
    return {"pk": Resolution.objects.filter(meeting__title=HELD_TITLE).order_by("id").first().pk}  # type: ignore[union-attr]


def action() -> dict[str, Any]:
    return {"pk": FollowUpAction.objects.filter(owner__account__username="office").order_by("id").first().pk}  # type: ignore[union-attr]


def sees(kwargs: Callable[[], dict[str, Any]]) -> Expect:
    """Managers and the committee member see it; everyone else: not found."""
    return Expect(404, {ANON: LOGIN, **each(MANAGERS, 200), "member": 200}, kwargs)


def manages(kwargs: Callable[[], dict[str, Any]]) -> Expect:
    """Managers may change it; the member sees it but may not (403); others: 404."""
    return Expect(404, {ANON: LOGIN, **each(MANAGERS, 200), "member": 403}, kwargs)


def post_only(kwargs: Callable[[], dict[str, Any]]) -> Expect:
    return Expect(405, {ANON: LOGIN}, kwargs)


def api_sees(kwargs: Callable[[], dict[str, Any]]) -> Expect:
    return Expect(404, {ANON: 401, **each(MANAGERS, 200), "member": 200}, kwargs)


EXPECTED: dict[str, Expect] = {
    "committee:home": Expect(404, {ANON: LOGIN, **each(MANAGERS, 302), "member": 302}),
    "committee:roster": sees(court),
    "committee:membership_add": manages(court),
    "committee:settings_edit": manages(court),
    "committee:meeting_list": sees(court),
    "committee:meeting_add": manages(court),
    "committee:membership_edit": manages(membership),
    "committee:membership_end": manages(membership),
    "committee:meeting_detail": sees(held),
    "committee:meeting_edit": manages(planned),
    "committee:meeting_cancel": manages(planned),
    "committee:meeting_hold": post_only(planned),
    "committee:attendance_edit": manages(held),
    "committee:minutes_edit": manages(held),
    "committee:resolution_add": manages(held),
    "committee:agenda_edit": manages(agenda_item),
    "committee:action_add": manages(resolution),
    "committee:action_complete": post_only(action),
    "api-committee-membership-list": Expect(200, {ANON: 401}),
    "api-committee-membership-detail": api_sees(membership),
    "api-committee-meeting-list": Expect(200, {ANON: 401}),
    "api-committee-meeting-detail": api_sees(held),
}
