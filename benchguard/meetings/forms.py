"""Forms of meetings with parties (A10.3): field checks only; the services keep the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.meetings.choices import Capacity
from benchguard.meetings.models import MeetingRoom

MOMENT = {"type": "datetime-local"}


class RequestForm(StyledFormMixin, forms.Form):
    bounds = {"received_at": HAPPENED}
    case_number = forms.CharField(label=_("Case number"), max_length=60)
    requester_name = forms.CharField(label=_("Who asks"), max_length=50)
    capacity = forms.ChoiceField(label=_("As"), choices=Capacity.choices)
    one_sided = forms.BooleanField(
        label=_("One side only, without the other side or its agent"), required=False
    )
    purpose = forms.CharField(
        label=_("What they want to discuss"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    received_at = forms.DateTimeField(label=_("Received at"), widget=forms.DateTimeInput(attrs=MOMENT))


class ScheduleForm(StyledFormMixin, forms.Form):
    given_rows = {"rooms": "room"}
    bounds = {"starts_at": PLANNED, "ends_at": PLANNED}
    version = forms.IntegerField(widget=forms.HiddenInput)
    room = forms.ModelChoiceField(label=_("Designated room"), queryset=MeetingRoom.objects.none())
    starts_at = forms.DateTimeField(label=_("From"), widget=forms.DateTimeInput(attrs=MOMENT))
    ends_at = forms.DateTimeField(label=_("Until"), widget=forms.DateTimeInput(attrs=MOMENT))


class HeldForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    attendees = forms.CharField(label=_("Who attended"), max_length=500)
    record = forms.CharField(
        label=_("Record of the meeting"), max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )


class RefuseForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    send_to_register = forms.BooleanField(
        label=_("Also record it in the interference register (an attempt to influence the case)"),
        required=False,
    )


class CancelForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
