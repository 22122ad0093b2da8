from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin, filter_choice, search_field
from benchguard.core.validators import FINE_RMB, HAPPENED, PEOPLE_AT_AN_EVENT, PLANNED
from benchguard.incidents.choices import (
    NATURES_BY_KIND,
    CallRole,
    ChainStep,
    IncidentKind,
    IncidentStatus,
    MeasureStatus,
    Nature,
    PlanKind,
    ReconsiderationOutcome,
    SanctionMeasure,
    SubjectKind,
)
from benchguard.incidents.models import EDITABLE_FIELDS, INCIDENT_FIELDS, Incident, ProtectiveMeasure
from benchguard.organization.choices import PersonCategory
from benchguard.organization.forms import VersionedForm, right_filter, rights_concerned
from benchguard.organization.models import Account, Court, Person, RightCategory
from benchguard.organization.selectors import people_in_court
from benchguard.persons_of_concern.models import PersonOfConcern

# Facts asked for each kind beyond the common ones (models.REQUIRED_BY_KIND says which are required).
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    IncidentKind.THREAT: ("targets", "case_number", "perpetrator_description"),
    IncidentKind.CRIME: ("targets", "case_number", "perpetrator_description"),
    IncidentKind.DISTURBANCE: ("people_count", "case_number", "perpetrator_description", "targets"),
    IncidentKind.COURTROOM: ("case_number", "procedure", "targets", "perpetrator_description"),
    IncidentKind.GROUP_PETITION: (
        "people_count",
        "case_number",
        "sensitive_case",
        "targets",
        "case_judge",
        "perpetrator_description",
    ),
}
COMMON_FIELDS = ("court", "nature", "right", "occurred_at", "place", "description")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"


class DecisionField(forms.TypedChoiceField):
    """A decision to approve (True) or not (False), the two choices in the words given."""

    def __init__(self, approve: Any, refuse: Any, **kwargs: Any) -> None:
        super().__init__(
            label=_("Decision"), choices=[("1", approve), ("0", refuse)], coerce=lambda v: v == "1", **kwargs
        )


def _people(court_ids: Any) -> Any:
    return people_in_court(court_ids).select_related("department")


def _rights_field(form: forms.ModelForm) -> None:
    """The category of rights the incident concerns (A3): the active categories (and the
    one it has, if since retired); empty, the one its kind of act means."""
    field = rights_concerned(_("Empty: the category the kind of act means (a threat: personal safety)."))
    current = form.instance.right_id
    if current is not None:
        field.queryset = RightCategory.objects.filter(Q(is_active=True) | Q(pk=current))
    form.fields["right"] = field


