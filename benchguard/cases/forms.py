"""Forms of cases (A14): field checks only; the services keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from benchguard.cases.choices import PartyKind, PartyRole, Stage, Tier
from benchguard.cases.models import Case, RiskFlag, RiskLevel
from benchguard.cases.selectors import divisions_of, judges_of
from benchguard.core.documents import DocumentType, validate_document
from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import HAPPENED
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Court
from benchguard.organization.selectors import people_in_court


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
    risk_flags = forms.ModelMultipleChoiceField(
        label=_("Risk flags"),
        queryset=RiskFlag.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick what applies: the judge and the division chief are alerted (A14)."),
    )
    risk_reason = forms.CharField(
        label=_("Why it is flagged"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
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


OPEN_STAGES = "open"


class PartyCorrectionForm(PartyForm):
    """A party corrected as the case file has it, on the version it was loaded at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, party: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.update(
                kind=party.kind,
                role=party.role,
                name=party.name,
                document_kind=party.document_kind,
                document_number=party.document_number,
                version=party.version,
            )


class PartyRemovalForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why it is removed"), max_length=200)


class PanelForm(StyledFormMixin, forms.Form):
    panel = forms.ModelMultipleChoiceField(
        label=_("Other members of the panel"), queryset=Court.objects.none(), required=False
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["panel"].queryset = judges_of([case.court_id])
        if not self.is_bound:
            self.initial["panel"] = list(case.panel.all())


class CaseSearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": _("Case number or a party's name")}),
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[("", _("All stages")), (OPEN_STAGES, _("Not closed")), *Stage.choices],
        required=False,
    )
    level = forms.TypedChoiceField(label=_("Risk level"), coerce=int, required=False, empty_value=None)
    court = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["level"].choices = [
            ("", _("Any risk level")),
            *((level.rank, str(level)) for level in RiskLevel.objects.order_by("rank")),
        ]


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


# Risk (A14, A16) ------------------------------------------------------------------------


class FlagForm(StyledFormMixin, forms.Form):
    """The filing division's checklist of risks, with why."""

    flags = forms.ModelMultipleChoiceField(
        label=_("Risk flags"),
        queryset=RiskFlag.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick nothing to clear the flags; the history keeps them."),
    )
    reason = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class LevelForm(StyledFormMixin, forms.Form):
    level = forms.ModelChoiceField(
        label=_("Risk level"), queryset=RiskLevel.objects.filter(is_active=True), empty_label=None
    )
    reason = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnyStageField(forms.ChoiceField):
    """Offers the later stages, but takes any stage: a page left open while someone else
    moved the case is answered by the service ("changed meanwhile"), not as a bad choice."""

    def valid_value(self, value: Any) -> bool:
        return value in Stage.values


class StageForm(StyledFormMixin, forms.Form):
    stage = AnyStageField(label=_("Next stage"), choices=())
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        order = [value for value, _label in Stage.choices]
        later = [
            (value, label) for value, label in Stage.choices if order.index(value) > order.index(case.stage)
        ]
        fields: Any = self.fields
        fields["stage"].choices = later
        self.initial.setdefault("version", case.version)


class PlanForm(StyledFormMixin, forms.Form):
    """The contingency plan (A16): who leads, who helps, and the three in step."""

    lead = forms.ModelChoiceField(label=_("Lead"), queryset=Court.objects.none())
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=Court.objects.none(), required=False
    )
    lawful_handling = forms.CharField(label=_("Lawful handling"), max_length=4000, widget=forms.Textarea)
    opinion_line = forms.CharField(label=_("Public-opinion line"), max_length=4000, widget=forms.Textarea)
    social_control = forms.CharField(
        label=_("Social control, with the police"), max_length=4000, widget=forms.Textarea
    )
    judge_security = forms.CharField(label=_("The judge's security"), max_length=4000, widget=forms.Textarea)
    triggers = forms.CharField(label=_("What triggers the plan"), max_length=4000, widget=forms.Textarea)
    contacts = forms.CharField(label=_("Contacts"), max_length=4000, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, case: Case, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        people = people_in_court([case.court_id])
        fields["lead"].queryset = people
        fields["members"].queryset = people
        if plan is not None and not self.is_bound:
            self.initial.update(
                {name: getattr(plan, name) for name in ["lead", *PLAN_TEXTS]},
                members=list(plan.members.all()),
                version=plan.version,
            )


PLAN_TEXTS = ["lawful_handling", "opinion_line", "social_control", "judge_security", "triggers", "contacts"]


class ReportForm(StyledFormMixin, forms.Form):
    summary = forms.CharField(label=_("What is reported"), max_length=4000, widget=forms.Textarea)


class PassOnForm(StyledFormMixin, forms.Form):
    tier = forms.TypedChoiceField(label=_("Pass on to"), coerce=int, choices=())
    summary = forms.CharField(label=_("What is reported"), max_length=4000, widget=forms.Textarea)

    def __init__(self, *args: Any, tiers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["tier"].choices = [(tier, Tier(tier).label) for tier in tiers]


class ReceiptForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Received by"),
        max_length=200,
        help_text=_("Who at the political-legal committee received it, and how."),
    )


class StatementForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Text of the statement"), max_length=8000, widget=forms.Textarea)


class SignOffForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Cleared with"),
        max_length=200,
        required=False,
        help_text=_("E.g. the publicity department, the political-legal committee, the higher court."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class InterveneForm(StyledFormMixin, forms.Form):
    facts = forms.CharField(
        label=_("What the committee takes up"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Left empty, the matter names the case, its cause and its level."),
    )
