"""Forms of training and drills (A11): field checks only; the services keep the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.incidents.models import EmergencyPlan
from benchguard.organization.models import Court, Person
from benchguard.training.choices import CourseKind


class CourseForm(StyledFormMixin, forms.Form):
    given_rows = {"courts": "court"}
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=CourseKind.choices)
    description = forms.CharField(
        label=_("What it teaches"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SessionForm(StyledFormMixin, forms.Form):
    bounds = {"held_on": PLANNED}
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Where"), max_length=100)
    trainer = forms.CharField(label=_("Taught by"), max_length=100)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.5, max_value=40, decimal_places=1)


class AttendanceForm(StyledFormMixin, forms.Form):
    given_rows = {"candidates": "people"}
    people = forms.ModelMultipleChoiceField(
        label=_("Who attended"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )


class DrillForm(StyledFormMixin, forms.Form):
    given_rows = {"courts": "court", "plans": "plan", "candidates": "participants"}
    bounds = {"held_on": HAPPENED}
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none(), empty_label=None)
    plan = forms.ModelChoiceField(
        label=_("Emergency plan exercised"),
        queryset=EmergencyPlan.objects.none(),
        required=False,
        empty_label=_("No plan"),
    )
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    scenario = forms.CharField(label=_("Scenario"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    findings = forms.CharField(
        label=_("What was found"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Who took part"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )


class FollowUpForm(StyledFormMixin, forms.Form):
    given_rows = {"owners": "owner"}
    bounds = {"due_on": PLANNED}
    action = forms.CharField(label=_("What must be done"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Who does it"), queryset=Person.objects.none())
    due_on = forms.DateField(
        label=pgettext_lazy("deadline", "Due by"), widget=forms.DateInput(attrs={"type": "date"})
    )


class CloseFollowUpForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what was done to close the follow-up.")},
    )


class UntrainedFilterForm(StyledFormMixin, forms.Form):
    court = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
