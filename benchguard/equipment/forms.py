"""Forms of the equipment area (A10.1, A10.2): field checks only; the services keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benchguard.core.forms import StyledFormMixin, filter_choice, search_field
from benchguard.equipment.choices import (
    DeviceKind,
    DeviceState,
    FaultStatus,
    Integrity,
    RecordingKind,
    ReturnCondition,
)
from benchguard.equipment.models import Device
from benchguard.incidents.models import Incident, Sanction
from benchguard.interference.models import Entry
from benchguard.matters.models import Matter
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Person


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class DeviceAddForm(StyledFormMixin, forms.ModelForm):
    given_rows = {"courts": "court"}

    class Meta:
        model = Device
        fields = ["court", "kind", "serial", "model_name", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].empty_label = None  # type: ignore[attr-defined]


class DeviceForm(VersionedForm):
    class Meta:
        model = Device
        fields = ["kind", "serial", "model_name", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class DeviceFilterForm(StyledFormMixin, forms.Form):
    q = search_field(_("Serial number, make or model."))
    kind = filter_choice(_("Kind of device"), _("All kinds"), DeviceKind.choices)
    state = filter_choice(_("State"), _("Any state"), DeviceState.choices)


class IssueForm(StyledFormMixin, forms.Form):
    given_rows = {"people": "holder"}
    holder = forms.ModelChoiceField(label=_("Issue to"), queryset=Person.objects.none())
    due_back_on = forms.DateField(
        label=_("To be returned by"),
        required=False,
        widget=DateInput,
        help_text=_("Empty: kept until further notice (a recording office phone)."),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)


class ReturnForm(StyledFormMixin, forms.Form):
    condition = forms.ChoiceField(label=_("State on return"), choices=ReturnCondition.choices)
    note = forms.CharField(
        label=_("Note on return"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when it came back damaged or was lost."),
    )


class FaultForm(StyledFormMixin, forms.Form):
    description = forms.CharField(
        label=_("What is wrong"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RepairForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Where the repair stands"),
        choices=[(value, label) for value, label in FaultStatus.choices if value != FaultStatus.REPORTED],
    )
    note = forms.CharField(
        label=_("Repair"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RecordingUploadForm(StyledFormMixin, forms.Form):
    given_rows = {"people": "person", "devices": "device"}
    file = forms.FileField(label=_("Recording (audio or video)"))
    kind = forms.ChoiceField(label=_("What it records"), choices=RecordingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    recorded_at = forms.DateTimeField(label=pgettext_lazy("recording", "Recorded at"), widget=DateTimeInput)
    person = forms.ModelChoiceField(label=_("Whose duty"), queryset=Person.objects.none(), empty_label=None)
    device = forms.ModelChoiceField(
        label=_("Recorded with"),
        queryset=Device.objects.none(),
        required=False,
        empty_label=_("Own device / none"),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class VersionForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Corrected file"))
    description = forms.CharField(
        label=_("Why a new version"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RecordingFilterForm(StyledFormMixin, forms.Form):
    q = search_field(_("Title, or the start of the SHA-256."))
    kind = filter_choice(_("What it records"), _("All kinds"), RecordingKind.choices)
    integrity = filter_choice(_("Integrity"), _("Any"), Integrity.choices)


def incident_label(incident: Incident) -> str:
    """An incident as offered for a recording: kind, local time, place, case number."""
    parts = [incident.get_kind_display(), f"{timezone.localtime(incident.occurred_at):%Y-%m-%d %H:%M}"]
    parts.append(Truncator(incident.place).chars(30))
    if incident.case_number:
        parts.append(incident.case_number)
    return " · ".join(str(part) for part in parts)


class LinkForm(StyledFormMixin, forms.Form):
    """Keep a recording with one record the user sees, chosen by kind."""

    given_rows = {"incidents": "incident", "sanctions": "sanction", "matters": "matter", "entries": "entry"}
    incident = forms.ModelChoiceField(label=_("Incident"), queryset=Incident.objects.none(), required=False)
    sanction = forms.ModelChoiceField(
        label=_("Courtroom sanction"), queryset=Sanction.objects.none(), required=False
    )
    matter = forms.ModelChoiceField(label=_("Matter"), queryset=Matter.objects.none(), required=False)
    entry = forms.ModelChoiceField(
        label=_("Interference entry"),
        queryset=Entry.objects.none(),
        required=False,
        help_text=_("The register is permanent: a recording kept with an entry is never purged."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Kind and day alone leave a busy court with many alike: the time, the place and
        # the case tell them apart.
        self.fields["incident"].label_from_instance = incident_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if sum(1 for name in ("incident", "sanction", "matter", "entry") if data.get(name)) != 1:
            raise forms.ValidationError(_("Choose one record to keep the recording with."), code="one_target")
        return data
