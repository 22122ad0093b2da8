"""The gatehouse at day's end (A12.2) and the retention of visitors' personal data:
every visitor not checked out is recorded once a day, a document left behind stays held
until collected, and personal data is blanked GATE_VISITOR_RETENTION_DAYS after the
visit ended, once the document has gone back."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.gate import selectors, services
from benchguard.gate.choices import DayEndOutcome, ReturnedHow, VisitStatus
from benchguard.gate.models import DayEndRecord, IdDeposit, Visit
from benchguard.gate.tests.conftest import days_ahead

pytestmark = pytest.mark.django_db


def field_codes(exc: ValidationError, field: str) -> list[str | None]:
    return [error.code for error in exc.error_dict.get(field, [])]


# --- The day-end list -----------------------------------------------------------------------------


def test_the_day_end_list_shows_visitors_not_checked_out_and_documents_held(
    visitor, gatehouse, persona
) -> None:
    guard, judge = persona("guard"), persona("judge")
    waiting = visitor()
    inside = services.confirm(actor=judge, visit=visitor())
    gone = services.check_out(actor=guard, visit=services.confirm(actor=judge, visit=visitor()))
    refused = services.close_visit(actor=guard, visit=visitor(), reason="访客自行离开。")

    visits, deposits = selectors.day_end_list(post=gatehouse, day=timezone.localdate())
    open_ids = {v.pk for v in visits}
    held_ids = {d.visit_id for d in deposits}
    assert {waiting.pk, inside.pk} <= open_ids
    assert {waiting.pk, inside.pk} <= held_ids
    assert gone.pk not in open_ids | held_ids
    assert refused.pk not in open_ids | held_ids
    assert all(v.status in (VisitStatus.PENDING, VisitStatus.ON_HOLD, VisitStatus.ADMITTED) for v in visits)
    assert all(d.returned_at is None for d in deposits)


def test_a_visitor_recorded_today_leaves_the_list_but_not_the_document(visitor, gatehouse, persona) -> None:
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    today = timezone.localdate()
    services.record_day_end(
        actor=persona("guard"), visit=visit, day=today, outcome=DayEndOutcome.STAYS_AUTHORISED
    )
    visits, deposits = selectors.day_end_list(post=gatehouse, day=today)
    assert visit.pk not in {v.pk for v in visits}
    assert visit.pk in {d.visit_id for d in deposits}
    # Tomorrow the visitor is on the list again.
    visits, _deposits = selectors.day_end_list(post=gatehouse, day=today + dt.timedelta(days=1))
    assert visit.pk in {v.pk for v in visits}


# --- Recording what happened ----------------------------------------------------------------------


def test_left_by_another_exit_ends_the_visit_and_the_document_waits(visitor, gatehouse, persona) -> None:
    guard = persona("guard")
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    record = services.record_day_end(
        actor=guard, visit=visit, day=timezone.localdate(), outcome=DayEndOutcome.LEFT_OTHER_EXIT
    )
    assert record.recorded_by == guard
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DEPARTED
    assert visit.departure_note != ""
    deposit = IdDeposit.objects.get(visit=visit)
    assert deposit.returned_at is None
    _visits, deposits = selectors.day_end_list(post=gatehouse, day=timezone.localdate())
    assert deposit.pk in {d.pk for d in deposits}

    deposit = services.hand_back(actor=guard, deposit=deposit)
    assert deposit.returned_at is not None
    assert deposit.returned_how == ReturnedHow.COLLECTED
    assert deposit.returned_by == guard
    returned_at = deposit.returned_at

    with pytest.raises(ValidationError) as caught:
        services.hand_back(actor=guard, deposit=deposit)
    assert caught.value.code == "already_returned"
    deposit.refresh_from_db()
    assert deposit.returned_at == returned_at
    assert deposit.returned_how == ReturnedHow.COLLECTED


def test_other_needs_a_note(visitor, persona) -> None:
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    with pytest.raises(ValidationError) as caught:
        services.record_day_end(
            actor=persona("guard"),
            visit=visit,
            day=timezone.localdate(),
            outcome=DayEndOutcome.OTHER,
            note=" ",
        )
    assert field_codes(caught.value, "note") == ["required"]
    assert not DayEndRecord.objects.filter(visit=visit).exists()

    record = services.record_day_end(
        actor=persona("guard"),
        visit=visit,
        day=timezone.localdate(),
        outcome=DayEndOutcome.OTHER,
        note="访客在调解室等候，承办法官已知悉。",
    )
    assert record.note == "访客在调解室等候，承办法官已知悉。"


def test_an_unknown_outcome_is_refused(visitor, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        services.record_day_end(
            actor=persona("guard"), visit=visitor(), day=timezone.localdate(), outcome="fled"
        )
    assert "outcome" in caught.value.error_dict


def test_a_visitor_is_recorded_once_a_day(visitor, persona) -> None:
    guard, today = persona("guard"), timezone.localdate()
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    services.record_day_end(actor=guard, visit=visit, day=today, outcome=DayEndOutcome.STAYS_AUTHORISED)
    with pytest.raises(ValidationError) as caught:
        services.record_day_end(
            actor=guard, visit=visit, day=today, outcome=DayEndOutcome.OTHER, note="再次登记。"
        )
    assert caught.value.code == "duplicate"
    assert DayEndRecord.objects.filter(visit=visit).count() == 1
    # The next day is another record.
    services.record_day_end(
        actor=guard, visit=visit, day=today + dt.timedelta(days=1), outcome=DayEndOutcome.STAYS_AUTHORISED
    )
    assert DayEndRecord.objects.filter(visit=visit).count() == 2


def test_a_visit_already_over_is_not_recorded(visitor, persona) -> None:
    guard = persona("guard")
    visit = services.close_visit(actor=guard, visit=visitor(), reason="访客自行离开。")
    with pytest.raises(ValidationError) as caught:
        services.record_day_end(
            actor=guard, visit=visit, day=timezone.localdate(), outcome=DayEndOutcome.LEFT_OTHER_EXIT
        )
    assert caught.value.code == "invalid_transition"


def test_the_document_handed_to_the_police(visitor, persona) -> None:
    guard = persona("guard")
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    services.record_day_end(
        actor=guard, visit=visit, day=timezone.localdate(), outcome=DayEndOutcome.ID_TO_POLICE
    )
    deposit = IdDeposit.objects.get(visit=visit)
    assert deposit.returned_at is not None
    assert deposit.returned_how == ReturnedHow.TO_POLICE
    assert deposit.returned_by == guard
    with pytest.raises(ValidationError) as caught:
        services.hand_back(actor=guard, deposit=deposit)
    assert caught.value.code == "already_returned"


def test_the_day_end_page_records_and_keeps_the_input_when_refused(visitor, client_as, persona) -> None:
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    guard = client_as("guard")
    prefix = f"v{visit.pk}"
    refused = guard.post(
        reverse("gate:day_end"),
        {"visit": visit.pk, f"{prefix}-outcome": DayEndOutcome.OTHER, f"{prefix}-note": ""},
    )
    assert refused.status_code == 400
    assert 'data-field-error="note"' in refused.content.decode()
    assert not DayEndRecord.objects.filter(visit=visit).exists()
    done = guard.post(
        reverse("gate:day_end"),
        {"visit": visit.pk, f"{prefix}-outcome": DayEndOutcome.ID_TO_POLICE, f"{prefix}-note": ""},
    )
    assert done.status_code == 302
    assert IdDeposit.objects.get(visit=visit).returned_how == ReturnedHow.TO_POLICE


# --- Retention ------------------------------------------------------------------------------------


def ended_before_the_test() -> set[int]:
    """Visits already over (left or closed), not purged, whose document went back: the
    demo's, which are due once the test has moved the clock on by more than 30 days."""
    return set(
        Visit.objects.filter(purged_at__isnull=True, status__in=[VisitStatus.DEPARTED, VisitStatus.CLOSED])
        .exclude(deposit__returned_at__isnull=True)
        .values_list("pk", flat=True)
    )


