"""The whole path of a judge's application, from the online form to the appeal (A26, A27)."""

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from benchguard.matters import services
from benchguard.matters.choices import Channel, MatterStatus, Response, StepKind, Subject
from benchguard.matters.models import Matter
from benchguard.matters.tests.conftest import at
from benchguard.notifications.models import Notification
from benchguard.organization.models import Account, Person
from tests.audit_trail import actions_on


def test_an_application_goes_from_submission_to_closing(
    application: Callable[..., Matter], persona: Callable[[str], Account], told: Callable[..., Matter]
) -> None:
    office, chair, judge = persona("office"), persona("chair"), persona("judge")
    with time_machine.travel(at("2026-03-02"), tick=False):
        matter = application("judge")
        assert matter.status == MatterStatus.SUBMITTED
        assert Notification.objects.filter(recipient=office, url__endswith=f"/matters/{matter.pk}/").exists()
        matter = services.accept_matter(actor=office, matter=matter, expected_version=matter.version)
    # Accepted on Monday 2 March 2026: the day is not counted; 30 days later is
    # Wednesday 1 April 2026, a working day.
    assert (matter.accepted_on, matter.due_date) == (dt.date(2026, 3, 2), dt.date(2026, 4, 1))
    assert matter.handler == office
    for step in (
        StepKind.REPORTED_TO_CHAIR,
        StepKind.CONTACTED_JUDGE,
        StepKind.CONTACTED_DEPARTMENT,
        StepKind.ADVISED_DEPARTMENT,
        StepKind.REPORTED_BACK,
    ):
        services.record_step(actor=office, matter=matter, step=step, text="已办理。")
    services.record_step(actor=chair, matter=matter, step=StepKind.CHAIR_ACKNOWLEDGED)
    matter = told(matter, findings="属实。", handling_opinion="协调公安机关处理。", channel=Channel.WRITTEN)
    matter = services.record_response(actor=judge, matter=matter, response=Response.ACCEPTS)
    assert matter.status == MatterStatus.CLOSED
    steps = list(matter.events.filter(kind="step").values_list("step", "actor_name"))
    assert (StepKind.CHAIR_ACKNOWLEDGED, "刘建国") in steps and len(steps) == 6
    assert {
        "matters.matter.create",
        "matters.matter.accept",
        "matters.matter.decide",
        "matters.matter.feedback",
        "matters.matter.response",
    } <= actions_on(matter)


def test_the_judge_appeals_and_the_office_records_the_outcome(
    application: Callable[..., Matter], persona: Callable[[str], Account], told: Callable[..., Matter]
) -> None:
    office, judge = persona("office"), persona("judge")
    matter = services.accept_matter(actor=office, matter=application("judge"))
    matter = told(matter, findings="部分属实。", handling_opinion="通报批评。", channel=Channel.ONLINE)
    matter = services.record_response(actor=judge, matter=matter, response=Response.APPEALS)
    assert matter.status == MatterStatus.APPEALED
    assert matter.appeal_body.startswith("山东省高级人民法院")
    assert Notification.objects.filter(recipient=office, title__contains=matter.number).exists()
    matter = services.record_appeal_outcome(
        actor=office, matter=matter, outcome="维持原处理意见。", decided_on=matter.appeal_sent_on
    )
    assert matter.appeal_outcome == "维持原处理意见。"
    with pytest.raises(ValidationError) as caught:
        services.record_appeal_outcome(
            actor=office, matter=matter, outcome="又一次", decided_on=matter.appeal_sent_on
        )
    assert caught.value.code == "recorded"


def test_the_office_registers_a_phoned_application_with_its_original(
    persona: Callable[[str], Account],
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    office = persona("office")
    chief = Person.objects.get(account__username="chief")
    matter = services.register_application(
        actor=office,
        applicant=chief,
        channel=Channel.PHONE,
        subject=Subject.THREAT,
        facts="来电反映。",
        infringer="",
        request="",
        reported_to_department_on=dt.date(2026, 11, 1),
        department_response="未解决。",
    )
    attachment = services.add_attachment(
        actor=office,
        matter=matter,
        upload=SimpleUploadedFile("记录.txt", b"record", content_type="text/plain"),
    )
    # sha256 of the six bytes "record", computed with `printf record | sha256sum`.
    assert attachment.sha256 == "70ce871f8a3d3fb449bc3c3ace6547cef02dfc74ffe48d912532a724bfdbe5b9"
    assert matter.channel == Channel.PHONE and matter.registered_by == office


def test_the_committee_opens_a_matter_itself_and_its_clock_starts(persona: Callable[[str], Account]) -> None:
    from benchguard.organization.models import Court

    with time_machine.travel(at("2026-09-10"), tick=False):
        matter = services.open_ex_officio(
            actor=persona("office"),
            court=Court.objects.get(division_code="370200"),
            subject=Subject.DEFAMATION,
            facts="网络侮辱法官。",
        )
    # 10 September 2026 + 30 days = Saturday 10 October 2026, a make-up workday
    # (调休上班) after National Day: the period ends that day.
    assert (matter.status, matter.due_date) == (MatterStatus.ACCEPTED, dt.date(2026, 10, 10))


def test_a_declined_applicant_sees_the_reason_and_resubmits(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    matter = application("judge")
    services.decline_matter(actor=persona("office"), matter=matter, reason="未说明部门处理情况。")
    assert Notification.objects.filter(recipient=persona("judge"), body="未说明部门处理情况。").exists()
    again = application("judge", resubmission_of=Matter.objects.get(pk=matter.pk))
    assert again.resubmission_of_id == matter.pk and again.status == MatterStatus.SUBMITTED
    assert again.number != matter.number


def test_notifications_reach_the_judge_by_email(
    application: Callable[..., Matter], persona: Callable[[str], Account], django_capture_on_commit_callbacks
) -> None:
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        matter = services.accept_matter(actor=persona("office"), matter=application("judge"))
    call_command("worker", "--once")
    assert any(
        matter.number in message.subject for message in mail.outbox if "judge@court.local" in message.to
    )


def test_only_the_office_accepts(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    with pytest.raises(PermissionDenied):
        services.accept_matter(actor=persona("chief"), matter=application("judge"))
