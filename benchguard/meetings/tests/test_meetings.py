"""Meetings with parties (A10.3; issue 15 part 3): requests recorded by the judge, a
designated room booked never twice at once (also two judges at the same moment, on
PostgreSQL), the meeting's record, refusals with their reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from benchguard.core.services import StaleEditError
from benchguard.meetings import services
from benchguard.meetings.choices import Capacity, MeetingStatus
from benchguard.meetings.models import MeetingRequest, MeetingRoom
from benchguard.organization.models import Account, Court
from tests.concurrency import at_once, needs_postgres

pytestmark = pytest.mark.django_db

Persona = Callable[[str], Account]
TOMORROW_TEN = (timezone.localtime() + dt.timedelta(days=1)).replace(
    hour=10, minute=0, second=0, microsecond=0
)


def _request(actor: Account, **overrides: object) -> MeetingRequest:
    fields: dict[str, object] = {
        "case_number": "（2026）鲁02民初777号",
        "requester_name": "钱某",
        "capacity": Capacity.PARTY,
        "purpose": "询问开庭时间。",
    }
    fields.update(overrides)
    return services.record_request(actor=actor, **fields)  # type: ignore[arg-type]


def _refuse_to_register(judge: Account, meeting: MeetingRequest) -> MeetingRequest:
    """The judge refuses the request and sends the refusal to the interference register."""
    return services.refuse_request(
        actor=judge,
        request=meeting,
        reason="单方约见。",
        expected_version=meeting.version,
        send_to_register=True,
    )


def _room(court: Court, name: str = "测试约谈室") -> MeetingRoom:
    return MeetingRoom.objects.get_or_create(court=court, name=name)[0]


def _book(
    actor: Account, meeting: MeetingRequest, room: MeetingRoom, start: dt.datetime, hours: int = 1
) -> MeetingRequest:
    return services.schedule_meeting(
        actor=actor, request=meeting, room=room, starts_at=start, ends_at=start + dt.timedelta(hours=hours),
        expected_version=meeting.version,
    )  # fmt: skip


def test_a_request_is_booked_held_and_recorded(court: Court, persona: Persona) -> None:
    judge = persona("judge")
    meeting = _book(judge, _request(judge), _room(court), timezone.now() + dt.timedelta(minutes=1))
    assert meeting.status == MeetingStatus.SCHEDULED
    with pytest.raises(ValidationError):  # not yet begun
        services.record_meeting(
            actor=judge,
            request=meeting,
            attendees="钱某",
            record="告知开庭时间。",
            expected_version=meeting.version,
        )
    meeting = MeetingRequest.objects.get(pk=meeting.pk)
    from time_machine import travel

    with travel(timezone.now() + dt.timedelta(minutes=30)):
        held = services.record_meeting(
            actor=judge, request=meeting, attendees="钱某、王立明", record="告知开庭时间。",
            expected_version=meeting.version,
        )  # fmt: skip
    assert (held.status, held.attendees) == (MeetingStatus.HELD, "钱某、王立明")


def test_a_room_is_never_booked_twice_at_once(court: Court, persona: Persona) -> None:
    judge, colleague = persona("judge"), persona("member")
    room = _room(court)
    _book(judge, _request(judge), room, TOMORROW_TEN, hours=2)
    clash = _request(colleague, requester_name="孙某")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _book(colleague, clash, room, TOMORROW_TEN + dt.timedelta(hours=1))
    assert [e.code for e in refused.value.error_dict["starts_at"]] == ["booked"]
    assert "10:00" in refused.value.error_dict["starts_at"][0].messages[0]
    # Back to back is fine; another room at the same time too.
    assert (
        _book(colleague, clash, room, TOMORROW_TEN + dt.timedelta(hours=2)).status == MeetingStatus.SCHEDULED
    )
    other = _request(colleague, requester_name="周某")
    assert _book(colleague, other, _room(court, "另一间"), TOMORROW_TEN).status == MeetingStatus.SCHEDULED


def test_a_refused_meeting_frees_its_room(court: Court, persona: Persona) -> None:
    judge = persona("judge")
    room = _room(court)
    first = _book(judge, _request(judge), room, TOMORROW_TEN)
    services.refuse_request(actor=judge, request=first, reason="对方未到场。", expected_version=first.version)
    second = _request(judge, requester_name="另一人")
    assert _book(judge, second, room, TOMORROW_TEN).room == room


def test_a_one_sided_request_is_refused_with_its_reason(court: Court, persona: Persona) -> None:
    judge = persona("judge")
    meeting = _request(judge, one_sided=True)
    with pytest.raises(ValidationError) as refused:
        services.refuse_request(actor=judge, request=meeting, reason="  ", expected_version=meeting.version)
    assert "reason" in refused.value.error_dict
    done = services.refuse_request(
        actor=judge, request=meeting, reason="单方约见，不予安排。", expected_version=meeting.version
    )
    assert (done.status, done.refusal_reason) == (MeetingStatus.REFUSED, "单方约见，不予安排。")
    with pytest.raises(StaleEditError):
        services.refuse_request(actor=judge, request=meeting, reason="再次", expected_version=meeting.version)
    with pytest.raises(ValidationError):
        services.cancel_request(actor=judge, request=done, expected_version=done.version)


def test_only_the_judge_acts_on_their_request(court: Court, persona: Persona) -> None:
    meeting = _request(persona("judge"))
    for username in ("chief", "leader", "police", "member"):
        with pytest.raises(PermissionDenied):
            services.cancel_request(
                actor=persona(username), request=meeting, expected_version=meeting.version
            )
    with pytest.raises(PermissionDenied):
        _request(persona("police"))  # not a judge


def test_a_room_of_another_court_or_a_long_meeting_is_refused(court: Court, persona: Persona) -> None:
    judge = persona("judge")
    shinan = Court.objects.get(division_code="370202")
    with pytest.raises(ValidationError) as refused:
        _book(judge, _request(judge), _room(shinan), TOMORROW_TEN)
    assert "room" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        _book(judge, _request(judge), _room(court), TOMORROW_TEN, hours=9)
    assert "ends_at" in refused.value.error_dict


def test_readers_see_the_courts_requests_and_no_one_else(
    court: Court, persona: Persona, client_as: Callable[[str | None], Client]
) -> None:
    meeting = _request(persona("judge"))
    url = reverse("meetings:request_detail", args=[meeting.pk])
    for username in ("judge", "chief", "leader", "police"):
        assert client_as(username).get(url).status_code == 200, username
    for username in ("member", "office", "judge2", "cityadmin"):
        assert client_as(username).get(url).status_code == 404, username


def test_a_clash_on_the_page_keeps_what_was_typed(
    court: Court, persona: Persona, client_as: Callable[[str | None], Client]
) -> None:
    judge = persona("judge")
    room = _room(court)
    _book(judge, _request(judge), room, TOMORROW_TEN)
    meeting = _request(judge, requester_name="页面某")
    start = timezone.localtime(TOMORROW_TEN).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(TOMORROW_TEN + dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    response = client_as("judge").post(
        reverse("meetings:schedule", args=[meeting.pk]),
        {"version": meeting.version, "room": room.pk, "starts_at": start, "ends_at": end},
    )
    assert response.context["schedule_form"].errors["starts_at"]
    assert start in response.content.decode()
    assert MeetingRequest.objects.get(pk=meeting.pk).status == MeetingStatus.REQUESTED


def test_the_case_number_is_checked_and_written_one_way(
    persona: Persona, client_as: Callable[[str | None], Client]
) -> None:
    judge = persona("judge")
    assert _request(judge, case_number=" (2026)鲁02民初 778号 ").case_number == "（2026）鲁02民初778号"
    for wrong, code in (
        ("2026民初778", "format"),
        ("（2026）鲁02民X778号", "type"),
        ("（2099）鲁02民初1号", "year"),
    ):
        with pytest.raises(ValidationError) as refused:
            _request(judge, case_number=wrong)
        assert "case_number" in refused.value.message_dict, (wrong, code)

    before = MeetingRequest.objects.count()
    form = {
        "case_number": "鲁02民初12",
        "requester_name": "页面某",
        "capacity": Capacity.PARTY,
        "purpose": "询问进度。",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    with translation.override("zh-hans"):
        page = client_as("judge").post(reverse("meetings:request_list"), form)
    assert page.status_code == 200
    assert page.context["form"].errors["case_number"] == [
        "案号格式如（2026）鲁02民初123号：括号内为年份，其后依次为法院代字、案件类型代字、序号和“号”。"
    ]
    assert "鲁02民初12" in page.content.decode() and "询问进度。" in page.content.decode()
    assert MeetingRequest.objects.count() == before


@pytest.mark.django_db(transaction=True)
def test_two_judges_booking_one_room_at_once_get_one_booking() -> None:
    needs_postgres()
    court = Court.objects.get(division_code="370200")
    room = _room(court, "并发约谈室")
    requests = {
        name: _request(Account.objects.get(username=name), requester_name=f"{name}的当事人")
        for name in ("judge", "member")
    }

    def book(name: str) -> MeetingRequest:
        return _book(Account.objects.get(username=name), requests[name], room, TOMORROW_TEN)

    booked, errors = at_once(book, "judge", "member")
    assert len(booked) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert MeetingRequest.objects.filter(room=room, status=MeetingStatus.SCHEDULED).count() == 1


def test_a_refusal_sent_to_the_interference_register_is_an_entry_there(
    court: Court, persona: Persona
) -> None:
    from benchguard.interference.models import Entry

    judge = persona("judge")
    meeting = _request(judge, one_sided=True, requester_name="请托人", purpose="想私下谈谈判决结果。")
    done = _refuse_to_register(judge, meeting)
    assert done.sent_to_register_at is not None
    entry = Entry.objects.get(person_name="请托人")
    assert entry.judge.account_id == judge.pk and entry.case_number == meeting.case_number
    assert "想私下谈谈判决结果" in entry.request and "单方约见" in entry.response
    assert done.register_entry == entry


def test_the_refused_meeting_links_its_register_entry_for_those_who_read_it(
    persona: Persona, client_as: Callable[[str | None], Client]
) -> None:
    """The judge and the committee read the entry and follow the link; the division chief
    and the judicial police read the meeting but not the register: they learn only that
    the refusal was recorded there."""
    judge = persona("judge")
    meeting = _request(judge, one_sided=True, requester_name="请托人")
    done = _refuse_to_register(judge, meeting)
    link = reverse("interference:entry_detail", args=[done.register_entry_id])
    url = reverse("meetings:request_detail", args=[meeting.pk])
    for name, follows in (("judge", True), ("chair", True), ("chief", False), ("police", False)):
        page = client_as(name).get(url).content.decode()
        assert "已记入过问案件信息专库" in page, name
        assert (link in page) is follows, name
        assert client_as(name).get(link).status_code == (200 if follows else 404), name


def test_a_refusal_the_register_refuses_is_not_half_saved(court: Court, persona: Persona) -> None:
    judge = persona("judge")
    meeting = _request(judge)
    MeetingRequest.objects.filter(pk=meeting.pk).update(case_number="")  # an old request without a number
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        services.refuse_request(
            actor=judge,
            request=meeting,
            reason="单方约见。",
            expected_version=meeting.version,
            send_to_register=True,
        )
    assert MeetingRequest.objects.get(pk=meeting.pk).status == MeetingStatus.REQUESTED


def test_the_forms_say_what_each_field_is_in_the_readers_language(
    court: Court, persona: Persona, client_as: Callable[[str | None], Client]
) -> None:
    """The request, booking, record and refusal forms: labels that say what is asked
    (not "From", "Until", "As", "Why"), with the help the judge needs."""
    judge = persona("judge")
    meeting = _request(judge)
    client = client_as("judge")
    Account.objects.filter(username="judge").update(language="en")
    with translation.override("en"):
        listing = client.get(reverse("meetings:request_list")).content.decode()
        detail = client.get(reverse("meetings:request_detail", args=[meeting.pk])).content.decode()
    for label in ("Case number", "Person asking to meet", "Asking as", "Purpose of the meeting"):
        assert f">{label} <span" in listing, label
    assert ">Request received at <span" in listing
    assert "（2026）鲁02民初123号" in listing  # the case number's example
    for label in ("Designated room", "Meeting starts at", "Meeting ends at", "Reason for refusing"):
        assert f">{label} <span" in detail, label
    assert "A meeting lasts at most 8 hours." in detail
    assert "a room is never booked twice" in detail
    assert '<dt class="col-sm-3">Person asking to meet</dt>' in detail
    for vague in ("From", "Until", "As", "Why", "Who asks"):
        assert f">{vague} <span" not in listing + detail, vague
        assert f">{vague}<" not in listing + detail, vague


def test_the_demo_meetings_are_at_office_hours_of_working_days() -> None:
    """Whenever the demo is loaded (01:11 at night included), its meetings are received,
    booked and held at office hours of the court's local day, and loading it again adds
    nothing."""
    from benchguard.meetings.demo import load_meetings_demo

    rows = list(MeetingRequest.objects.filter(judge__account__username="judge"))
    assert len(rows) == 3
    moments = [row.received_at for row in rows] + [
        m for row in rows for m in (row.starts_at, row.ends_at) if m
    ]
    assert len(moments) == 7
    for moment in moments:
        local = timezone.localtime(moment)
        assert dt.time(8, 30) <= local.time() <= dt.time(17, 30), local
        assert local.weekday() < 5, local
    load_meetings_demo()
    assert MeetingRequest.objects.filter(judge__account__username="judge").count() == 3