def test_personal_data_is_purged_after_the_retention_period(visitor, persona, settings) -> None:
    settings.GATE_VISITOR_RETENTION_DAYS = 30
    guard, judge = persona("guard"), persona("judge")
    earlier = ended_before_the_test()
    day = days_ahead(10, 9)  # D, 09:00; the purge runs on D + 31 at 02:30

    def visit_and_leave(arrival: dt.datetime) -> Visit:
        with time_machine.travel(arrival, tick=False):
            visit = services.confirm(actor=judge, visit=visitor(phone="13912345678"))
        with time_machine.travel(arrival + dt.timedelta(hours=2), tick=False):
            return services.check_out(actor=guard, visit=visit)

    old = visit_and_leave(day)  # ended 31 days before the purge
    recent = visit_and_leave(day + dt.timedelta(days=2))  # ended 29 days before
    with time_machine.travel(day, tick=False):
        left_id = services.confirm(actor=judge, visit=visitor(phone="13912345679"))  # left, ID not collected
        services.record_day_end(
            actor=guard, visit=left_id, day=day.date(), outcome=DayEndOutcome.LEFT_OTHER_EXIT
        )
    index = old.document_index

    moment = (day + dt.timedelta(days=31)).replace(hour=2, minute=30)
    with time_machine.travel(moment, tick=False):
        purged = services.purge_visitor_data()
        again = services.purge_visitor_data()

    done = set(Visit.objects.filter(purged_at=moment).values_list("pk", flat=True))
    assert done == earlier | {old.pk}
    assert purged == len(done)
    assert again == 0

    old.refresh_from_db()
    assert (old.visitor_name, old.document_number, old.phone, old.document_index) == ("", "", "", "")
    assert old.purged_at == moment
    # What the counts need stays.
    assert (old.status, old.arrived_at, old.purpose) == (VisitStatus.DEPARTED, day, "递交上诉材料")
    assert IdDeposit.objects.get(visit=old).document_index == ""
    assert not Visit.objects.filter(document_index=index).exists()

    for kept in (recent, left_id):
        kept.refresh_from_db()
        assert kept.purged_at is None
        assert kept.visitor_name != ""
        assert kept.document_number != ""
        assert kept.phone != ""

    events = AuditEntry.objects.filter(action="gate.visit.purge", created_at=moment)
    assert events.count() == 1  # the second run purged nothing and said nothing
    assert events.get().data["count"] == purged
    assert events.get().data["retention_days"] == 30


