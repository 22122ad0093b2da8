"""Duty alerts (A13.1, A13.4; issue 12 part 5): to whoever is on duty first, to every
officer once when nobody on duty takes it on in time, to everyone at once when nobody
is on duty."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy

from benchguard.core.jobs import registered_jobs, run_due_jobs
from benchguard.core.models import AuditEntry
from benchguard.duty import services
from benchguard.duty.choices import AlertStage, DutyRole
from benchguard.duty.models import DutyAlert, DutySettings
from benchguard.duty.tests.conftest import later
from benchguard.notifications.models import Notification
from benchguard.notifications.services import localized

pytestmark = pytest.mark.django_db

TITLE = gettext_lazy("A visitor at the gate is on hold")


def _raise(court, occasion: str = "test.hold:1", **more) -> DutyAlert:
    fields = {"title": TITLE, "body": "东门 · 09:00", "url": "/gate/holds/", **more}
    return services.alert_on_duty(court=court, kind="test.hold", occasion=occasion, **fields)


def _told(occasion: str = "test.hold:1") -> set[str]:
    return set(Notification.objects.filter(dedupe_key=occasion).values_list("recipient__username", flat=True))


def _stages(alert: DutyAlert) -> dict[str, str]:
    return dict(alert.recipients.values_list("account__username", "stage"))


def test_with_nobody_on_duty_every_officer_is_told_at_once(court, officer2) -> None:
    with time_machine.travel(later(), tick=False):
        alert = _raise(court)
    assert _told() == {"police", "police2"}
    assert _stages(alert) == {"police": AlertStage.EVERYONE, "police2": AlertStage.EVERYONE}
    assert alert.escalate_at is None
    with time_machine.travel(later(hour=12), tick=False):
        assert services.escalate_due_alerts() == 0


def test_the_officer_on_duty_is_told_first_then_everyone_once(court, officer2, put_on_duty, persona) -> None:
    put_on_duty("police2", later(hour=8))
    start = later(hour=9)
    with time_machine.travel(start, tick=False):
        alert = _raise(court)
    assert _told() == {"police2"}
    assert alert.escalate_at == start + dt.timedelta(minutes=10)  # the default setting
    with time_machine.travel(start + dt.timedelta(minutes=9, seconds=59), tick=False):
        assert services.escalate_due_alerts() == 0
    assert _told() == {"police2"}
    with time_machine.travel(start + dt.timedelta(minutes=10), tick=False):
        assert services.escalate_due_alerts() == 1
        assert services.escalate_due_alerts() == 0  # once
    with time_machine.travel(start + dt.timedelta(hours=5), tick=False):
        assert services.escalate_due_alerts() == 0  # never again
    assert _told() == {"police", "police2"}
    assert Notification.objects.filter(dedupe_key="test.hold:1").count() == 2  # nobody twice
    alert.refresh_from_db()
    assert _stages(alert) == {"police2": AlertStage.ON_DUTY, "police": AlertStage.ESCALATED}
    assert alert.escalated_at == start + dt.timedelta(minutes=10)
    assert AuditEntry.objects.filter(action="duty.alert.escalate", object_id=str(alert.pk)).count() == 1


def test_the_escalation_reads_in_each_officers_language(court, officer2, put_on_duty, persona) -> None:
    police = persona("police")
    police.language = "en"
    police.save(update_fields=["language"])
    put_on_duty("police2", later(hour=8))
    with time_machine.travel(later(hour=9), tick=False), translation.override("zh-hans"):
        _raise(court, body=localized("%(kind)s", kind=DutyRole.LEADER.label))
    with time_machine.travel(later(hour=10), tick=False):
        services.escalate_due_alerts()
    note = Notification.objects.get(recipient=police, dedupe_key="test.hold:1")
    assert note.title == "Not acknowledged in time: A visitor at the gate is on hold"
    assert note.body == "Duty leader"
    first = Notification.objects.get(recipient__username="police2", dedupe_key="test.hold:1")
    with translation.override("zh-hans"):
        assert first.title == str(TITLE)


def test_an_acknowledged_alert_does_not_escalate(court, officer2, put_on_duty, persona) -> None:
    put_on_duty("police2", later(hour=8))
    with time_machine.travel(later(hour=9), tick=False):
        alert = _raise(court)
    with pytest.raises(PermissionDenied):
        services.acknowledge_alert(actor=persona("police"), alert=alert)  # not told (yet)
    with time_machine.travel(later(hour=9, minute=3), tick=False):
        services.acknowledge_alert(actor=persona("police2"), alert=alert)
        with pytest.raises(ValidationError) as second:  # a second click is told who took it on
            services.acknowledge_alert(actor=persona("police2"), alert=alert)
    assert second.value.code == "acknowledged"
    again = DutyAlert.objects.get(pk=alert.pk)
    assert again.acknowledged_at == later(hour=9, minute=3)
    assert again.acknowledged_by == persona("police2")
    assert AuditEntry.objects.filter(action="duty.alert.acknowledge", object_id=str(alert.pk)).count() == 1
    with time_machine.travel(later(hour=11), tick=False):
        assert services.escalate_due_alerts() == 0
    assert _told() == {"police2"}


def test_a_settled_occasion_does_not_escalate(court, officer2, put_on_duty) -> None:
    put_on_duty("police2", later(hour=8))
    with time_machine.travel(later(hour=9), tick=False):
        _raise(court)
        assert services.settle_alert(occasion="test.hold:1") is True
        assert services.settle_alert(occasion="test.hold:1") is False
        assert services.settle_alert(occasion="no-such") is False
    with time_machine.travel(later(hour=11), tick=False):
        assert services.escalate_due_alerts() == 0


def test_the_duty_leader_is_told_first_and_the_leaders_on_escalation(court, put_on_duty) -> None:
    put_on_duty("police", later(hour=8))
    put_on_duty("leader", later(hour=8), role=DutyRole.LEADER)
    with time_machine.travel(later(hour=9), tick=False):
        alert = _raise(court, leaders=True)
    assert _told() == {"police", "leader"}
    with time_machine.travel(later(hour=9, minute=10), tick=False):
        services.escalate_due_alerts()
    assert _told() == {"police", "leader", "chair", "vicechair"}
    assert _stages(alert)["chair"] == AlertStage.ESCALATED


def test_with_no_duty_leader_on_duty_every_leader_is_told_at_once(court, put_on_duty) -> None:
    put_on_duty("police", later(hour=8))
    with time_machine.travel(later(hour=9), tick=False):
        alert = _raise(court, leaders=True)
    assert _told() == {"police", "leader", "chair", "vicechair"}
    assert alert.escalate_at is None  # everyone has it already


def test_the_court_sets_how_long_the_officer_on_duty_has(court, officer2, put_on_duty) -> None:
    settings_row = DutySettings.objects.get(court=court)
    settings_row.escalate_after_minutes = 3
    settings_row.save()
    put_on_duty("police2", later(hour=8))
    with time_machine.travel(later(hour=9), tick=False):
        alert = _raise(court)
    assert alert.escalate_at == later(hour=9, minute=3)


def test_the_same_occasion_is_one_alert_and_extra_people_are_told_at_once(
    court, put_on_duty, persona
) -> None:
    put_on_duty("police", later(hour=8))
    with time_machine.travel(later(hour=9), tick=False):
        first = _raise(court, also=[persona("judge")])
        second = _raise(court, also=[persona("judge"), persona("chief")])
    assert first.pk == second.pk
    assert _told() == {"police", "judge"}
    assert _stages(first)["judge"] == AlertStage.EXTRA
    assert Notification.objects.filter(dedupe_key="test.hold:1").count() == 2


def test_a_removed_shift_or_a_lost_role_is_not_on_duty(court, officer2, put_on_duty, persona) -> None:
    shift = put_on_duty("police2", later(hour=8))
    services.remove_shift(actor=persona("police"), shift=shift)
    with time_machine.travel(later(hour=9), tick=False):
        _raise(court)
    assert _told() == {"police", "police2"}  # nobody on duty: everyone


def test_the_job_escalates_every_minute_and_a_second_worker_claims_nothing(
    court, officer2, put_on_duty
) -> None:
    assert "duty.escalate_due_alerts" in {job.name for job in registered_jobs()}
    put_on_duty("police2", later(hour=8))
    with time_machine.travel(later(hour=9), tick=False):
        _raise(court)
    moment = later(hour=9, minute=20).astimezone(ZoneInfo("UTC"))
    first = [r.job for r in run_due_jobs(moment, "worker-a")]
    second = [r.job for r in run_due_jobs(moment, "worker-b")]
    assert "duty.escalate_due_alerts" in first and "duty.escalate_due_alerts" not in second
