"""Forms of cases (A14): field checks only; the services keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from benchguard.cases.choices import PartyKind, PartyRole, Stage
from benchguard.cases.models import Case
from benchguard.cases.selectors import divisions_of, judges_of
from benchguard.core.documents import DocumentType, validate_document
from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import HAPPENED
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Court


class CaseFileForm(StyledFormMixin, forms.Form):
    """A new case: its court (one whose cases the clerk files), number, cause, filing
    date, and the division and judges trying it when already known."""

    bounds = {"filed_on": HAPPENED}

    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none(), empty_label=None)
    number = forms.CharField(
        label=_("Case number"),
        max_length=40,
        help_text=_("As written on the case file, e.g. （2026）鲁02民初123号."),
    )
    cause = forms.CharField(label=_("Cause of action"), max_length=100)
    filed_on = forms.DateField(label=_("Filed on"), widget=forms.DateInput(attrs={"type": "date"}))
    division = forms.ModelChoiceField(label=_("Division"), queryset=Court.objects.none(), required=False)
    judge = forms.ModelChoiceField(label=_("Judge in charge"), queryset=Court.objects.none(), required=False)
    panel = forms.ModelMultipleChoiceField(
        label=_("Other members of the panel"), queryset=Court.objects.none(), required=False
    )

    def __init__(self, *args: Any, courts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        court_ids = [court.pk for court in courts]
        fields: Any = self.fields
        fields["court"].queryset = courts
        fields["division"].queryset = divisions_of(court_ids)
        fields["judge"].queryset = judges_of(court_ids)
        fields["panel"].queryset = judges_of(court_ids)


class CaseEditForm(VersionedForm):
    bounds = {"filed_on": HAPPENED}

    class Meta:
        model = Case
        fields = ["cause", "filed_on", "division", "judge"]
        widgets = {"filed_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["division"].queryset = divisions_of([self.instance.court_id])
        fields["judge"].queryset = judges_of([self.instance.court_id])


class PartyForm(StyledFormMixin, forms.Form):
    """A party of a case; a natural person's identity document is checked as the gate
    checks it (check character, birth date, format)."""

    kind = forms.ChoiceField(label=_("Kind of party"), choices=PartyKind.choices)
    role = forms.ChoiceField(label=_("Standing"), choices=PartyRole.choices)
    name = forms.CharField(label=_("Name"), max_length=100)
    document_kind = forms.ChoiceField(
        label=_("Document type"), choices=[("", _("No document")), *DocumentType.choices], required=False
    )
    document_number = forms.CharField(label=_("Document number"), max_length=40, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, number = data.get("document_kind", ""), data.get("document_number", "")
        if number and not kind:
            self.add_error("document_kind", _("Choose the type of the document."))
        elif kind and data.get("kind") != PartyKind.PERSON:
            self.add_error("document_kind", _("Only a natural person's identity document is recorded."))
        elif kind:
            try:
                data["document_number"] = validate_document(kind, number)
            except ValidationError as error:
                self.add_error("document_number", error)
        return data


class CaseSearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": _("Case number or a party's name")}),
    )
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *Stage.choices], required=False
    )


class CaseImportForm(StyledFormMixin, forms.Form):
    """A sheet of cases to preview: the court they are filed at and the Excel file."""

    court = forms.ModelChoiceField(label=_("Court"), queryset=Court.objects.none(), empty_label=None)
    file = forms.FileField(
        label=_("Excel sheet (.xlsx)"),
        help_text=_("One row per party, with the case's columns on each row; see the template."),
    )

    def __init__(self, *args: Any, courts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["court"].queryset = courts
