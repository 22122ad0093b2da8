"""The forms of after-hours protection (A12.3): the request, the police's decision, the
log and the completion, and the list's filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from benchguard.after_hours.choices import ProtectionStatus
from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.incidents.forms import DateTimeLocalInput, DecisionField
from benchguard.incidents.models import Incident
from benchguard.organization.choices import DepartmentType, Role
from benchguard.organization.models import Person
from benchguard.organization.selectors import people_in_court


class PersonChoiceField(forms.ModelChoiceField):
    """A person with their department, so namesakes can be told apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.department}）" if obj.department_id else obj.name


class PoliceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


def police_of(court_id: int) -> Any:
    """The judicial police of a court: its judicial police department and holders of the
    role (incidents.permissions.is_police_officer decides)."""
    holders = Q(
        account__role_assignments__role=Role.JUDICIAL_POLICE, account__role_assignments__court_id=court_id
    )
    return (
        people_in_court(court_id)
        .filter(Q(department__type=DepartmentType.JUDICIAL_POLICE) | holders)
        .distinct()
    )


class ProtectionRequestForm(StyledFormMixin, forms.Form):
    bounds = {"starts_at": PLANNED, "ends_at": PLANNED}
    judge = PersonChoiceField(label=_("Protected judge"), queryset=Person.objects.none())
    risk = forms.CharField(
        label=_("The risk"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What threatens the judge, and why the risk is evident."),
    )
    place = forms.CharField(label=_("Where"), max_length=200, help_text=_("For example the judge's home."))
    starts_at = forms.DateTimeField(label=_("Protection from"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Protection until"), widget=DateTimeLocalInput())
    incident = forms.ModelChoiceField(
        label=_("Incident that caused it"), queryset=Incident.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, judges: Any, incidents: Any, own: Person | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["judge"].queryset = judges  # type: ignore[attr-defined]
        if own is not None:
            self.fields["judge"].initial = own.pk
        self.fields["incident"].queryset = incidents  # type: ignore[attr-defined]


class ProtectionDecisionForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    approve = DecisionField(_("Approve and assign officers"), _("Decline"))
    officers = PoliceChoiceField(label=_("Officers assigned"), queryset=Person.objects.none(), required=False)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when declining: the requester reads it."),
    )

    def __init__(self, *args: Any, court_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = police_of(court_id)  # type: ignore[attr-defined]
        self.fields["officers"].widget.attrs["size"] = 6


class ProtectionLogForm(StyledFormMixin, forms.Form):
    bounds = {"at": HAPPENED}
    what_was_done = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    at = forms.DateTimeField(
        label=_("When"), required=False, widget=DateTimeLocalInput(), help_text=_("Empty: now.")
    )


class ProtectionCompleteForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(label=_("How it ended"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProtectionFilterForm(StyledFormMixin, forms.Form):
    status = filter_choice(_("Status"), _("Any status"), ProtectionStatus.choices)
