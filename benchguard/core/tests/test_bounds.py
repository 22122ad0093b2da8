"""Dates, counts and phones are bounded by what the field means, with a message that
names the bound, on the forms of every area and in the API (issue 9, point 6)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import BIRTH, HAPPENED, PEOPLE_AT_A_GATE, PHONE, PLANNED, is_phone_number

TODAY = "2026-06-15 10:00:00+08:00"


def codes(form: forms.BaseForm, field: str) -> list[str | None]:
    form.is_valid()
    return [error.code for error in form.errors.as_data().get(field, [])]


def messages(form: forms.BaseForm, field: str) -> list[str]:
    form.is_valid()
    return [str(m) for m in form.errors.get(field, [])]


# --- The bounds themselves ---------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_something_that_happened_lies_between_1949_and_today() -> None:
    HAPPENED(dt.date(1949, 10, 1))
    HAPPENED(dt.date(2026, 6, 15))
    HAPPENED(timezone.now())
    with pytest.raises(ValidationError) as early:
        HAPPENED(dt.date(1, 1, 1))
    assert early.value.code == "too_early" and "1949" in early.value.messages[0]
    with pytest.raises(ValidationError) as late:
        HAPPENED(dt.date(2026, 6, 16))
    assert late.value.code == "too_late" and "2026" in late.value.messages[0]


@time_machine.travel(TODAY, tick=False)
def test_something_planned_lies_no_more_than_five_years_ahead() -> None:
    PLANNED(dt.date(2031, 6, 15))
    with pytest.raises(ValidationError) as late:
        PLANNED(dt.date(9999, 12, 31))
    assert late.value.code == "too_late" and "2031" in late.value.messages[0]
    with pytest.raises(ValidationError):
        PLANNED(dt.datetime(9999, 1, 1, 9, tzinfo=dt.UTC))


@time_machine.travel(TODAY, tick=False)
def test_a_birth_date_is_after_1900_and_not_in_the_future() -> None:
    BIRTH(dt.date(1950, 3, 1))
    for wrong in (dt.date(1800, 1, 1), dt.date(2027, 1, 1)):
        with pytest.raises(ValidationError):
            BIRTH(wrong)


def test_counts_have_a_ceiling_named_in_the_message() -> None:
    PEOPLE_AT_A_GATE(2_000)
    with pytest.raises(ValidationError) as caught:
        PEOPLE_AT_A_GATE(1_000_000_000_000)
    assert caught.value.code == "too_large" and "100000" in caught.value.messages[0]


@pytest.mark.parametrize(
    "number",
    [
        "13800138000",
        "138 0013 8000",
        "+86 138 0013 8000",
        "0532-8888 8888",
        "0532-88888888转123",
        "010-12345678",
        "8888 8888",
        "+44 20 7946 0000",
    ],
)
def test_mobile_landline_and_foreign_numbers_are_accepted(number: str) -> None:
    assert is_phone_number(number)
    PHONE(number)


@pytest.mark.parametrize("number", ["12345", "abc", "1380013800", "23800138000", "0532", "+1", "+86 12345"])
def test_anything_else_is_not_a_phone_number(number: str) -> None:
    with pytest.raises(ValidationError) as caught:
        PHONE(number)
    assert caught.value.code == "phone" and "+" in caught.value.messages[0]


@time_machine.travel(TODAY, tick=False)
def test_a_form_bounds_its_declared_fields_and_every_other_date() -> None:
    class Example(StyledFormMixin, forms.Form):
        bounds = {"seen_on": HAPPENED}
        seen_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
        searched_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    form = Example({"seen_on": "2026-06-16", "searched_from": "9999-01-01"})
    assert codes(form, "seen_on") == ["too_late"]
    assert codes(form, "searched_from") == ["too_late"]
    assert form.fields["seen_on"].widget.attrs["max"] == "2026-06-15"
    assert form.fields["seen_on"].widget.attrs["min"] == "1949-10-01"


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

    shift = ShiftForm(
        {"day": "2026-06-16", "people_checked": "1000000000000", "bags_checked": "10", "refusals": "0"},
        posts=Post.objects.all(),
    )
    assert codes(shift, "day") == ["too_late"]
    assert codes(shift, "people_checked") == ["too_large"]
    assert codes(shift, "bags_checked") == []
    assert shift.fields["people_checked"].widget.attrs["max"] == "100000"
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
