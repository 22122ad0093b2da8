"""Forms of the liaison directory and its requests (A19): field checks only; the services
keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import HAPPENED, PHONE, PLANNED
from benchguard.incidents.models import Incident
from benchguard.liaison.choices import AgencyKind, RequestStatus
from benchguard.liaison.models import Agency, AgencyContact
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Court, Person

AGENCY_FIELDS = ["kind", "name", "address", "note"]
CONTACT_FIELDS = ["name", "position", "office_phone", "mobile_phone", "note"]
PHONE_BOUNDS = {"office_phone": PHONE, "mobile_phone": PHONE}


class AgencyAddForm(StyledFormMixin, forms.ModelForm):
    """A new body; the court is one the user keeps the directory of."""

    class Meta:
        model = Agency
        fields = ["court", *AGENCY_FIELDS]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, courts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        court: Any = self.fields["court"]
        court.queryset = courts
        court.empty_label = None


class AgencyForm(VersionedForm):
    class Meta:
        model = Agency
        fields = AGENCY_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class ContactAddForm(StyledFormMixin, forms.ModelForm):
    bounds = PHONE_BOUNDS

    class Meta:
        model = AgencyContact
        fields = CONTACT_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class ContactForm(VersionedForm):
    bounds = PHONE_BOUNDS

    class Meta:
        model = AgencyContact
        fields = CONTACT_FIELDS
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class DirectoryFilterForm(StyledFormMixin, forms.Form):
    given_rows = {"courts": "court"}
    court = forms.ModelChoiceField(
        label=_("Court"), queryset=Court.objects.none(), required=False, empty_label=_("All courts")
    )
    kind = filter_choice(_("Kind of body"), _("All kinds"), AgencyKind.choices)


# --- Requests to outside bodies (A19) ------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"


def _number(value: str) -> str:
    """A case or matter number as stored: no spaces, full-width brackets."""
    return "".join(value.split()).replace("(", "（").replace(")", "）")


class RequestFilterForm(StyledFormMixin, forms.Form):
    kind = filter_choice(_("Kind of body"), _("All kinds"), AgencyKind.choices)
    status = filter_choice(_("Status"), _("Any status"), RequestStatus.choices)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class SendRequestForm(StyledFormMixin, forms.Form):
    """A request sent to a body of the court's directory; the case and the matter are
    found by their numbers among those the user reads (`cases`, `matters`)."""

    bounds = {"sent_on": HAPPENED, "answer_by": PLANNED}
    given_rows = {
        "courts": "court",
        "agencies": "agency",
        "contacts": "contact",
        "judges": "judge",
        "incidents": "incident",
    }
    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none(), empty_label=None)
    agency = forms.ModelChoiceField(label=_("Outside body"), queryset=Agency.objects.none())
    contact = forms.ModelChoiceField(
        label=_("Contact"), queryset=AgencyContact.objects.none(), required=False
    )
    request_text = forms.CharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    judge = forms.ModelChoiceField(
        label=_("Judge concerned"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Required unless the request is about an incident."),
    )
    incident = forms.ModelChoiceField(label=_("Incident"), queryset=Incident.objects.none(), required=False)
    case_number = forms.CharField(label=_("Case number"), max_length=40, required=False)
    matter_number = forms.CharField(label=_("Committee matter number"), max_length=60, required=False)
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput())
    reference = forms.CharField(label=_("Reference"), max_length=60, required=False)
    answer_by = forms.DateField(label=_("Answer by"), widget=DateInput())

    def __init__(self, *args: Any, cases: Any, matters: Any, **kwargs: Any) -> None:
        self.cases, self.matters = cases, matters
        super().__init__(*args, **kwargs)
        self.fields["contact"].label_from_instance = lambda c: f"{c.agency.name} · {c.name}"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field, name, rows in (
            ("case_number", "case", self.cases),
            ("matter_number", "matter", self.matters),
        ):
            number = _number(data.pop(field, "") or "")
            data[name] = None
            if not number:
                continue
            court = data.get("court")
            found = rows.filter(number=number, **({"court": court} if court else {})).first()
            if found is None:
                self.add_error(field, _("No record of this court with this number among those you can see."))
            data[name] = found
        return data


class AnswerForm(StyledFormMixin, forms.Form):
    bounds = {"answered_on": HAPPENED}
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput())
    follow_up = forms.CharField(
        label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseRequestForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    follow_up = forms.CharField(
        label=_("Follow-up"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty to keep the follow-up noted with the answer."),
    )


class WithdrawRequestForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(label=_("Why it is withdrawn"), widget=forms.Textarea(attrs={"rows": 2}))
