"""Forms of the liaison directory (A19): field checks only; the services keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import PHONE
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.models import Agency, AgencyContact
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Court

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
