"""Protective measures and the request to the police (A8, A9.2): who does what by when,
the measure's path, the owner's part, and the police's response tracked; the demo
holds an incident of every kind."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from benchguard.core.services import StaleEditError
from benchguard.incidents import services
from benchguard.incidents.choices import IncidentKind, MeasureStatus
from benchguard.incidents.models import Incident
from benchguard.incidents.tests.helpers import add_measure, move_measure
from benchguard.notifications.models import Notification
from benchguard.organization.models import Person

pytestmark = pytest.mark.django_db


def test_a_measure_runs_planned_in_progress_done(report, persona, person_of) -> None:
    police = persona("police")
    incident = report(IncidentKind.THREAT)
    measure = add_measure(incident, person_of("police"), actor=police)
    assert measure.status == MeasureStatus.PLANNED
    measure = move_measure(measure, MeasureStatus.IN_PROGRESS, actor=police)
    with pytest.raises(ValidationError) as caught:
        move_measure(measure, MeasureStatus.DONE, actor=police)
    assert "result" in caught.value.error_dict  # done says what was done
    done = move_measure(measure, MeasureStatus.DONE, actor=police, result="已护送两周，未再发现尾随。")
    assert done.status == MeasureStatus.DONE and done.done_at is not None
    with pytest.raises(ValidationError) as caught:
        move_measure(done, MeasureStatus.IN_PROGRESS, actor=police)
    assert [e.code for e in caught.value.error_dict["status"]] == ["invalid_transition"]


def test_a_stale_update_of_a_measure_is_refused(report, persona, person_of) -> None:
    police = persona("police")
    measure = add_measure(report(IncidentKind.THREAT), person_of("police"), actor=police)
    services.update_measure(
        actor=persona("office"), measure=measure, expected_version=1, status=MeasureStatus.IN_PROGRESS
    )
    with pytest.raises(StaleEditError):
        services.update_measure(
            actor=police, measure=measure, expected_version=1, status=MeasureStatus.CANCELLED, result="不需要"
        )


def test_the_owner_is_told_and_may_report_on_their_measure(report, persona, person_of) -> None:
    incident = report(IncidentKind.THREAT)
    owner = person_of("chief")  # a division chief given a measure: not a manager
    measure = add_measure(incident, owner, actor=persona("police"))
    assert Notification.objects.filter(recipient=owner.account, kind="incidents.measure").count() == 1
    assert Incident.objects.visible_to(owner.account).filter(pk=incident.pk).exists()
    updated = services.update_measure(
        actor=owner.account, measure=measure, expected_version=1, status=MeasureStatus.IN_PROGRESS
    )
    assert updated.status == MeasureStatus.IN_PROGRESS
    with pytest.raises(PermissionDenied):  # someone else who sees nothing of it
        services.update_measure(
            actor=persona("member"), measure=updated, expected_version=2, status=MeasureStatus.CANCELLED
        )


def test_a_measure_needs_an_owner_of_the_court_and_a_future_due_date(report, persona, person_of) -> None:
    police = persona("police")
    incident = report(IncidentKind.THREAT)
    with pytest.raises(ValidationError) as caught:
        add_measure(incident, person_of("judge2"), actor=police)
    assert "owner" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        add_measure(incident, person_of("police"), actor=police, days=-1)
    assert "due_date" in caught.value.error_dict
    with pytest.raises(PermissionDenied):  # the reporting judge does not plan the measures
        add_measure(incident, person_of("police"), actor=persona("judge"))
    assert incident.measures.count() == 0


def test_the_demo_holds_every_kind_and_the_list_names_its_incidents() -> None:
    from benchguard.persons_of_concern.models import ControlledListEntry

    assert set(Incident.objects.values_list("kind", flat=True)) == set(IncidentKind.values)
    entry = ControlledListEntry.objects.get(person__name="钱永刚")
    assert [i.kind for i in entry.incidents.all()] == [IncidentKind.CRIME]
    assert entry.status == "active"
    judge = Person.objects.get(account__username="judge")
    assert Incident.objects.filter(targets=judge, measures__isnull=False).exists()
