"""The security checkpoint's shift log (A12.1): one record per post, day and shift, never
more refusals than people checked, never a future day; items held for return (with a
receipt) or seized; anything criminal opens an incident (A9.1), once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from benchguard.gate import selectors, services
from benchguard.gate.choices import Disposition, Shift
from benchguard.gate.models import CheckpointShift, HeldItem
from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.incidents.models import Incident

pytestmark = pytest.mark.django_db


def field_codes(exc: ValidationError, field: str) -> list[str | None]:
    return [error.code for error in exc.error_dict.get(field, [])]


def record(
    actor, post, *, day=None, days=-1, shift=Shift.MORNING, people_checked=10, bags_checked=10, **rest
):
    """services.record_shift for `day` (else `days` from today), ten people and bags, by
    two of the court's judicial police."""
    rest.setdefault("officers", list(selectors.checkpoint_officers(post.court_id)[:2]))
    return services.record_shift(
        actor=actor,
        post=post,
        day=day or timezone.localdate() + dt.timedelta(days=days),
        shift=shift,
        people_checked=people_checked,
        bags_checked=bags_checked,
        **rest,
    )


def add(actor, shift, description, owner_name, disposition, **rest):
    """services.add_item: what was found on whom, and what became of it."""
    return services.add_item(
        actor=actor,
        shift=shift,
        description=description,
        owner_name=owner_name,
        disposition=disposition,
        **rest,
    )


@pytest.fixture
def shift(checkpoint_post, persona):
    """Yesterday afternoon at the checkpoint (the demo recorded today's morning)."""
    return record(
        persona("guard"),
        checkpoint_post,
        shift=Shift.AFTERNOON,
        people_checked=120,
        bags_checked=64,
        refusals=2,
        notes="  下午人流平稳。 ",
    )


@pytest.fixture
def item(shift, persona):
    return add(persona("guard"), shift, "保温杯一个", "钱某", Disposition.HELD, receipt_number="暂存-0101")


@pytest.fixture
def seized(shift, persona):
    return add(persona("police"), shift, "折叠刀一把", "孙某", Disposition.SEIZED)


# --- Shifts ---------------------------------------------------------------------------------------


def test_a_shift_is_recorded(shift, persona, checkpoint_post) -> None:
    shift = CheckpointShift.objects.get(pk=shift.pk)  # as stored, not as built
    assert (shift.post, shift.people_checked, shift.bags_checked, shift.refusals) == (
        checkpoint_post,
        120,
        64,
        2,
    )
    assert shift.notes == "下午人流平稳。"
    assert shift.recorded_by == persona("guard")


def test_more_refusals_than_people_checked_are_refused(checkpoint_post, persona) -> None:
    shifts = CheckpointShift.objects.count()
    with pytest.raises(ValidationError) as caught:
        record(persona("guard"), checkpoint_post, days=-2, people_checked=3, bags_checked=3, refusals=4)
    assert "refusals" in caught.value.error_dict
    assert CheckpointShift.objects.count() == shifts


def test_the_same_shift_twice_is_refused(shift, checkpoint_post, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        record(persona("police"), checkpoint_post, day=shift.day, shift=Shift.AFTERNOON)
    assert field_codes(caught.value, "shift") == ["duplicate"]
    assert (
        CheckpointShift.objects.filter(post=checkpoint_post, day=shift.day, shift=Shift.AFTERNOON).count()
        == 1
    )
    # Another shift of the same day is fine.
    night = record(persona("police"), checkpoint_post, day=shift.day, shift=Shift.NIGHT)
    assert night.shift == Shift.NIGHT


def test_a_gatehouse_is_not_a_checkpoint(gatehouse, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        record(persona("guard"), gatehouse)
    assert "post" in caught.value.error_dict
    assert not CheckpointShift.objects.filter(post=gatehouse).exists()


def test_a_future_day_is_refused(checkpoint_post, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        record(persona("guard"), checkpoint_post, days=1)
    assert "day" in caught.value.error_dict


@pytest.mark.parametrize("username", ["judge", "outsider", "judge2"])
def test_only_the_desk_records_shifts(checkpoint_post, persona, username) -> None:
    with pytest.raises(PermissionDenied):
        record(persona(username), checkpoint_post, shift=Shift.NIGHT, people_checked=1, bags_checked=1)


# --- Items ----------------------------------------------------------------------------------------


def test_a_held_item_needs_a_receipt_number(shift, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        add(persona("guard"), shift, "打火机一个", "李某", Disposition.HELD, receipt_number="  ")
    assert field_codes(caught.value, "receipt_number") == ["required"]
    assert not HeldItem.objects.filter(shift=shift).exists()


def test_a_seized_item_needs_no_receipt(seized) -> None:
    assert seized.disposition == Disposition.SEIZED
    assert seized.receipt_number == ""


def test_a_held_item_is_returned_once(item, persona) -> None:
    guard = persona("guard")
    returned = services.return_item(actor=guard, item=item, expected_version=item.version)
    assert returned.returned_at is not None
    item.refresh_from_db()
    assert item.returned_at == returned.returned_at
    with pytest.raises(ValidationError) as caught:
        services.return_item(actor=guard, item=item, expected_version=item.version)
    assert caught.value.code == "already_returned"
    item.refresh_from_db()
    assert item.returned_at == returned.returned_at


def test_a_seized_item_is_not_returned(seized, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        services.return_item(actor=persona("guard"), item=seized, expected_version=seized.version)
    assert caught.value.code == "seized"
    seized.refresh_from_db()
    assert seized.returned_at is None


def test_a_seized_item_opens_a_crime_incident_once(seized, persona) -> None:
    police = persona("police")
    incidents = Incident.objects.count()
    incident = services.open_incident(
        actor=police, item=seized, nature=Nature.WEAPONS, description="安检发现管制刀具，已扣押。"
    )
    assert incident.kind == IncidentKind.CRIME
    assert incident.nature == Nature.WEAPONS
    assert incident.court == seized.shift.post.court
    assert incident.place == seized.shift.post.name
    seized.refresh_from_db()
    assert seized.incident == incident
    assert Incident.objects.get(held_item=seized) == incident
    assert Incident.objects.count() == incidents + 1

    with pytest.raises(ValidationError) as caught:
        services.open_incident(actor=police, item=seized, nature=Nature.WEAPONS, description="再次上报。")
    assert caught.value.code == "exists"
    assert Incident.objects.count() == incidents + 1


def test_an_incident_without_a_description_takes_the_items(item, persona) -> None:
    incident = services.open_incident(
        actor=persona("guard"), item=item, nature=Nature.WEAPONS, description=" "
    )
    assert incident.description == item.description