def test_a_document_collected_later_lets_the_visit_be_purged(visitor, persona, settings) -> None:
    settings.GATE_VISITOR_RETENTION_DAYS = 30
    guard = persona("guard")
    day = days_ahead(10, 9)
    with time_machine.travel(day, tick=False):
        visit = services.confirm(actor=persona("judge"), visit=visitor())
        services.record_day_end(
            actor=guard, visit=visit, day=day.date(), outcome=DayEndOutcome.LEFT_OTHER_EXIT
        )
    with time_machine.travel(day + dt.timedelta(days=35), tick=False):
        services.purge_visitor_data()
        visit.refresh_from_db()
        assert visit.purged_at is None  # the document is still in the drawer
        services.hand_back(actor=guard, deposit=IdDeposit.objects.get(visit=visit))
    with time_machine.travel(day + dt.timedelta(days=70), tick=False):
        services.purge_visitor_data()
    visit.refresh_from_db()
    assert visit.purged_at is not None
    assert visit.visitor_name == ""


def test_a_visit_closed_29_days_ago_is_kept_even_if_it_arrived_earlier(visitor, persona, settings) -> None:
    """Retention runs from when the visit ENDED (the service's own rule): a visitor who
    waited from day D until the visit was closed on D + 6 is kept on D + 35."""
    settings.GATE_VISITOR_RETENTION_DAYS = 30
    day = days_ahead(10, 9)
    with time_machine.travel(day, tick=False):
        visit = visitor()
    with time_machine.travel(day + dt.timedelta(days=6), tick=False):
        services.close_visit(actor=persona("guard"), visit=visit, reason="承办法官拒绝会见。")
    with time_machine.travel((day + dt.timedelta(days=35)).replace(hour=2, minute=30), tick=False):
        services.purge_visitor_data()
    visit.refresh_from_db()
    assert visit.purged_at is None
    assert visit.visitor_name != ""


def test_the_document_of_a_visitor_still_inside_is_not_handed_back_apart(visitor, persona) -> None:
    guard = persona("guard")
    visit = visitor()
    deposit = IdDeposit.objects.get(visit=visit)
    with pytest.raises(ValidationError) as caught:
        services.hand_back(actor=guard, deposit=deposit)
    assert caught.value.code == "visit_open"
    deposit.refresh_from_db()
    assert deposit.returned_at is None


def test_the_purge_is_a_daily_job_the_worker_runs() -> None:
    from benchguard.core import jobs
    from benchguard.gate import tasks

    registered = {job.name: job for job in jobs.registered_jobs()}
    purge = registered["gate.purge_visitor_data"]
    assert purge.task is tasks.purge_visitor_data
    assert isinstance(purge.schedule, jobs.Daily)


def test_a_visitor_never_admitted_or_on_hold_is_not_recorded_as_gone(visitor, persona) -> None:
    from benchguard.organization.demo import demo_id_number

    guard, today = persona("guard"), timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        services.record_day_end(
            actor=guard, visit=visitor(), day=today, outcome=DayEndOutcome.LEFT_OTHER_EXIT
        )
    assert caught.value.code == "not_admitted"
    held = visitor(visitor_name="单立新", document_number=demo_id_number("19750308", "031"))
    assert held.status == VisitStatus.ON_HOLD
    for run in (
        lambda: services.record_day_end(
            actor=guard, visit=held, day=today, outcome=DayEndOutcome.LEFT_OTHER_EXIT
        ),
        lambda: services.close_visit(actor=guard, visit=held, reason="走了"),
        lambda: services.close_visit(actor=persona("judge"), visit=held, reason="不见"),
    ):
        with pytest.raises(ValidationError) as caught:
            run()
        assert caught.value.code == "on_hold"  # only the judicial police's decision ends a hold
    held.refresh_from_db()
    assert held.status == VisitStatus.ON_HOLD and IdDeposit.objects.get(visit=held).returned_at is None
