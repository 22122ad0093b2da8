"""One form of every area, and the API, bound dates, counts and phones by what the field
means, with a message that names the bound (issue 9, point 6; the bounds themselves are
tested in benchguard/core/tests/test_bounds.py)."""

from __future__ import annotations

import time_machine

from benchguard.core.tests.test_bounds import TODAY, codes, messages

# --- One form of every area ---------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_an_incident_on_0001_01_01_or_tomorrow_and_a_trillion_people_are_refused(db, persona) -> None:  # type: ignore[no-untyped-def]
    from benchguard.incidents.choices import IncidentKind
    from benchguard.incidents.forms import ReceptionForm, ReportForm

    court_id = persona("police").role_assignments.first().court_id
    for when, code in (("0001-01-01T09:00", "too_early"), ("2026-06-16T09:00", "too_late")):
        form = ReportForm(
            {"occurred_at": when, "people_count": "1000000000000"},
            kind=IncidentKind.DISTURBANCE,
            court_ids={court_id},
        )
        assert codes(form, "occurred_at") == [code]
        assert "too_large" in codes(form, "people_count")
    reception = ReceptionForm({"held_at": "2026-06-15T09:00", "petitioners": "20"}, court_id=court_id)
    assert codes(reception, "held_at") == [] and codes(reception, "petitioners") == []


@time_machine.travel(TODAY, tick=False)
def test_a_meeting_in_9999_and_an_action_due_9999_12_31_are_refused(db) -> None:  # type: ignore[no-untyped-def]
    from benchguard.committee.forms import MeetingForm

    form = MeetingForm({"scheduled_at": "9999-01-01T09:00"})
    assert codes(form, "scheduled_at") == ["too_late"]
    assert any("2031" in m for m in messages(form, "scheduled_at"))
    assert codes(MeetingForm({"scheduled_at": "2026-07-01T09:00"}), "scheduled_at") == []


@time_machine.travel(TODAY, tick=False)
def test_a_matter_task_due_9999_12_31_and_a_report_dated_tomorrow_are_refused(db) -> None:  # type: ignore[no-untyped-def]
    from benchguard.matters.forms import ApplicationForm, TaskForm
    from benchguard.organization.models import Person

    assert codes(TaskForm({"due_date": "9999-12-31"}, people=Person.objects.none()), "due_date") == [
        "too_late"
    ]
    assert codes(TaskForm({"due_date": "2026-07-15"}, people=Person.objects.none()), "due_date") == []
    assert codes(
        ApplicationForm({"reported_to_department_on": "2026-06-16"}), "reported_to_department_on"
    ) == ["too_late"]


@time_machine.travel(TODAY, tick=False)
def test_a_checkpoint_shift_of_a_trillion_people_and_a_phone_12345_are_refused(db) -> None:  # type: ignore[no-untyped-def]
    from benchguard.gate.forms import CheckInForm, ShiftForm
    from benchguard.gate.models import Post
    from benchguard.organization.models import Person

    shift = ShiftForm(
        {"day": "2026-06-16", "people_checked": "1000000000000", "bags_checked": "10", "refusals": "0"},
        posts=Post.objects.all(),
        police=Person.objects.all(),
    )
    assert codes(shift, "day") == ["too_late"]
    assert codes(shift, "people_checked") == ["too_large"]
    assert codes(shift, "bags_checked") == []
    assert shift.fields["people_checked"].widget.attrs["max"] == "100000"
    # A negative count gets one message, not the field's min_value and the bound's both.
    negative = ShiftForm(
        {"day": "2026-06-16", "people_checked": "-5", "bags_checked": "10", "refusals": "0"},
        posts=Post.objects.all(),
        police=Person.objects.all(),
    )
    assert codes(negative, "people_checked") == ["too_small"]
    assert codes(CheckInForm({"phone": "12345"}), "phone") == ["phone"]
    assert codes(CheckInForm({"phone": "139 1234 5678"}), "phone") == []


def test_a_judge_s_private_phone_must_be_a_phone_number(db, person_of) -> None:  # type: ignore[no-untyped-def]
    from benchguard.organization.forms import PersonForm, PersonPrivateForm

    judge = person_of("judge")
    assert codes(PersonPrivateForm({"private_phone": "abc"}, instance=judge.private), "private_phone") == [
        "phone"
    ]
    assert codes(PersonForm({"office_phone": "12345"}, instance=judge), "office_phone") == ["phone"]


@time_machine.travel(TODAY, tick=False)
def test_a_person_of_concern_s_dates_and_phones_are_bounded(db) -> None:  # type: ignore[no-untyped-def]
    from benchguard.persons_of_concern.forms import EntryForm, PersonCreateForm, PhoneForm
    from benchguard.persons_of_concern.models import PersonOfConcern

    assert codes(PhoneForm({"phone": "12345"}), "phone") == ["phone"]
    assert codes(PhoneForm({"phone": "+86 138 0532 9999"}), "phone") == []
    created = PersonCreateForm({"name": "单立新", "birth_date": "1800-01-01", "phone": "abc"})
    assert codes(created, "birth_date") == ["too_early"] and codes(created, "phone") == ["phone"]
    person = PersonOfConcern.objects.get(name="单立新")
    entry = EntryForm({"review_date": "2026-07-01", "expires_on": "9999-12-31"}, person=person)
    assert codes(entry, "review_date") == [] and codes(entry, "expires_on") == ["too_late"]


# --- The API ------------------------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_the_api_refuses_an_appeal_decided_in_year_1_and_a_phone_abc() -> None:
    from benchguard.gate.api.serializers import CheckInSerializer
    from benchguard.matters.api.serializers import AppealOutcomeSerializer, AppealSerializer

    outcome = AppealOutcomeSerializer(data={"version": 3, "outcome": "维持。", "decided_on": "0001-01-01"})
    assert not outcome.is_valid()
    assert [e.code for e in outcome.errors["decided_on"]] == ["too_early"]
    appeal = AppealSerializer(data={"version": 3, "response": "appealed", "appeal_sent_on": "2026-06-16"})
    assert not appeal.is_valid()
    assert [e.code for e in appeal.errors["appeal_sent_on"]] == ["too_late"]
    check_in = CheckInSerializer(data={"phone": "abc"})
    assert not check_in.is_valid()
    assert [e.code for e in check_in.errors["phone"]] == ["phone"]
