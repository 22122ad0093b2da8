"""Forms of meetings with parties (A10.3): field checks only; the services keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.meetings.choices import MAX_HOURS, Capacity
from benchguard.meetings.models import MeetingRoom

MOMENT = {"type": "datetime-local"}


class RequestForm(StyledFormMixin, forms.Form):
    bounds = {"received_at": HAPPENED}
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=60,
        help_text=_("As written on the case file, e.g. （2026）鲁02民初123号."),
    )
    requester_name = forms.CharField(label=pgettext_lazy("meeting", "Person asking to meet"), max_length=50)
    capacity = forms.ChoiceField(label=pgettext_lazy("meeting", "Asking as"), choices=Capacity.choices)
    one_sided = forms.BooleanField(
        label=_("One side only, without the other side or its agent"),
        required=False,
        help_text=pgettext_lazy(
            "meeting",
            "Tick it when only one side asks to meet the judge: such a request may be refused, "
            "and the refusal is logged.",
        ),
    )
    purpose = forms.CharField(
        label=pgettext_lazy("meeting", "Purpose of the meeting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    received_at = forms.DateTimeField(
        label=pgettext_lazy("meeting", "Request received at"),
        widget=forms.DateTimeInput(attrs=MOMENT),
        help_text=pgettext_lazy("meeting", "When the request reached the judge or the court."),
    )


class ScheduleForm(StyledFormMixin, forms.Form):
    given_rows = {"rooms": "room"}
    bounds = {"starts_at": PLANNED, "ends_at": PLANNED}
    version = forms.IntegerField(widget=forms.HiddenInput)
    room = forms.ModelChoiceField(
        label=_("Designated room"),
        queryset=MeetingRoom.objects.none(),
        help_text=pgettext_lazy(
            "meeting",
            "Only the court's rooms designated for meetings with parties; a room is never booked twice.",
        ),
    )
    starts_at = forms.DateTimeField(
        label=pgettext_lazy("meeting", "Meeting starts at"), widget=forms.DateTimeInput(attrs=MOMENT)
    )
    ends_at = forms.DateTimeField(
        label=pgettext_lazy("meeting", "Meeting ends at"), widget=forms.DateTimeInput(attrs=MOMENT)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ends_at"].help_text = _("A meeting lasts at most %(hours)s hours.") % {
            "hours": MAX_HOURS
        }


class HeldForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    attendees = forms.CharField(
        label=_("Who attended"),
        max_length=500,
        help_text=pgettext_lazy(
            "meeting",
            "Everyone present and their role: the judge, the clerk, the party or agent, the police.",
        ),
    )
    record = forms.CharField(
        label=_("Record of the meeting"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=pgettext_lazy("meeting", "What was said and agreed, as noted at the meeting."),
    )


class RefuseForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=pgettext_lazy("meeting", "Reason for refusing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    send_to_register = forms.BooleanField(
        label=_("Also record it in the interference register (an attempt to influence the case)"),
        required=False,
    )


class CancelForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
