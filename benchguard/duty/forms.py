"""Forms of the duty roster (A13.4): field checks only; the services keep the rules
(eligibility, overlap, the length of a shift)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import PLANNED
from benchguard.duty.models import DutyShift
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Court

SHIFT_FIELDS = ["person", "role", "starts_at", "ends_at", "note"]
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
WIDGETS = {"starts_at": DATETIME, "ends_at": DATETIME}
BOUNDS = {"starts_at": PLANNED, "ends_at": PLANNED}


class _ShiftTimes:
    """A shift ends after it starts: said next to its end (the service checks it too)."""

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error(  # type: ignore[attr-defined]
                "ends_at",
                forms.ValidationError(_("The shift must end after it starts."), code="ends_before_start"),
            )
        return data


class ShiftAddForm(_ShiftTimes, StyledFormMixin, forms.ModelForm):
    """A new shift in a court the user keeps the roster of; the people offered are those
    of the court who may stand a duty."""

    given_rows = {"courts": "court", "people": "person"}
    bounds = BOUNDS

    class Meta:
        model = DutyShift
        fields = ["court", *SHIFT_FIELDS]
        widgets = WIDGETS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        court: Any = self.fields["court"]
        court.empty_label = None


class ShiftForm(_ShiftTimes, VersionedForm):
    given_rows = {"people": "person"}
    bounds = BOUNDS

    class Meta:
        model = DutyShift
        fields = SHIFT_FIELDS
        widgets = WIDGETS


class RosterFilterForm(StyledFormMixin, forms.Form):
    """Which court's roster, and which week (any day of it)."""

    given_rows = {"courts": "court"}
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none(), required=False)
    week = forms.DateField(label=_("Week of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
