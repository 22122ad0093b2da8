"""Forms of the reputation area (A5, A17)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import HAPPENED
from benchguard.reputation.choices import EventKind, EventOrigin, EventStatus
from benchguard.reputation.models import Liability, OpinionEvent


class EventFilterForm(StyledFormMixin, forms.Form):
    status = filter_choice(_("Status"), _("Any status"), EventStatus.choices)
    kind = filter_choice(_("Kind"), _("Any kind"), EventKind.choices)


class RegisterEventForm(StyledFormMixin, forms.ModelForm):
    given_rows = {"courts": "court", "judges": "judge", "cases": "case"}
    bounds = {"found_on": HAPPENED}
    url = forms.URLField(label=_("URL"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = OpinionEvent
        fields = [
            "court",
            "kind",
            "origin",
            "judge",
            "case",
            "platform",
            "url",
            "summary",
            "reach",
            "found_on",
        ]
        widgets = {
            "found_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: object, applicant: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if applicant:  # a judge reports about themself: the court and origin follow
            for name in ("court", "origin", "judge"):
                self.fields[name].widget = forms.HiddenInput()
        self.fields["origin"].initial = EventOrigin.EX_OFFICIO


class ScreenshotForm(StyledFormMixin, forms.Form):
    bounds = {"captured_at": HAPPENED}
    file = forms.FileField(label=_("Screenshot or saved page"))
    captured_at = forms.DateTimeField(
        label=_("Captured at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("When the screenshot was taken; the upload time is kept as well."),
    )


class InvestigateForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    department = forms.CharField(label=_("Department investigating with the committee"), max_length=100)


class FindingsForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    findings = forms.CharField(
        label=_("Findings of the investigation"), widget=forms.Textarea(attrs={"rows": 3})
    )
    harm_undone = forms.CharField(
        label=_("Harm undone"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClarificationForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Text of the clarification"), widget=forms.Textarea(attrs={"rows": 6}))


class EditClarificationForm(ClarificationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PublishForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    channel = forms.CharField(label=_("Published where"), max_length=200)


class LiabilityForm(StyledFormMixin, forms.ModelForm):
    bounds = {"referred_on": HAPPENED, "outcome_on": HAPPENED}

    class Meta:
        model = Liability
        fields = [
            "infringer",
            "conduct",
            "referred_to",
            "referred_to_name",
            "referred_on",
            "outcome",
            "outcome_on",
        ]
        widgets = {
            "conduct": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "referred_on": forms.DateInput(attrs={"type": "date"}),
            "outcome_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        """The outcome's date after the referral's, and the outcome with its date, beside
        the fields (the service and the database check the same)."""
        super().clean()
        data = self.cleaned_data
        referred_on, outcome_on = data.get("referred_on"), data.get("outcome_on")
        if outcome_on is not None and referred_on is not None and outcome_on < referred_on:
            self.add_error(
                "outcome_on", ValidationError(_("The outcome cannot predate the referral."), code="order")
            )
        elif outcome_on is not None and referred_on is None and "referred_on" not in self.errors:
            self.add_error(
                "referred_on", ValidationError(_("Give the date of the referral."), code="required")
            )
        outcome = (data.get("outcome") or "").strip()
        if "outcome_on" not in self.errors and bool(outcome) != (outcome_on is not None):
            self.add_error(
                "outcome_on", ValidationError(_("Give the outcome and its date together."), code="pair")
            )
        return data


class OutcomeForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))
    outcome_on = forms.DateField(label=_("Outcome on"), widget=forms.DateInput(attrs={"type": "date"}))
    bounds = {"outcome_on": HAPPENED}
