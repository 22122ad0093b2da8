"""A press of the alarm (A8, A9.3, A12): it tells the officer on duty (or every officer),
opens or joins an incident, and one press is one alarm."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from benchguard.alarm import services
from benchguard.alarm.choices import AlarmStatus, RecipientStage
from benchguard.alarm.models import Alarm, AlarmSettings
from benchguard.alarm.tests.conftest import later
from benchguard.core.models import AuditEntry
from benchguard.core.services import update_versioned
from benchguard.incidents import services as incidents
from benchguard.incidents.choices import IncidentKind, IncidentStatus
from benchguard.notifications.models import Notification

pytestmark = pytest.mark.django_db


def told(alarm: Alarm) -> dict[str, str]:
    return {r.account.username: r.stage for r in alarm.recipients.select_related("account")}


def hearing(point, persona, number="（2026）鲁02民初123号"):
    return services.set_hearing(actor=persona("clerk"), point=point, case_number=number, procedure="civil")


def test_a_courtroom_press_tells_the_officer_on_duty_and_opens_a_courtroom_incident(
    court, courtroom, persona, officer2, put_on_duty
):
    hearing(courtroom, persona)
    start = later()
    put_on_duty("police2", start)
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    assert alarm.status == AlarmStatus.RAISED
    assert alarm.place.startswith("第一法庭")
    assert told(alarm) == {"police2": RecipientStage.ON_DUTY}
    assert alarm.incident.kind == IncidentKind.COURTROOM
    assert alarm.incident.case_number == "（2026）鲁02民初123号" and alarm.incident.procedure == "civil"
    assert alarm.incident.court_id == court.pk and not alarm.joined
    assert alarm.escalate_at == alarm.pressed_at + dt.timedelta(seconds=60)
    note = Notification.objects.get(recipient=officer2, kind="alarm.pressed")
    assert "第一法庭" in note.title and note.url == f"/alarm/{alarm.pk}/"
    assert not Notification.objects.filter(recipient__username="police", kind="alarm.pressed").exists()
    assert AuditEntry.objects.filter(action="alarm.alarm.press", object_id=str(alarm.pk)).exists()


def test_with_nobody_on_duty_every_officer_is_told(court, courtroom, persona, officer2):
    with time_machine.travel(later(hour=23), tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    assert told(alarm) == {"police": RecipientStage.EVERYONE, "police2": RecipientStage.EVERYONE}


def test_a_judges_own_alarm_opens_a_threat_to_that_judge(court, persona, person_of):
    with time_machine.travel(later(), tick=False):
        alarm = services.press_alarm(actor=persona("judge"), court=court, place="执行现场，城阳区")
    assert alarm.point is None and alarm.person == person_of("judge")
    assert "执行现场" in alarm.place and "王立明" in alarm.place
    assert alarm.incident.kind == IncidentKind.THREAT
    assert list(alarm.incident.targets.all()) == [person_of("judge")]


def test_a_second_press_within_seconds_is_the_same_alarm(court, courtroom, persona):
    start = later()
    with time_machine.travel(start, tick=False):
        first = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    with time_machine.travel(start + dt.timedelta(seconds=5), tick=False):
        again = services.press_alarm(actor=persona("judge"), court=court, point=courtroom)
    assert again.pk == first.pk and again.presses == 2
    assert Alarm.objects.count() == 1


def test_a_later_press_from_the_same_place_joins_the_open_incident(court, courtroom, reception, persona):
    start = later()
    with time_machine.travel(start, tick=False):
        first = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    with time_machine.travel(start + dt.timedelta(minutes=3), tick=False):
        second = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
        elsewhere = services.press_alarm(actor=persona("staff"), court=court, point=reception)
    assert second.pk != first.pk and second.joined and second.incident_id == first.incident_id
    assert elsewhere.incident_id != first.incident_id and elsewhere.incident.kind == IncidentKind.THREAT
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        third = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    assert third.incident_id != first.incident_id  # 11 minutes after the last: a new incident


def test_the_joining_window_is_a_setting_and_a_closed_incident_is_never_joined(court, courtroom, persona):
    settings = AlarmSettings.objects.get(court=court)
    update_versioned(
        AlarmSettings, settings.pk, actor=None, action="alarm.settings.update",
        expected_version=settings.version, changes={"join_within_minutes": 0},
    )  # fmt: skip
    start = later()
    with time_machine.travel(start, tick=False):
        first = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    with time_machine.travel(start + dt.timedelta(minutes=1), tick=False):
        second = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    assert second.incident_id != first.incident_id
    update_versioned(
        AlarmSettings, settings.pk, actor=None, action="alarm.settings.update",
        expected_version=settings.version + 1, changes={"join_within_minutes": 30},
    )  # fmt: skip
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        incidents.close_incident(actor=persona("police"), incident=second.incident, note="已处置")
        third = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    assert second.incident.__class__.objects.get(pk=second.incident_id).status == IncidentStatus.CLOSED
    assert third.incident_id not in {first.incident_id, second.incident_id}


def test_only_someone_of_the_court_may_press(court, courtroom, persona):
    with pytest.raises(PermissionDenied):
        services.press_alarm(actor=persona("judge2"), court=court, point=courtroom)
    with pytest.raises(PermissionDenied):
        services.press_alarm(actor=persona("outsider"), court=court, point=courtroom)
    with pytest.raises(PermissionDenied):
        services.press_alarm(actor=None, court=court, point=courtroom)
    assert not Alarm.objects.exists()


def test_a_point_out_of_use_refuses(court, courtroom, persona):
    update_versioned(
        type(courtroom), courtroom.pk, actor=None, action="alarm.point.update",
        expected_version=courtroom.version, changes={"is_active": False},
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    assert "point" in refused.value.message_dict


def test_a_courtroom_with_no_hearing_set_records_a_threat_to_whoever_pressed(
    court, courtroom, persona, person_of
):
    with time_machine.travel(later(), tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    assert alarm.incident.kind == IncidentKind.THREAT
    assert list(alarm.incident.targets.all()) == [person_of("staff")]


def test_the_hearing_needs_a_procedure_and_only_a_courtroom_has_one(court, courtroom, reception, persona):
    with pytest.raises(ValidationError) as refused:
        services.set_hearing(
            actor=persona("clerk"), point=courtroom, case_number="（2026）鲁02民初1号", procedure=""
        )
    assert "hearing_procedure" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.set_hearing(actor=persona("clerk"), point=reception, case_number="x", procedure="civil")
    with pytest.raises(PermissionDenied):
        services.set_hearing(actor=persona("judge2"), point=courtroom, case_number="x", procedure="civil")
    cleared = services.set_hearing(
        actor=persona("clerk"), point=hearing(courtroom, persona), case_number="", procedure="civil"
    )
    assert cleared.hearing_case_number == "" and cleared.hearing_procedure == ""
