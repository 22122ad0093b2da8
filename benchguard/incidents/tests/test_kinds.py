"""The five kinds of incident (A8, A9.1, A9.2, A9.3, A13): what each needs to be
reported, who may report it and who is told, and the incident's life until it is
closed (edits, referral, the committee matter, closing)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from benchguard.core.services import StaleEditError
from benchguard.incidents import services
from benchguard.incidents.choices import (
    IncidentKind,
    IncidentStatus,
    MeasureKind,
    MeasureStatus,
    Nature,
    SanctionMeasure,
)
from benchguard.incidents.models import Incident
from benchguard.incidents.tests.helpers import add_measure, move_measure
from benchguard.matters.models import Matter
from benchguard.notifications.models import Notification

pytestmark = pytest.mark.django_db

ALL_KINDS = list(IncidentKind.values)


# --- Reporting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_each_kind_is_reported_with_its_facts(report, court, persona, kind) -> None:
    incident = report(kind, actor="judge")
    stored = Incident.objects.get(pk=incident.pk)
    assert stored.kind == kind
    assert stored.court == court
    assert stored.status == IncidentStatus.OPEN
    assert stored.reported_by == persona("judge")
    assert stored.version == 1


def test_a_threat_names_who_was_threatened(report) -> None:
    before = Incident.objects.count()
    with pytest.raises(ValidationError) as caught:
        report(IncidentKind.THREAT, targets=[])
    assert "targets" in caught.value.error_dict
    assert Incident.objects.count() == before


@pytest.mark.parametrize(
    ("kind", "missing", "field"),
    [
        (IncidentKind.DISTURBANCE, {"people_count": None}, "people_count"),
        (IncidentKind.GROUP_PETITION, {"people_count": None}, "people_count"),
        (IncidentKind.COURTROOM, {"case_number": ""}, "case_number"),
        (IncidentKind.COURTROOM, {"procedure": ""}, "procedure"),
    ],
)
def test_each_kind_refuses_a_missing_fact(report, kind, missing, field) -> None:
    before = Incident.objects.count()
    with pytest.raises(ValidationError) as caught:
        report(kind, **missing)
    assert field in caught.value.error_dict
    assert Incident.objects.count() == before


@pytest.mark.parametrize(
    ("kind", "nature"),
    [
        (IncidentKind.THREAT, Nature.SIT_IN),
        (IncidentKind.CRIME, Nature.INTIMIDATION),
        (IncidentKind.DISTURBANCE, Nature.WEAPONS),
        (IncidentKind.COURTROOM, Nature.GROUP_PETITION),
        (IncidentKind.GROUP_PETITION, Nature.COURTROOM_DISORDER),
    ],
)
def test_a_nature_of_another_kind_is_refused(report, kind, nature) -> None:
    with pytest.raises(ValidationError) as caught:
        report(kind, nature=nature)
    assert "nature" in caught.value.error_dict


def test_an_incident_cannot_happen_in_the_future(report) -> None:
    with pytest.raises(ValidationError) as caught:
        report(IncidentKind.CRIME, occurred_at=timezone.now() + dt.timedelta(hours=2))
    assert "occurred_at" in caught.value.error_dict


def test_targets_of_another_court_are_refused(report, person_of) -> None:
    with pytest.raises(ValidationError) as caught:
        report(IncidentKind.THREAT, targets=[person_of("judge2")])
    assert "targets" in caught.value.error_dict


def test_no_one_reports_for_a_court_where_they_hold_no_role(report, base_court, person_of) -> None:
    with pytest.raises(PermissionDenied):
        report(IncidentKind.THREAT, actor="judge", court=base_court, targets=[person_of("judge2")])
    with pytest.raises(PermissionDenied):
        report(IncidentKind.CRIME, actor="outsider")
    with pytest.raises(PermissionDenied):
        report(IncidentKind.CRIME, actor="cityadmin")


def test_the_managers_of_the_court_are_notified_of_a_report(report, persona) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    told = set(
        Notification.objects.filter(dedupe_key=f"incidents.reported:{incident.pk}").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"police", "office"} <= told
    assert not told & {"judge", "judge2", "guard", "staff"}
    note = Notification.objects.get(
        recipient=persona("police"), dedupe_key=f"incidents.reported:{incident.pk}"
    )
    assert note.kind == "incidents.reported"
    assert note.url.endswith(f"/{incident.pk}/")
    assert note.court_id == incident.court_id


# --- Editing, referral, committee matter ---------------------------------------------------------


def test_an_edit_on_a_stale_version_is_refused(report, persona) -> None:
    incident = report(IncidentKind.CRIME)
    police = persona("police")
    saved = services.update_incident(
        actor=police, incident=incident, expected_version=1, changes={"place": "审判楼二楼"}
    )
    assert saved.version == 2
    with pytest.raises(StaleEditError):
        services.update_incident(
            actor=persona("office"), incident=incident, expected_version=1, changes={"place": "审判楼三楼"}
        )
    assert Incident.objects.get(pk=incident.pk).place == "审判楼二楼"


def test_only_managers_edit_an_incident(report, persona) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    with pytest.raises(PermissionDenied):
        services.update_incident(
            actor=persona("judge"), incident=incident, expected_version=1, changes={"place": "别处"}
        )


@pytest.mark.parametrize("kind", [IncidentKind.CRIME, IncidentKind.COURTROOM])
def test_a_crime_or_courtroom_disorder_is_referred_for_prosecution(report, persona, kind) -> None:
    incident = report(kind)
    today = timezone.localdate()
    referred = services.refer_for_prosecution(
        actor=persona("police"), incident=incident, referred_to="青岛市公安局市南分局", referred_on=today
    )
    assert referred.criminal_referral_to == "青岛市公安局市南分局"
    assert referred.criminal_referral_on == today


@pytest.mark.parametrize("kind", [IncidentKind.THREAT, IncidentKind.DISTURBANCE, IncidentKind.GROUP_PETITION])
def test_other_kinds_are_not_referred_for_prosecution(report, persona, kind) -> None:
    incident = report(kind)
    with pytest.raises(ValidationError) as caught:
        services.refer_for_prosecution(
            actor=persona("police"),
            incident=incident,
            referred_to="公安机关",
            referred_on=timezone.localdate(),
        )
    assert caught.value.code == "invalid_kind"
    assert Incident.objects.get(pk=incident.pk).criminal_referral_to == ""


def test_a_committee_matter_is_opened_once_by_the_office(report, persona, person_of) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    before = Matter.objects.count()
    matter = services.open_matter(actor=persona("office"), incident=incident)
    assert isinstance(matter, Matter)
    assert Matter.objects.count() == before + 1
    assert Incident.objects.get(pk=incident.pk).matter_id == matter.pk
    assert matter.court_id == incident.court_id
    assert matter.applicant == person_of("judge")
    with pytest.raises(ValidationError) as caught:
        services.open_matter(actor=persona("office"), incident=incident)
    assert caught.value.code == "exists"
    with pytest.raises(ValidationError) as caught:
        services.open_matter(actor=persona("chair"), incident=Incident.objects.get(pk=incident.pk))
    assert caught.value.code == "exists"
    assert Matter.objects.count() == before + 1


def test_the_chair_may_open_a_matter_and_a_judge_may_not(report, persona) -> None:
    incident = report(IncidentKind.DISTURBANCE)
    before = Matter.objects.count()
    with pytest.raises(PermissionDenied):
        services.open_matter(actor=persona("judge"), incident=incident)
    with pytest.raises(PermissionDenied):
        services.open_matter(actor=persona("police"), incident=incident)
    assert Matter.objects.count() == before
    matter = services.open_matter(actor=persona("chair"), incident=incident)
    assert Incident.objects.get(pk=incident.pk).matter_id == matter.pk


# --- Closing ------------------------------------------------------------------------------------


def test_closing_waits_for_the_open_measures(report, persona, person_of) -> None:
    police = persona("police")
    incident = report(IncidentKind.THREAT, actor="judge")
    measure = add_measure(incident, person_of("police"), actor=police)
    with pytest.raises(ValidationError) as caught:
        services.close_incident(actor=police, incident=incident, note="已处理完毕。")
    assert caught.value.code == "open_measures"
    measure = move_measure(measure, MeasureStatus.IN_PROGRESS, actor=police)
    with pytest.raises(ValidationError) as caught:
        services.close_incident(actor=police, incident=incident, note="已处理完毕。")
    assert caught.value.code == "open_measures"
    move_measure(measure, MeasureStatus.DONE, actor=police, result="护送两周，未再发生。")
    closed = services.close_incident(
        actor=police, incident=Incident.objects.get(pk=incident.pk), note="已处理完毕。"
    )
    assert closed.status == IncidentStatus.CLOSED
    assert closed.closed_at is not None
    assert closed.closing_note == "已处理完毕。"


def test_closing_waits_for_the_presidents_decision_on_a_fine(report, persona, person_of) -> None:
    incident = report(IncidentKind.COURTROOM, actor="judge")
    fine = services.impose_sanction(
        actor=persona("judge"),
        incident=incident,
        measure=SanctionMeasure.FINE,
        subject_name="赵某",
        amount=3000,
        reason="冲击审判台。",
    )
    with pytest.raises(ValidationError) as caught:
        services.close_incident(actor=persona("police"), incident=incident, note="庭审秩序恢复。")
    assert caught.value.code == "pending_sanction"
    assert Incident.objects.get(pk=incident.pk).status == IncidentStatus.OPEN
    services.decide_sanction(
        actor=persona("chair"), sanction=fine, expected_version=fine.version, approve=True
    )
    closed = services.close_incident(actor=persona("police"), incident=incident, note="庭审秩序恢复。")
    assert closed.status == IncidentStatus.CLOSED
    with pytest.raises(ValidationError) as caught:
        add_measure(closed, person_of("police"), actor=persona("police"), kind=MeasureKind.ALARM)
    assert caught.value.code == "closed"
    assert not closed.measures.exists()


def test_closing_needs_a_note_and_a_manager(report, persona) -> None:
    incident = report(IncidentKind.CRIME)
    with pytest.raises(ValidationError) as caught:
        services.close_incident(actor=persona("police"), incident=incident, note="  ")
    assert "note" in caught.value.error_dict
    with pytest.raises(PermissionDenied):
        services.close_incident(actor=persona("judge"), incident=incident, note="结束。")
    assert Incident.objects.get(pk=incident.pk).status == IncidentStatus.OPEN


def test_an_incident_is_named_by_the_courts_date_not_utcs(report) -> None:
    """01:15 in Qingdao is 17:15 the day before in UTC: the name says the local day."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from benchguard.incidents.choices import IncidentKind

    night = dt.datetime(2026, 11, 21, 1, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
    incident = report(IncidentKind.THREAT, occurred_at=night)
    assert str(incident).endswith("2026-11-21")
