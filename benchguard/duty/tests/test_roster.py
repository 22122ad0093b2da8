"""The duty roster's rules (A13.4): who keeps it, who may stand a duty, and never two
shifts of one person at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from benchguard.core.models import AuditEntry
from benchguard.core.services import StaleEditError
from benchguard.duty import services
from benchguard.duty.choices import DutyRole
from benchguard.duty.models import DutyShift
from benchguard.duty.tests.conftest import later
from benchguard.organization.models import Court

pytestmark = pytest.mark.django_db


def _codes(caught: pytest.ExceptionInfo[ValidationError], field: str) -> list[str | None]:
    return [e.code for e in caught.value.error_dict[field]]


def test_the_police_put_an_officer_on_duty_and_the_trail_says_so(put_on_duty, persona) -> None:
    shift = put_on_duty("police", later(), hours=12, note="东门")
    assert (shift.role, shift.version, shift.is_active) == (DutyRole.POLICE, 1, True)
    entry = AuditEntry.objects.get(action="duty.shift.add", object_id=str(shift.pk))
    assert entry.actor_id == persona("police").pk
    assert entry.court_id == shift.court_id


def test_one_person_is_never_on_two_shifts_at_once(put_on_duty) -> None:
    put_on_duty("police", later(hour=8), hours=12)
    with pytest.raises(ValidationError) as caught:
        put_on_duty("police", later(hour=19), hours=4)
    assert _codes(caught, "starts_at") == ["overlap"]
    # Back to back is fine, and so is another person at the same time.
    put_on_duty("police", later(hour=20), hours=12)
    put_on_duty("leader", later(hour=8), hours=12, role=DutyRole.LEADER)
    assert DutyShift.objects.filter(starts_at__gte=later(hour=0)).count() == 3


def test_a_shift_has_bounds(put_on_duty) -> None:
    with pytest.raises(ValidationError) as caught:
        put_on_duty("police", later(), hours=25)
    assert _codes(caught, "ends_at") == ["too_long"]
    with pytest.raises(ValidationError) as caught:
        put_on_duty("police", later(), hours=0)
    assert _codes(caught, "ends_at") == ["ends_before_start"]
    with pytest.raises(ValidationError) as caught:
        put_on_duty("police", later(days=366 * 6))
    assert "too_late" in _codes(caught, "starts_at")
    assert not DutyShift.objects.filter(starts_at__gte=later(hour=0)).exists()


def test_only_officers_stand_duty_and_leaders_may_lead(put_on_duty) -> None:
    with pytest.raises(ValidationError) as caught:
        put_on_duty("judge", later())
    assert _codes(caught, "person") == ["not_eligible"]
    with pytest.raises(ValidationError):
        put_on_duty("leader", later())  # a court leader is not the officer on duty
    assert put_on_duty("leader", later(), role=DutyRole.LEADER).role == DutyRole.LEADER
    assert put_on_duty("police", later(days=41), role=DutyRole.LEADER).role == DutyRole.LEADER


def test_only_the_courts_police_and_leaders_keep_its_roster(court, persona, person_of) -> None:
    shift = {
        "court": court,
        "person": person_of("police"),
        "role": DutyRole.POLICE,
        "starts_at": later(),
        "ends_at": later(hour=20),
    }
    for who in ("guard", "judge", "office", "outsider", "cityadmin", "judge2"):
        with pytest.raises(PermissionDenied):
            services.add_shift(actor=persona(who), **shift)
    assert services.add_shift(actor=persona("leader"), **shift).pk
    shinan = Court.objects.get(division_code="370202")
    with pytest.raises(PermissionDenied):
        services.add_shift(actor=persona("police"), **{**shift, "court": shinan})


def test_a_person_of_another_court_is_refused(court, persona, person_of) -> None:
    with pytest.raises(ValidationError) as caught:
        services.add_shift(
            actor=persona("police"),
            court=court,
            person=person_of("judge2"),
            role=DutyRole.POLICE,
            starts_at=later(),
            ends_at=later(hour=20),
        )
    assert "person" in caught.value.error_dict


def test_an_edit_is_checked_again_and_a_stale_one_refused(put_on_duty, persona) -> None:
    first = put_on_duty("police", later(hour=8), hours=12)
    second = put_on_duty("police", later(days=41, hour=8), hours=12)
    with pytest.raises(ValidationError) as caught:
        services.update_shift(
            actor=persona("police"),
            shift=second,
            expected_version=1,
            changes={"starts_at": later(hour=10), "ends_at": later(hour=18)},
        )
    assert _codes(caught, "starts_at") == ["overlap"]
    moved = services.update_shift(
        actor=persona("leader"), shift=first, expected_version=1, changes={"ends_at": later(hour=18)}
    )
    assert moved.version == 2
    with pytest.raises(StaleEditError):
        services.update_shift(actor=persona("police"), shift=first, expected_version=1, changes={"note": "x"})
    first.refresh_from_db()
    assert (first.ends_at, first.note) == (later(hour=18), "")


def test_a_removed_shift_stays_on_record_and_frees_the_time(put_on_duty, persona) -> None:
    shift = put_on_duty("police", later(hour=8))
    removed = services.remove_shift(actor=persona("police"), shift=shift)
    assert removed.is_active is False and DutyShift.objects.filter(pk=shift.pk).exists()
    with pytest.raises(ValidationError) as caught:
        services.remove_shift(actor=persona("police"), shift=shift)
    assert caught.value.code == "removed"
    assert put_on_duty("police", later(hour=8)).pk != shift.pk
    assert AuditEntry.objects.filter(action="duty.shift.remove", object_id=str(shift.pk)).count() == 1
