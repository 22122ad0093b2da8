"""What a closed incident, a finished measure, a refused upload and the audit trail must
hold to: nothing changes a closed record until it is reopened with a reason; a refused
file leaves nothing in storage; every line of a court's record carries the court."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.incidents import services
from benchguard.incidents.choices import (
    ChainStep,
    IncidentKind,
    MeasureKind,
    MeasureStatus,
    PlanKind,
    SanctionMeasure,
)
from benchguard.incidents.models import EmergencyPlan
from benchguard.incidents.tests.helpers import add_measure, move_measure
from benchguard.persons_of_concern.models import PersonOfConcern

pytestmark = pytest.mark.django_db


def _closed(report, persona):
    incident = report(IncidentKind.THREAT)
    return services.close_incident(actor=persona("police"), incident=incident, note="已处置完毕。")


def test_a_closed_incident_changes_only_after_it_is_reopened(report, persona, person_of) -> None:
    police = persona("police")
    incident = _closed(report, persona)
    attempts = [
        lambda: services.set_targets(actor=police, incident=incident, targets=[person_of("chief")]),
        lambda: services.add_attachment(
            actor=police, incident=incident, upload=SimpleUploadedFile("a.txt", b"x", "text/plain")
        ),
        lambda: add_measure(incident, person_of("police"), actor=police, days=3),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.code == "closed"
    with pytest.raises(ValidationError) as caught:
        services.reopen_incident(actor=police, incident=incident, reason=" ")
    assert "reason" in caught.value.error_dict
    with pytest.raises(PermissionDenied):
        services.reopen_incident(actor=persona("judge"), incident=incident, reason="再次威胁")
    reopened = services.reopen_incident(actor=police, incident=incident, reason="当事人再次威胁。")
    assert reopened.status == "open" and reopened.closed_at is None
    services.set_targets(actor=police, incident=reopened, targets=[person_of("judge"), person_of("chief")])
    assert reopened.targets.count() == 2


def test_a_finished_measure_does_not_change_again(report, persona, person_of) -> None:
    police = persona("police")
    measure = add_measure(
        report(IncidentKind.THREAT), person_of("police"), actor=police, kind=MeasureKind.ALARM
    )
    done = services.update_measure(
        actor=police, measure=measure, expected_version=1, status=MeasureStatus.DONE, result="已安装。"
    )
    with pytest.raises(ValidationError) as caught:
        move_measure(done, MeasureStatus.DONE, actor=police, result="改写")
    assert [e.code for e in caught.value.error_dict["status"]] == ["invalid_transition"]
    done.refresh_from_db()
    assert done.result == "已安装。"


def test_a_refused_plan_leaves_no_file_behind(persona, settings) -> None:
    from benchguard.organization.models import Court

    before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    with pytest.raises(ValidationError):
        services.add_plan(
            actor=persona("police"),
            court=Court.objects.get(division_code="370200"),
            kind=PlanKind.HEARING,
            title="   ",  # the model refuses a blank title after the file was written
            upload=SimpleUploadedFile("预案.pdf", b"%PDF-1.4 test", "application/pdf"),
        )
    assert not EmergencyPlan.objects.filter(title="").exists()
    assert {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} == before


def test_lines_about_a_court_s_record_carry_the_court(report, persona, person_of) -> None:
    incident = report(IncidentKind.THREAT)
    add_measure(incident, person_of("police"), actor=persona("police"))
    line = AuditEntry.objects.filter(action="incidents.measure.create").latest("id")
    assert line.court_id == incident.court_id


def test_a_sanction_is_applied_by_a_judge_not_by_whoever_reported(report, persona) -> None:
    incident = report(IncidentKind.COURTROOM, actor="guard")  # the guard reported the disorder
    with pytest.raises(PermissionDenied):
        services.impose_sanction(
            actor=persona("guard"), incident=incident, measure="warning", subject_name="某", reason="喧哗"
        )


# --- Found by mutating the services: each test fails when its rule is taken out ---------------


def _close(incident, persona):
    return services.close_incident(actor=persona("police"), incident=incident, note="结束。")


@pytest.mark.parametrize("what", ["update", "link", "refer", "close", "sanction", "chain", "reception"])
def test_each_change_to_a_closed_incident_is_refused(report, persona, person_of, what) -> None:
    police = persona("police")
    kind = {
        "refer": IncidentKind.CRIME,
        "sanction": IncidentKind.COURTROOM,
        "chain": IncidentKind.GROUP_PETITION,
        "reception": IncidentKind.GROUP_PETITION,
    }.get(what, IncidentKind.THREAT)
    incident = report(kind, actor="judge" if kind in (IncidentKind.COURTROOM,) else "police")
    incident = _close(incident, persona)
    today = timezone.localdate()
    run = {
        "update": lambda: services.update_incident(
            actor=police, incident=incident, expected_version=incident.version, changes={"place": "别处"}
        ),
        "link": lambda: services.link_perpetrator(
            actor=police, incident=incident, person=PersonOfConcern.objects.get(name="单立新")
        ),
        "refer": lambda: services.refer_for_prosecution(
            actor=police, incident=incident, referred_to="分局", referred_on=today
        ),
        "close": lambda: services.close_incident(actor=police, incident=incident, note="再次结束"),
        "sanction": lambda: services.impose_sanction(
            actor=persona("judge"),
            incident=incident,
            measure=SanctionMeasure.WARNING,
            subject_name="某",
            reason="喧哗",
        ),
        "chain": lambda: services.notify_step(
            actor=police, incident=incident, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
        ),
        "reception": lambda: services.record_reception(
            actor=police, incident=incident, **_reception(person_of)
        ),
    }[what]
    with pytest.raises(ValidationError) as caught:
        run()
    assert caught.value.code == "closed"


def test_the_judge_does_not_arrange_the_reception_himself(report, persona) -> None:
    petition = report(IncidentKind.GROUP_PETITION, actor="police", targets=[])
    services.notify_step(
        actor=persona("police"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
    )
    services.notify_step(
        actor=persona("judge"), incident=petition, step=ChainStep.REPORT_CHIEF, notified=persona("chief")
    )
    with pytest.raises(PermissionDenied):
        services.notify_step(
            actor=persona("judge"),
            incident=petition,
            step=ChainStep.ARRANGE_RECEPTION,
            notified=persona("leader"),
        )


def test_someone_outside_the_chain_does_not_record_a_reception(report, persona, person_of) -> None:
    petition = report(IncidentKind.GROUP_PETITION, actor="police", targets=[person_of("judge")])
    services.notify_step(
        actor=persona("police"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
    )
    with pytest.raises(PermissionDenied):
        services.record_reception(actor=persona("member"), incident=petition, **_reception(person_of))


@pytest.mark.parametrize(
    ("measure", "facts", "field"),
    [
        (SanctionMeasure.FINE, {"amount": 0}, "amount"),
        (SanctionMeasure.FINE, {"amount": -500}, "amount"),
        (SanctionMeasure.DETENTION, {"days": 0}, "days"),
        (SanctionMeasure.DETENTION, {"days": -3}, "days"),
    ],
)
def test_a_fine_or_detention_of_zero_or_less_is_refused(report, persona, measure, facts, field) -> None:
    incident = report(IncidentKind.COURTROOM, actor="judge")
    with pytest.raises(ValidationError) as caught:
        services.impose_sanction(
            actor=persona("judge"), incident=incident, measure=measure, subject_name="某", reason="x", **facts
        )
    assert field in caught.value.error_dict


def test_a_reception_needs_a_petitioner(report, persona, person_of) -> None:
    threat = report(IncidentKind.THREAT, actor="police")
    with pytest.raises(ValidationError) as caught:
        services.record_reception(
            actor=persona("police"),
            incident=threat,
            held_at=timezone.now() - dt.timedelta(minutes=5),
            place="接待室",
            participants=[person_of("chief")],
            police=[],
            petitioners=0,
            summary="x",
        )
    assert "petitioners" in caught.value.error_dict


def _reception(person_of: Any) -> dict[str, Any]:
    """A reception's facts, as the tests that record one give them."""
    return {
        "held_at": timezone.now() - dt.timedelta(minutes=5),
        "place": "接待室",
        "participants": [person_of("chief")],
        "police": [person_of("police")],
        "petitioners": 3,
        "summary": "x",
    }