class ReportForm(StyledFormMixin, forms.ModelForm):
    """The report of one kind of incident: only that kind's facts are asked."""

    bounds = {"occurred_at": HAPPENED, "people_count": PEOPLE_AT_AN_EVENT}

    targets = forms.ModelMultipleChoiceField(
        label=_("Protected persons"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("The judges or colleagues threatened, harmed or concerned."),
    )

    class Meta:
        model = Incident
        fields = [name for name in INCIDENT_FIELDS if name != "kind"]
        widgets = {
            "occurred_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "perpetrator_description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, kind: str, court_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.instance.kind = kind
        wanted = (*COMMON_FIELDS, *KIND_FIELDS[kind])
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        self.fields["court"].queryset = Court.objects.filter(pk__in=court_ids)  # type: ignore[attr-defined]
        if len(court_ids) == 1:
            self.fields["court"].initial = next(iter(court_ids))
        self.fields["nature"].choices = [  # type: ignore[attr-defined]
            (value, Nature(value).label) for value in NATURES_BY_KIND[kind]
        ]
        _rights_field(self)
        if "targets" in self.fields:
            self.fields["targets"].queryset = _people(court_ids)  # type: ignore[attr-defined]
            self.fields["targets"].widget.attrs["size"] = 8
            self.fields["targets"].required = kind == IncidentKind.THREAT
        if "case_judge" in self.fields:
            self.fields["case_judge"].queryset = _people(court_ids)  # type: ignore[attr-defined]
            self.fields["case_judge"].help_text = _(
                "Empty: the first protected person, or the judge told first in the chain."
            )
        if "procedure" in self.fields:
            self.fields["procedure"].required = True
        if "case_number" in self.fields and kind == IncidentKind.COURTROOM:
            self.fields["case_number"].required = True
        if "people_count" in self.fields:
            self.fields["people_count"].required = True

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["targets"] = list(data.get("targets") or [])
        return {"kind": self.kind, **data}


class IncidentForm(VersionedForm):
    bounds = {"occurred_at": HAPPENED, "people_count": PEOPLE_AT_AN_EVENT}

    class Meta:
        model = Incident
        fields = EDITABLE_FIELDS
        widgets = {"occurred_at": DateTimeLocalInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.instance.kind
        self.fields["nature"].choices = [  # type: ignore[attr-defined]
            (value, Nature(value).label) for value in NATURES_BY_KIND[kind]
        ]
        for name in ("procedure", "people_count", "sensitive_case", "case_judge"):
            if name not in KIND_FIELDS[kind]:
                del self.fields[name]
        _rights_field(self)
        if "case_judge" in self.fields:
            self.fields["case_judge"].queryset = _people({self.instance.court_id})  # type: ignore[attr-defined]


class TargetsForm(StyledFormMixin, forms.Form):
    targets = forms.ModelMultipleChoiceField(label=_("Protected persons"), queryset=Person.objects.none())

    def __init__(self, *args: Any, court_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = _people({court_id})  # type: ignore[attr-defined]
        self.fields["targets"].required = False
        self.fields["targets"].widget.attrs["size"] = 6


class PerpetratorForm(StyledFormMixin, forms.Form):
    """The person chosen from the matcher's results (a hidden id, checked against the
    persons the user may read): the city-wide list is never rendered as a select."""

    given_rows = {"persons": "person"}

    person: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Person of concern"), queryset=PersonOfConcern.objects.none(), widget=forms.HiddenInput
    )


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Photo, recording or document"))


class MeasureForm(StyledFormMixin, forms.ModelForm):
    bounds = {"due_date": PLANNED}

    class Meta:
        model = ProtectiveMeasure
        fields = ["kind", "description", "owner", "due_date"]
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, court_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people({court_id})  # type: ignore[attr-defined]


class MeasureUpdateForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReferralForm(StyledFormMixin, forms.Form):
    bounds = {"referred_on": HAPPENED}
    referred_to = forms.CharField(label=_("Referred to"), max_length=100)
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput())


class ReopenForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why it is reopened"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("How it ended"), widget=forms.Textarea(attrs={"rows": 2}))


class SanctionForm(StyledFormMixin, forms.Form):
    bounds = {"amount": FINE_RMB}
    measure = forms.ChoiceField(label=_("Measure"), choices=[*BLANK_CHOICE_DASH, *SanctionMeasure.choices])
    subject_kind = forms.ChoiceField(label=_("Individual or organisation"), choices=SubjectKind.choices)
    subject_name = forms.CharField(label=_("Name of the person or organisation"), max_length=100)
    on_behalf_of = forms.CharField(
        label=_("Unit the person answers for"),
        max_length=100,
        required=False,
        help_text=_(
            "Under the administrative and criminal procedures a unit is not sanctioned: "
            "name its responsible person above and the unit here."
        ),
    )
    amount = forms.IntegerField(label=_("Fine (RMB)"), required=False, min_value=1)
    days = forms.IntegerField(label=_("Detention (days)"), required=False, min_value=1, max_value=365)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class SanctionDecisionForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    approve = DecisionField(_("Approve"), _("Do not approve"))
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReconsiderationForm(StyledFormMixin, forms.Form):
    """The fined or detained person's application to the next-higher court."""

    bounds = {"decision_received_on": HAPPENED, "applied_on": HAPPENED}

    decision_received_on = forms.DateField(label=_("Decision received on"), widget=DateInput())
    applied_on = forms.DateField(label=_("Applied on"), widget=DateInput())
    grounds = forms.CharField(
        label=_("Grounds of the application"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReconsiderationOutcomeForm(StyledFormMixin, forms.Form):
    bounds = {"outcome_on": HAPPENED}
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    outcome = forms.ChoiceField(
        label=_("The higher court's decision"),
        choices=[c for c in ReconsiderationOutcome.choices if c[0] != ReconsiderationOutcome.PENDING],
    )
    outcome_on = forms.DateField(label=_("Decision received on"), widget=DateInput())
    note = forms.CharField(
        label=_("What the higher court decided"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ChainForm(StyledFormMixin, forms.Form):
    step = forms.ChoiceField(label=_("Step of the chain"), choices=ChainStep.choices)
    notified = forms.ModelChoiceField(label=_("Person notified"), queryset=Account.objects.none())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, court_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notified"].queryset = (  # type: ignore[attr-defined]
            Account.objects.filter(is_active=True, role_assignments__court_id=court_id)
            .distinct()
            .order_by("display_name", "username")
        )


class ReceptionForm(StyledFormMixin, forms.Form):
    bounds = {"held_at": HAPPENED, "petitioners": PEOPLE_AT_AN_EVENT}
    held_at = forms.DateTimeField(label=_("Held at"), widget=DateTimeLocalInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    participants = forms.ModelMultipleChoiceField(
        label=_("Court participants"), queryset=Person.objects.none()
    )
    police = forms.ModelMultipleChoiceField(
        label=_("Judicial police present"), queryset=Person.objects.none(), required=False
    )
    petitioners = forms.IntegerField(label=_("Number of petitioners received"), min_value=0)
    summary = forms.CharField(label=_("What was said and agreed"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, court_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("participants", "police"):
            self.fields[name].queryset = _people({court_id})  # type: ignore[attr-defined]
            self.fields[name].widget.attrs["size"] = 6


class PlanForm(StyledFormMixin, forms.Form):
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    upload = forms.FileField(label=_("Plan document"))

    def __init__(self, *args: Any, court_ids: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = Court.objects.filter(pk__in=court_ids)  # type: ignore[attr-defined]
        if len(court_ids) == 1:
            self.fields["court"].initial = next(iter(court_ids))


class ActivationForm(StyledFormMixin, forms.Form):
    """Who is called to the scene: the three A13.4 roles, and others."""

    incident = forms.ModelChoiceField(label=_("Incident"), queryset=Incident.objects.none(), required=False)
    leader_in_charge = forms.ModelChoiceField(
        label=CallRole.LEADER_IN_CHARGE.label, queryset=Person.objects.none()
    )
    division_chief = forms.ModelChoiceField(
        label=CallRole.DIVISION_CHIEF.label, queryset=Person.objects.none()
    )
    police_duty_leader = forms.ModelChoiceField(
        label=CallRole.POLICE_DUTY_LEADER.label, queryset=Person.objects.none()
    )
    others = forms.ModelMultipleChoiceField(
        label=_("Others called"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, court_id: int, incidents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("leader_in_charge", "division_chief", "police_duty_leader", "others"):
            self.fields[name].queryset = _people({court_id})  # type: ignore[attr-defined]
        self.fields["incident"].queryset = incidents  # type: ignore[attr-defined]

    def calls(self) -> list[tuple[str, Person]]:
        data = self.cleaned_data
        calls = [
            (CallRole.LEADER_IN_CHARGE, data["leader_in_charge"]),
            (CallRole.DIVISION_CHIEF, data["division_chief"]),
            (CallRole.POLICE_DUTY_LEADER, data["police_duty_leader"]),
        ]
        return [*calls, *((CallRole.OTHER, p) for p in data.get("others") or [])]


class ArrivalForm(StyledFormMixin, forms.Form):
    bounds = {"arrived_at": HAPPENED}
    arrived_at = forms.DateTimeField(label=_("Arrived at"), widget=DateTimeLocalInput())


class TalkForm(StyledFormMixin, forms.Form):
    bounds = {"held_at": HAPPENED}
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none())
    person: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Person talked to"), queryset=PersonOfConcern.objects.none()
    )
    incident = forms.ModelChoiceField(label=_("Incident"), queryset=Incident.objects.none(), required=False)
    held_at = forms.DateTimeField(label=_("Held at"), widget=DateTimeLocalInput())
    conducted_by = forms.CharField(label=_("Conducted by"), max_length=200)
    content = forms.CharField(label=_("What was said"), widget=forms.Textarea(attrs={"rows": 3}))
    record = forms.FileField(label=_("Signed record"))

    def __init__(self, *args: Any, court_ids: set[int], persons: Any, incidents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = Court.objects.filter(pk__in=court_ids)  # type: ignore[attr-defined]
        if len(court_ids) == 1:
            self.fields["court"].initial = next(iter(court_ids))
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["incident"].queryset = incidents  # type: ignore[attr-defined]


class FilterForm(StyledFormMixin, forms.Form):
    """The register's search (selectors.search_incidents)."""

    q = search_field(_("Number, words of the account or place, case number, names."))
    kind = filter_choice(_("Kind"), _("All kinds"), IncidentKind.choices)
    status = filter_choice(_("Status"), _("Any status"), IncidentStatus.choices)
    occurred_from = forms.DateField(label=_("Happened from"), required=False, widget=DateInput())
    occurred_to = forms.DateField(label=_("Happened until"), required=False, widget=DateInput())
    # A2/A28: split by the protected persons' staff category. The leaders' overview (A30)
    # links here with an exact place and a court too.
    category = filter_choice(_("Staff category"), _("Any category"), PersonCategory.choices)
    right = right_filter()
    place = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    court = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("occurred_from"), data.get("occurred_to")
        if start and end and end < start:
            self.add_error("occurred_to", _("The end of the range cannot be before its start."))
        return data

    def search(self) -> dict[str, Any] | None:
        """The arguments of selectors.search_incidents; None for an invalid search (which
        finds nothing rather than everything)."""
        if not self.is_bound:
            return {}
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return {
            "text": data["q"].replace("\x00", ""),
            "kind": data["kind"],
            "status": data["status"],
            "occurred_from": data["occurred_from"],
            "occurred_to": data["occurred_to"],
            "category": data["category"],
            "right": data["right"],
            "place": data["place"],
            "court": data["court"],
        }
