"""Answering an alarm and its escalation (A8, A9.3, A12): an officer takes it on and
records the arrival; an alarm nobody takes on in time goes to every officer, the court's
leaders and the committee office, once — on the officers' screen's poll or by the job."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from benchguard.alarm import services
from benchguard.alarm.choices import AlarmStatus, RecipientStage
from benchguard.alarm.models import AlarmRecipient
from benchguard.alarm.tests.conftest import later
from benchguard.core.jobs import registered_jobs, run_due_jobs
from benchguard.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_an_officer_takes_it_on_records_the_arrival_and_closes_it(court, courtroom, persona, officer2):
    start = later()
    with time_machine.travel(start, tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    with time_machine.travel(start + dt.timedelta(seconds=20), tick=False):
        alarm = services.acknowledge_alarm(actor=persona("police"), alarm=alarm)
    assert alarm.status == AlarmStatus.ACKNOWLEDGED and alarm.acknowledge_seconds == 20
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        services.acknowledge_alarm(actor=officer2, alarm=alarm)
    assert refused.value.code == "acknowledged" and "马军" in refused.value.messages[0]
    with time_machine.travel(start + dt.timedelta(seconds=150), tick=False):
        alarm = services.record_arrival(actor=persona("police"), alarm=alarm)
    assert alarm.status == AlarmStatus.ARRIVED and alarm.arrive_seconds == 150
    with pytest.raises(ValidationError):
        services.record_arrival(actor=officer2, alarm=alarm)
    with pytest.raises(ValidationError) as refused:
        services.close_alarm(actor=persona("office"), alarm=alarm, outcome="  ")
    assert refused.value.error_dict["outcome"][0].code == "outcome_required"
    alarm = services.close_alarm(actor=persona("office"), alarm=alarm, outcome="当事人情绪激动，已劝离")
    assert alarm.status == AlarmStatus.CLOSED and alarm.outcome == "当事人情绪激动，已劝离"
    with pytest.raises(PermissionDenied):
        services.close_alarm(actor=persona("police"), alarm=alarm)  # closed: nobody answers it now


def test_an_officer_arriving_first_takes_it_on_too(court, courtroom, persona):
    with time_machine.travel(later(), tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
        alarm = services.record_arrival(actor=persona("police"), alarm=alarm)
    assert alarm.acknowledged_by == persona("police") and alarm.acknowledged_at == alarm.arrived_at


def test_only_the_courts_judicial_police_answer(court, courtroom, persona):
    with time_machine.travel(later(), tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    for who in ("judge", "office", "leader", "judge2"):
        with pytest.raises(PermissionDenied):
            services.acknowledge_alarm(actor=persona(who), alarm=alarm)
    for who in ("judge", "leader"):
        with pytest.raises(PermissionDenied):
            services.close_alarm(actor=persona(who), alarm=alarm)


def test_an_alarm_not_taken_on_in_time_escalates_once_to_everyone(
    court, courtroom, persona, officer2, put_on_duty
):
    start = later()
    put_on_duty("police2", start)
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    with time_machine.travel(alarm.pressed_at + dt.timedelta(seconds=59), tick=False):
        assert services.escalate_due_alarms() == 0
    with time_machine.travel(alarm.pressed_at + dt.timedelta(seconds=60), tick=False):
        assert services.escalate_due_alarms() == 1
        assert services.escalate_due_alarms() == 0  # twice: nobody is told twice
    stages = dict(AlarmRecipient.objects.filter(alarm=alarm).values_list("account__username", "stage"))
    assert stages["police2"] == RecipientStage.ON_DUTY
    assert {"police", "chair", "vicechair", "leader", "office"} <= set(stages)
    assert all(stages[u] == RecipientStage.ESCALATED for u in ("police", "chair", "leader", "office"))
    assert "judge" not in stages
    assert Notification.objects.filter(recipient=persona("leader"), kind="alarm.pressed").count() == 1
    alarm.refresh_from_db()
    assert alarm.escalated_at == alarm.pressed_at + dt.timedelta(seconds=60)


def test_a_taken_on_alarm_does_not_escalate(court, courtroom, persona):
    with time_machine.travel(later(), tick=False) as clock:
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
        services.acknowledge_alarm(actor=persona("police"), alarm=alarm)
        clock.shift(dt.timedelta(minutes=5))
        assert services.escalate_due_alarms() == 0
    assert not AlarmRecipient.objects.filter(alarm=alarm, stage=RecipientStage.ESCALATED).exists()


def test_the_delay_is_a_setting_of_the_court(court, courtroom, persona):
    from benchguard.alarm.models import AlarmSettings
    from benchguard.core.services import update_versioned

    row = AlarmSettings.objects.get(court=court)
    update_versioned(
        AlarmSettings, row.pk, actor=None, action="alarm.settings.update",
        expected_version=row.version, changes={"escalate_after_seconds": 15},
    )  # fmt: skip
    with time_machine.travel(later(), tick=False) as clock:
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
        clock.shift(dt.timedelta(seconds=14))
        assert services.escalate_due_alarms() == 0
        clock.shift(dt.timedelta(seconds=1))
        assert services.escalate_due_alarms() == 1
    assert alarm.escalate_at == alarm.pressed_at + dt.timedelta(seconds=15)


def test_the_job_runs_every_minute_and_a_second_worker_claims_nothing(court, courtroom, persona):
    assert "alarm.escalate_due_alarms" in {job.name for job in registered_jobs()}
    moment = later(minute=2).astimezone(dt.UTC)
    first = [r.job for r in run_due_jobs(moment, "worker-a")]
    second = [r.job for r in run_due_jobs(moment, "worker-b")]
    assert "alarm.escalate_due_alarms" in first and "alarm.escalate_due_alarms" not in second


def test_the_board_offers_take_it_on_only_to_who_may(
    court, courtroom, persona, officer2, put_on_duty, client_as
):
    """After an escalation the leaders watch the board too, without a button that would
    answer 403."""
    start = later()
    put_on_duty("police2", start)
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    with time_machine.travel(alarm.pressed_at + dt.timedelta(seconds=61), tick=False):
        assert services.escalate_due_alarms() == 1
        leader = client_as("leader").get("/alarm/board/").content.decode()
        police = client_as("police").get("/alarm/board/").content.decode()
    assert f'data-alarm="{alarm.pk}"' in leader and 'data-testid="acknowledge"' not in leader
    assert 'data-testid="acknowledge"' in police
