"""Forms of the wellbeing area (A22–A24): field checks only; the services keep the rules."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Account, Person
from benchguard.wellbeing.choices import ActivityKind, ExamKind, HoldingKind, LeaveKind, PayKind, PayProblem
from benchguard.wellbeing.models import Activity, CounsellingRoom, Holding, PayIssue

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _year_choices() -> list[tuple[int, int]]:
    this = timezone.localdate().year
    return [(y, y) for y in range(this + 1, this - 6, -1)]


class LeaveFilterForm(StyledFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, choices=_year_choices)
    category = filter_choice(_("Category"), _("Every category"), PersonCategory.choices)
    pending = forms.BooleanField(label=_("Only people with leave left or no service start"), required=False)


class ServiceStartForm(StyledFormMixin, forms.Form):
    service_start = forms.DateField(label=_("Cumulative service since"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    bounds: ClassVar = {"service_start": HAPPENED}


class LeaveForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of leave"), choices=LeaveKind.choices)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    bounds: ClassVar = {"starts_on": PLANNED, "ends_on": PLANNED}


class PayIssueForm(StyledFormMixin, forms.ModelForm):
    given_rows: ClassVar = {"people": "person"}

    class Meta:
        model = PayIssue
        fields = ["person", "kind", "problem", "period", "amount_missing", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"period": _("The month, as 2026-10, or a run of months, as 2026-08 至 2026-10.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = PayKind.choices  # type: ignore[attr-defined]
        self.fields["problem"].choices = PayProblem.choices  # type: ignore[attr-defined]


class ResolvePayForm(StyledFormMixin, forms.Form):
    resolution = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DATE)
    bounds: ClassVar = {"resolved_on": HAPPENED}


class ExamForm(StyledFormMixin, forms.Form):
    given_rows: ClassVar = {"people": "person"}
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Kind of exam"), choices=ExamKind.choices)
    scheduled_on = forms.DateField(label=_("Scheduled on"), widget=DATE)
    provider = forms.CharField(label=_("Where"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    bounds: ClassVar = {"scheduled_on": PLANNED}


class CompleteExamForm(StyledFormMixin, forms.Form):
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    bounds: ClassVar = {"completed_on": HAPPENED}


class RecuperationForm(StyledFormMixin, forms.Form):
    given_rows: ClassVar = {"people": "person"}
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    place = forms.CharField(label=_("Where"), max_length=100)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE)
    reason = forms.CharField(label=_("Special post"), max_length=200)
    bounds: ClassVar = {"starts_on": PLANNED, "ends_on": PLANNED}


class BookSessionForm(StyledFormMixin, forms.Form):
    given_rows: ClassVar = {"people": "person", "counsellors": "counsellor", "rooms": "room"}
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())
    counsellor = forms.ModelChoiceField(label=_("Counsellor"), queryset=Account.objects.none())
    room = forms.ModelChoiceField(label=_("Room"), queryset=CounsellingRoom.objects.none())
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counsellor: Any = self.fields["counsellor"]
        counsellor.label_from_instance = lambda account: account.get_full_name() or account.get_username()


class SessionNotesForm(StyledFormMixin, forms.Form):
    notes = forms.CharField(
        label=_("Notes"), max_length=8000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class ActivityForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["court", "kind", "title", "starts_at", "place", "speaker", "description"]
        widgets = {"starts_at": DATETIME, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, courts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        court: Any = self.fields["court"]
        court.queryset = courts
        court.empty_label = None


class ActivityFilterForm(StyledFormMixin, forms.Form):
    kind = filter_choice(_("Kind"), _("Every kind"), ActivityKind.choices)


class AttendanceForm(StyledFormMixin, forms.Form):
    given_rows: ClassVar = {"people": "people"}
    people = forms.ModelMultipleChoiceField(
        label=_("Who attended"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class HoldingForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Holding
        fields = ["court", "kind", "title", "author", "copies", "acquired_on"]
        widgets = {"acquired_on": DATE}

    def __init__(self, *args: Any, courts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        court: Any = self.fields["court"]
        court.queryset = courts
        court.empty_label = None
        self.fields["kind"].choices = HoldingKind.choices  # type: ignore[attr-defined]
