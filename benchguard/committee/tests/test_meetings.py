"""Meetings (A6): lifecycle, quorum worked by hand, resolutions with the vote, refusals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchguard.committee import services
from benchguard.committee.choices import MeetingStatus
from benchguard.committee.demo import HELD_TITLE, PLANNED_TITLE
from benchguard.committee.models import CommitteeMembership, CommitteeSettings, Meeting
from benchguard.core.models import AuditEntry
from benchguard.organization.models import Account, Court
from tests.audit_trail import actions_on

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_WEEK = TODAY - dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("seats", "percent", "required"),
    [
        (35, 50, 18),  # 35 × 50 % = 17.5 → more than that: 18
        (34, 50, 18),  # 17 exactly is half, not more than half
        (7, 50, 4),  # 3.5 → 4
        (8, 50, 5),  # 4 is half → 5
        (35, 66, 24),  # 23.1 → 24
        (1, 50, 1),
        (0, 50, 1),  # an empty committee can never have a quorum
    ],
)
def test_quorum_arithmetic_worked_by_hand(seats: int, percent: int, required: int) -> None:
    assert CommitteeSettings(quorum_percent=percent).required_for_quorum(seats) == required


def test_the_demo_meeting_had_a_quorum_and_adopted_its_resolution() -> None:
    meeting = Meeting.objects.get(title=HELD_TITLE)
    state = services.quorum_of(meeting)
    assert (state.seats, state.present, state.required, state.met) == (7, 5, 4, True)
    [resolution] = meeting.resolutions.all()
    # 4 for of 5 present: 4 × 2 = 8 > 5, adopted.
    assert (resolution.votes_for, resolution.present_at_vote, resolution.adopted) == (4, 5, True)


def test_scheduling_invites_the_members_sitting_on_the_meeting_date(
    meeting_on: Callable[..., Meeting], seat: Callable[..., CommitteeMembership]
) -> None:
    later = seat(term_from=TODAY + dt.timedelta(days=60))
    meeting = meeting_on(TODAY + dt.timedelta(days=7))
    invited = set(meeting.attendances.values_list("membership_id", flat=True))
    assert len(invited) == 7  # the office and the ended term are not invited
    assert later.pk not in invited
    # Quorum counts the seats filled on the meeting date, not today's.
    assert services.quorum_of(meeting_on(dt.date(2023, 6, 1))).seats == 1  # only 杨帆 sat then


def test_a_meeting_goes_from_planned_to_held_with_minutes_resolution_and_action(
    client_as: Callable[[str | None], Client], meeting_on: Callable[..., Meeting]
) -> None:
    client = client_as("office")
    meeting = meeting_on(LAST_WEEK)
    url = f"/committee/meetings/{meeting.pk}/"
    assert (
        client.post(
            f"/matters/meetings/{meeting.pk}/agenda/add/",
            {"title": "审议工作方案", "shared_summary": "方案草案"},
        ).status_code
        == 302
    )
    members = list(meeting.attendances.values_list("membership_id", flat=True).order_by("membership_id"))
    present = [str(pk) for pk in members[:5]]
    response = client.post(url + "attendance/", {"version": meeting.version, "present": present})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert client.post(url + "hold/", {"version": meeting.version}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    response = client.post(url + "minutes/", {"version": meeting.version, "minutes": "会议纪要"})
    assert response.status_code == 302
    item = meeting.agenda_items.get()
    response = client.post(
        url + "resolutions/add/",
        {"agenda_item": item.pk, "text": "通过方案", "votes_for": 3, "votes_against": 1, "votes_abstain": 1},
    )
    assert response.status_code == 302
    resolution = meeting.resolutions.get()
    assert resolution.adopted  # 3 of 5 present: 6 > 5
    office_person = Account.objects.get(username="office").person
    response = client.post(
        f"/committee/resolutions/{resolution.pk}/actions/add/",
        {
            "owner": office_person.pk,
            "description": "印发方案",
            "due_date": (TODAY + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "会议纪要" in page and "印发方案" in page and "方案草案" in page
    assert {
        "committee.meeting.schedule",
        "committee.meeting.hold",
        "committee.meeting.held",
        "committee.meeting.minutes",
    } <= actions_on(meeting)


def test_a_meeting_cannot_be_held_before_its_day_nor_after_it_was_cancelled(
    office: Account, meeting_on: Callable[..., Meeting]
) -> None:
    future = Meeting.objects.get(title=PLANNED_TITLE)
    with pytest.raises(ValidationError) as early:
        services.hold_meeting(actor=office, meeting=future, expected_version=future.version)
    assert early.value.code == "state"
    past = meeting_on(LAST_WEEK)
    cancelled = services.cancel_meeting(
        actor=office, meeting=past, expected_version=past.version, reason="主任出差"
    )
    with pytest.raises(ValidationError, match=r"(?i)cancelled|已取消"):
        services.hold_meeting(actor=office, meeting=cancelled, expected_version=cancelled.version)


def test_cancelling_needs_a_reason_shown_next_to_the_field(
    client_as: Callable[[str | None], Client],
) -> None:
    meeting = Meeting.objects.get(title=PLANNED_TITLE)
    response = client_as("chair").post(
        f"/committee/meetings/{meeting.pk}/cancel/", {"version": meeting.version, "cancel_reason": ""}
    )
    assert response.status_code == 200
    assert "cancel_reason" in response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_minutes_and_resolutions_need_a_held_meeting(office: Account) -> None:
    meeting = Meeting.objects.get(title=PLANNED_TITLE)
    with pytest.raises(ValidationError) as minutes:
        services.record_minutes(actor=office, meeting=meeting, expected_version=meeting.version, minutes="x")
    assert "minutes" in minutes.value.message_dict
    with pytest.raises(ValidationError) as resolution:
        services.record_resolution(
            actor=office, meeting=meeting, text="x", votes_for=1, votes_against=0, votes_abstain=0
        )
    assert resolution.value.code == "state"


def test_a_meeting_without_quorum_may_be_held_but_passes_no_resolution(
    client_as: Callable[[str | None], Client], office: Account, meeting_on: Callable[..., Meeting]
) -> None:
    meeting = meeting_on(LAST_WEEK)
    first_three = list(meeting.attendances.values_list("membership_id", flat=True)[:3])
    meeting = services.record_attendance(
        actor=office, meeting=meeting, expected_version=meeting.version, present=first_three
    )
    client = client_as("office")
    response = client.post(
        f"/committee/meetings/{meeting.pk}/hold/", {"version": meeting.version}, follow=True
    )
    assert 'data-testid="no-quorum"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    event = AuditEntry.objects.filter(action="committee.meeting.held", object_id=str(meeting.pk)).get()
    assert event.data == {"present": 3, "seats": 7, "quorum_met": False}
    with pytest.raises(ValidationError) as refused:
        services.record_resolution(
            actor=office, meeting=meeting, text="x", votes_for=3, votes_against=0, votes_abstain=0
        )
    assert refused.value.code == "quorum"


def test_more_votes_than_members_present_are_refused_next_to_the_field(
    client_as: Callable[[str | None], Client],
) -> None:
    meeting = Meeting.objects.get(title=HELD_TITLE)
    response = client_as("office").post(
        f"/committee/meetings/{meeting.pk}/resolutions/add/",
        {"text": "另一项决议", "votes_for": 4, "votes_against": 1, "votes_abstain": 1},
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["votes_for"]
    assert "6" in message and "5" in message
    assert meeting.resolutions.count() == 1


def test_a_tie_is_not_adopted_and_creates_no_actions(office: Account) -> None:
    meeting = Meeting.objects.get(title=HELD_TITLE)
    resolution = services.record_resolution(
        actor=office, meeting=meeting, text="平票", votes_for=2, votes_against=2, votes_abstain=1
    )
    assert not resolution.adopted  # 2 × 2 = 4, not more than 5
    with pytest.raises(ValidationError):
        services.add_follow_up_action(
            actor=office, resolution=resolution, owner=office.person, description="x", due_date=TODAY
        )


def test_attendance_is_fixed_once_a_resolution_was_voted(office: Account) -> None:
    meeting = Meeting.objects.get(title=HELD_TITLE)
    with pytest.raises(ValidationError) as refused:
        services.record_attendance(
            actor=office, meeting=meeting, expected_version=meeting.version, present=[]
        )
    assert "present" in refused.value.message_dict


def test_an_agenda_item_of_another_meeting_is_refused(office: Account) -> None:
    held = Meeting.objects.get(title=HELD_TITLE)
    other_item = Meeting.objects.get(title=PLANNED_TITLE).agenda_items.get()
    with pytest.raises(ValidationError) as refused:
        services.record_resolution(
            actor=office, meeting=held, agenda_item=other_item, text="x", votes_for=3, votes_against=0,
            votes_abstain=0,
        )  # fmt: skip
    assert "agenda_item" in refused.value.message_dict


def test_a_stale_meeting_edit_is_refused_and_keeps_both_versions(
    client_as: Callable[[str | None], Client],
) -> None:
    meeting = Meeting.objects.get(title=PLANNED_TITLE)
    url = f"/committee/meetings/{meeting.pk}/edit/"
    data = {
        "kind": meeting.kind,
        "title": meeting.title,
        "scheduled_at": timezone.localtime(meeting.scheduled_at).strftime("%Y-%m-%dT%H:%M"),
        "version": meeting.version,
    }
    assert client_as("office").post(url, {**data, "place": "第五会议室"}).status_code == 302
    second = client_as("chair").post(url, {**data, "place": "大法庭"})
    assert second.status_code == 200
    [error] = second.context["form"].non_field_errors().as_data()
    assert error.code == "stale"
    assert 'value="大法庭"' in second.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "第五会议室"


def test_only_the_committee_managers_may_change_a_meeting(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], object]
) -> None:
    meeting = Meeting.objects.get(title=PLANNED_TITLE)
    response = client_as("member").post(
        f"/committee/meetings/{meeting.pk}/hold/", {"version": meeting.version}
    )
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_the_meetings_list_does_not_grow_queries_with_rows(
    client_as: Callable[[str | None], Client], court: Court, meeting_on: Callable[..., Meeting]
) -> None:
    url = f"/committee/courts/{court.pk}/meetings/"
    for persona in ("office", "member"):
        client = client_as(persona)

        def count(client: Client = client) -> int:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            return len(captured)

        small = count()
        for index in range(5):
            meeting_on(TODAY + dt.timedelta(days=index + 1), title=f"会议{persona}{index}")
        assert count() == small


def test_the_meeting_page_does_not_grow_queries_with_resolutions(
    client_as: Callable[[str | None], Client], office: Account
) -> None:
    meeting = Meeting.objects.get(title=HELD_TITLE)
    client = client_as("office")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/committee/meetings/{meeting.pk}/").status_code == 200
        return len(captured)

    small = count()
    for index in range(4):
        resolution = services.record_resolution(
            actor=office, meeting=meeting, text=f"决议{index}", votes_for=3, votes_against=0, votes_abstain=0
        )
        services.add_follow_up_action(
            actor=office, resolution=resolution, owner=office.person, description="x", due_date=TODAY
        )
    assert count() == small
