"""The register of requests to outside bodies (A19): sending, answering, closing and
withdrawing through the services, with their refusals, bounds, same-court checks, the
audit lines and the overdue reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from benchguard.cases.models import Case
from benchguard.core.audit_visibility import AuditView, withheld
from benchguard.core.models import AuditEntry
from benchguard.core.services import StaleEditError
from benchguard.incidents import services as incident_services
from benchguard.incidents.choices import IncidentKind
from benchguard.liaison import services
from benchguard.liaison.choices import RequestStatus
from benchguard.liaison.models import Agency, AgencyContact, LiaisonRequest
from benchguard.matters.models import Matter
from benchguard.notifications.models import Notification
from benchguard.organization.models import Account, Court, Person

pytestmark = pytest.mark.django_db
Send = Callable[..., LiaisonRequest]


def _refusal(run: Callable[[], Any]) -> tuple[str, str]:
    """The field and code of the one refusal `run` raises."""
    with pytest.raises(ValidationError) as caught:
        run()
    [(field, [error])] = caught.value.error_dict.items()
    return field, str(error.code)


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {str(e.code) for errors in error.error_dict.values() for e in errors}
    return {str(error.code)}


def test_the_police_send_a_request_and_it_is_logged_for_the_court(
    send: Send, court: Court, persona: Callable[[str], Account], report: Callable[..., Any]
) -> None:
    incident = report(IncidentKind.DISTURBANCE)
    contact = AgencyContact.objects.get(name="李振华")
    row = send(incident=incident, contact=contact, reference="青中法警函〔2026〕40号", reason="门前聚集")
    assert row.status == RequestStatus.SENT and row.version == 1
    assert row.sent_by == persona("police") and row.court == court
    line = AuditEntry.objects.filter(action="liaison.request.send").latest("id")
    assert line.actor_name == "马军" and line.court_id == court.pk and line.object_id == str(row.pk)
    assert line.data["after"]["incident"] == incident.pk and line.data["after"]["status"] == "sent"
    assert list(incident.liaison_requests.all()) == [row]


def test_the_whole_way_sent_answered_closed(send: Send, persona: Callable[[str], Account]) -> None:
    police, today = persona("police"), timezone.localdate()
    row = send(sent_on=today - dt.timedelta(days=3))
    answered = services.record_answer(
        actor=police,
        request=row,
        expected_version=1,
        answer="已出警劝离。",
        answered_on=today,
        follow_up="一周后回访。",
    )
    assert (answered.status, answered.version, answered.answered_on) == (RequestStatus.ANSWERED, 2, today)
    closed = services.close_request(actor=persona("office"), request=answered, expected_version=2)
    assert closed.status == RequestStatus.CLOSED and closed.follow_up == "一周后回访。"
    line = AuditEntry.objects.filter(action="liaison.request.close").latest("id")
    assert line.data["before"] == {"status": "answered"} and line.data["after"] == {"status": "closed"}
    # Each step once: a closed request takes no answer and cannot be withdrawn or closed again.
    for again in (
        lambda: services.record_answer(
            actor=police, request=closed, expected_version=3, answer="再答", answered_on=today
        ),
        lambda: services.close_request(actor=police, request=closed),
        lambda: services.withdraw_request(actor=police, request=closed, reason="撤回"),
    ):
        with pytest.raises(ValidationError) as caught:
            again()
        assert _codes(caught.value) == {"invalid_transition"}


def test_a_request_awaiting_its_answer_is_withdrawn_with_a_reason(
    send: Send, persona: Callable[[str], Account]
) -> None:
    police, row = persona("police"), send()
    assert _refusal(lambda: services.withdraw_request(actor=police, request=row, reason=" ")) == (
        "reason",
        "required",
    )
    with pytest.raises(ValidationError) as caught:
        services.close_request(actor=police, request=row)
    assert caught.value.code == "invalid_transition"  # only an answered request is closed
    withdrawn = services.withdraw_request(actor=police, request=row, reason="对方已主动处置。")
    assert withdrawn.status == RequestStatus.WITHDRAWN and withdrawn.withdrawal_reason == "对方已主动处置。"
    assert not withdrawn.is_overdue(timezone.localdate() + dt.timedelta(days=30))


def test_the_answer_is_bounded_and_a_stale_one_is_refused(
    send: Send, persona: Callable[[str], Account]
) -> None:
    police, today = persona("police"), timezone.localdate()
    row = send(sent_on=today - dt.timedelta(days=2))

    def answer(**changes: Any) -> LiaisonRequest:
        fields = {"answer": "已处置。", "answered_on": today, "expected_version": 1, **changes}
        return services.record_answer(actor=police, request=row, **fields)

    assert _refusal(lambda: answer(answer="  ")) == ("answer", "required")
    assert _refusal(lambda: answer(answered_on=today - dt.timedelta(days=3))) == ("answered_on", "order")
    assert _refusal(lambda: answer(answered_on=today + dt.timedelta(days=1))) == ("answered_on", "too_late")
    answer()
    with pytest.raises(StaleEditError):
        answer(answer="第二次")
    row.refresh_from_db()
    assert row.answer == "已处置。" and row.version == 2


def test_the_dates_of_a_request_are_bounded(send: Send, report: Callable[..., Any]) -> None:
    today = timezone.localdate()
    assert _refusal(lambda: send(sent_on=today + dt.timedelta(days=1))) == ("sent_on", "too_late")
    assert _refusal(lambda: send(sent_on=dt.date(1949, 9, 30))) == ("sent_on", "too_early")
    assert _refusal(lambda: send(answer_by=today - dt.timedelta(days=1))) == ("answer_by", "order")
    assert _refusal(lambda: send(answer_by=today.replace(year=today.year + 6))) == ("answer_by", "too_late")
    incident = report(IncidentKind.THREAT)
    assert _refusal(lambda: send(incident=incident, sent_on=today - dt.timedelta(days=2))) == (
        "sent_on",
        "order",
    )  # not before the incident
    assert LiaisonRequest.objects.filter(request_text="请依法处置。").count() == 0


def test_everything_a_request_names_is_of_its_court(
    send: Send,
    shinan_body: Agency,
    bureau: Agency,
    person_of: Callable[[str], Person],
    report: Callable[..., Any],
    persona: Callable[[str], Account],
) -> None:
    assert _refusal(lambda: send(agency=shinan_body)) == ("agency", "other_court")
    other_contact = shinan_body.contacts.get()
    assert _refusal(lambda: send(contact=other_contact)) == ("contact", "other_body")
    assert _refusal(lambda: send(judge=person_of("judge2"))) == ("judge", "other_court")
    assert _refusal(lambda: send(judge=None)) == ("judge", "required")
    shinan = Court.objects.get(division_code="370202")
    elsewhere = report(IncidentKind.THREAT, actor="judge2", court=shinan, targets=[person_of("judge2")])
    assert _refusal(lambda: send(incident=elsewhere)) == ("incident", "other_court")
    services.deactivate_agency(actor=persona("office"), agency=bureau)
    bureau.refresh_from_db()
    assert _refusal(lambda: send(agency=bureau)) == ("agency", "other_court")


def test_a_case_or_matter_is_named_only_by_who_sees_it(send: Send, court: Court) -> None:
    case = Case.objects.filter(court=court).first()
    matter = Matter.objects.filter(court=court).first()
    assert case is not None and matter is not None
    # The judicial police read neither the court's cases nor its committee matters.
    assert _refusal(lambda: send(case=case)) == ("case", "other_court")
    assert _refusal(lambda: send(matter=matter)) == ("matter", "other_court")
    # The committee office reads both.
    row = send("office", case=case, matter=matter)
    assert (row.case, row.matter) == (case, matter)


def test_no_request_is_sent_about_a_closed_incident(
    send: Send, report: Callable[..., Any], persona: Callable[[str], Account]
) -> None:
    incident = report(IncidentKind.DISTURBANCE)
    incident_services.close_incident(actor=persona("police"), incident=incident, note="已处置完毕。")
    with pytest.raises(ValidationError) as caught:
        send(incident=incident)
    assert caught.value.code == "closed"


@pytest.mark.parametrize("who", ["chair", "leader", "judge", "judge2", "outsider", "cityadmin", "admin"])
def test_only_the_office_and_the_police_send_and_keep_requests(
    who: str, send: Send, persona: Callable[[str], Account]
) -> None:
    row = send()
    actor = persona(who)
    with pytest.raises(PermissionDenied):
        send(actor)
    with pytest.raises(PermissionDenied):
        services.record_answer(
            actor=actor, request=row, expected_version=1, answer="x", answered_on=timezone.localdate()
        )
    with pytest.raises(PermissionDenied):
        services.withdraw_request(actor=actor, request=row, reason="x")
    row.refresh_from_db()
    assert row.status == RequestStatus.SENT


def test_a_request_is_overdue_when_its_day_passes_without_an_answer(send: Send) -> None:
    today = timezone.localdate()
    row = send(answer_by=today)
    assert not row.is_overdue() and row not in LiaisonRequest.objects.overdue()
    tomorrow = today + dt.timedelta(days=1)
    assert row.is_overdue(tomorrow) and row in LiaisonRequest.objects.overdue(tomorrow)


def test_the_overdue_reminder_goes_to_the_sender_once(send: Send, persona: Callable[[str], Account]) -> None:
    today = timezone.localdate()
    row = send(sent_on=today - dt.timedelta(days=5), answer_by=today - dt.timedelta(days=1))
    key = f"liaison.request.overdue:{row.pk}:{row.answer_by}"
    services.send_overdue_reminders()
    services.send_overdue_reminders()
    [note] = Notification.objects.filter(dedupe_key=key)
    assert note.recipient == persona("police") and "青岛市公安局" in note.title
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        services.send_overdue_reminders()
    assert Notification.objects.filter(dedupe_key=key).count() == 1
    services.record_answer(
        actor=persona("police"), request=row, expected_version=1, answer="已复", answered_on=today
    )
    assert services.send_overdue_reminders(today=today + dt.timedelta(days=10)) == len(
        LiaisonRequest.objects.overdue(today + dt.timedelta(days=10))
    )
    assert Notification.objects.filter(dedupe_key=key).count() == 1


def test_a_sender_who_left_the_role_is_not_reminded(send: Send, persona: Callable[[str], Account]) -> None:
    from benchguard.organization.models import RoleAssignment

    today = timezone.localdate()
    row = send(sent_on=today - dt.timedelta(days=5), answer_by=today - dt.timedelta(days=1))
    RoleAssignment.objects.filter(account=persona("police")).delete()
    services.send_overdue_reminders()
    assert not Notification.objects.filter(
        dedupe_key=f"liaison.request.overdue:{row.pk}:{row.answer_by}"
    ).exists()


def test_the_trail_withholds_a_request_from_those_who_do_not_read_it(
    send: Send, persona: Callable[[str], Account]
) -> None:
    send(request_text="请调查尾随王立明法官的人员。")
    line = AuditEntry.objects.filter(action="liaison.request.send").latest("id")
    shown = AuditView(persona("admin")).shown(line)
    assert shown.object_repr == withheld() and shown.data["after"]["request_text"] == withheld()
    assert AuditView(persona("office")).data(line)["after"]["request_text"] == "请调查尾随王立明法官的人员。"


def test_the_daily_job_reminds_of_the_demos_overdue_answer_once(persona: Callable[[str], Account]) -> None:
    from django.core.management import call_command

    overdue = LiaisonRequest.objects.get(reference="青中法警函〔2026〕18号")
    key = f"liaison.request.overdue:{overdue.pk}:{overdue.answer_by}"
    nine = timezone.localtime().replace(hour=9, minute=0) + dt.timedelta(days=1)
    with time_machine.travel(nine, tick=False):
        call_command("worker", "--once")  # claims the day's 08:15 run and runs it
        call_command("worker", "--once")  # the same day again: nothing more
    assert list(
        Notification.objects.filter(dedupe_key=key).values_list("recipient__username", flat=True)
    ) == ["police"]


def test_lines_about_the_former_police_requests_are_read_as_before(
    court: Court, persona: Callable[[str], Account]
) -> None:
    """Lines written by the incident register before the move keep their object type
    (the trail is append-only); the liaison rule withholds them as it does requests."""
    old = AuditEntry(
        action="incidents.police.request",
        object_type="incidents.policerequest",
        object_id="7",
        object_repr="青岛市公安局市南分局 · 2026-11-20",
        court_id=court.pk,
        data={"after": {"request_text": "请依法调查。", "police_unit": "青岛市公安局市南分局"}},
    )
    assert AuditView(persona("admin")).data(old)["after"]["request_text"] == withheld()
    assert AuditView(persona("police")).shown(old) is old
