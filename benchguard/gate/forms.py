from __future__ import annotations

from typing import Any

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benchguard.core.documents import DocumentType
from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import HAPPENED, PEOPLE_AT_A_GATE, PHONE
from benchguard.gate.choices import (
    CHECK_CHOICES,
    CredentialKind,
    DayEndOutcome,
    Disposition,
    HoldDecision,
    ItemCategory,
    PassageKind,
    RefusalReason,
    Shift,
    VisitStatus,
)
from benchguard.gate.models import Post
from benchguard.incidents.choices import NATURES_BY_KIND, IncidentKind, Nature
from benchguard.organization.models import Person


class CheckInForm(StyledFormMixin, forms.Form):
    """The gatehouse desk, in the order a guard types (an ID-card reader types the
    number and then the name, like a keyboard). `host` is chosen only when the typed
    host matches several people."""

    bounds = {"phone": PHONE}

    document_number = forms.CharField(label=_("Document number"), max_length=30)
    visitor_name = forms.CharField(label=_("Visitor's name"), max_length=50)
    document_kind = forms.ChoiceField(
        label=_("Document type"), choices=DocumentType.choices, initial=DocumentType.RESIDENT_ID
    )
    host_query = forms.CharField(
        label=_("Host"),
        max_length=50,
        help_text=_("Part of a name, its pinyin or initials, a staff number or a department."),
    )
    host = forms.ModelChoiceField(label=_("Which host"), queryset=Person.objects.none(), required=False)
    purpose = forms.CharField(label=_("Purpose of the visit"), max_length=200)
    slot = forms.CharField(label=_("Slot"), max_length=10)
    phone = forms.CharField(label=_("Visitor's phone"), max_length=20, required=False)

    def __init__(self, *args: Any, candidates: list[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_number"].widget.attrs.update({"autofocus": True, "autocomplete": "off"})
        for name in ("visitor_name", "host_query", "slot", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        if candidates:
            self.fields["host"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
                pk__in=[p.pk for p in candidates]
            ).select_related("department")
            self.fields["host"].label_from_instance = lambda p: (  # type: ignore[attr-defined]
                f"{p.name} · {p.department or ''}"
            )
        else:
            del self.fields["host"]


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class HoldDecisionForm(StyledFormMixin, forms.Form):
    """No decision is preselected: the officer chooses one (issue 9)."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[*BLANK_CHOICE_DASH, *HoldDecision.choices])
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class CheckDecisionForm(StyledFormMixin, forms.Form):
    """A check: clear or hold, nothing preselected."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[*BLANK_CHOICE_DASH, *CHECK_CHOICES])
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


def decision_form(visit: Any, data: Any = None) -> forms.Form:
    """The police's form for a visit waiting for them: a check's or a hold's."""
    from benchguard.gate.choices import VisitStatus

    form_class = CheckDecisionForm if visit.status == VisitStatus.CHECKING else HoldDecisionForm
    return form_class(data)


class DayEndForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happened"), choices=[*BLANK_CHOICE_DASH, *DayEndOutcome.choices]
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class VisitSearchForm(StyledFormMixin, forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Visitor's name"), max_length=50, required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=30, required=False)
    host = forms.CharField(label=_("Host"), max_length=50, required=False)


class VisitDrillForm(forms.Form):
    """The register narrowed by what the leaders' overview counted (A30): a status, the
    visits the screening held or checked, a month (YYYY-MM) and a court. Sent by GET: it
    names no visitor, so it may stand in an address."""

    KEYS = ("status", "held", "month", "court")

    status = forms.ChoiceField(required=False, choices=[("", ""), *VisitStatus.choices])
    held = forms.BooleanField(required=False)
    month = forms.RegexField(required=False, regex=r"^20\d\d-(0[1-9]|1[0-2])$")
    court = forms.IntegerField(required=False, min_value=1)


class ShiftForm(StyledFormMixin, forms.Form):
    """A checkpoint's shift (A12.1): the officers on duty and what they checked; the
    refusals are itemised on the shift's page, each with its reason."""

    given_rows = {"posts": "post", "police": "officers"}
    bounds = {
        "day": HAPPENED,
        "people_checked": PEOPLE_AT_A_GATE,
        "bags_checked": PEOPLE_AT_A_GATE,
    }
    post: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Checkpoint"), queryset=Post.objects.none())
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    shift = forms.ChoiceField(label=_("Shift"), choices=Shift.choices)
    officers = forms.ModelMultipleChoiceField(
        label=_("Officers on duty"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The court security-check rules require at least two."),
    )
    people_checked = forms.IntegerField(label=_("People checked"), min_value=0)
    bags_checked = forms.IntegerField(label=_("Bags checked"), min_value=0)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


# A new item kept for return goes in a numbered locker; `held` stays for older rows.
NEW_DISPOSITIONS = [(value, label) for value, label in Disposition.choices if value != Disposition.HELD]


class ItemForm(StyledFormMixin, forms.Form):
    category = forms.ChoiceField(label=pgettext_lazy("item", "Category"), choices=ItemCategory.choices)
    description = forms.CharField(label=_("Item"), max_length=200)
    owner_name = forms.CharField(label=_("Owner"), max_length=50)
    disposition = forms.ChoiceField(label=_("What became of it"), choices=NEW_DISPOSITIONS)
    locker_number = forms.CharField(
        label=_("Locker number"), max_length=20, required=False, help_text=_("For an item kept in a locker.")
    )
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=30, required=False)


class RefusalForm(StyledFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RefusalReason.choices)
    note = forms.CharField(
        label=_("What happened"), max_length=200, required=False, help_text=_("Needed for “Other”.")
    )


class PassageForm(StyledFormMixin, forms.Form):
    """A lawyer or prosecutor at the dedicated passage (A12.1), with the credential seen."""

    given_rows = {"posts": "post"}
    post: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Checkpoint"), queryset=Post.objects.none())
    kind = forms.ChoiceField(label=pgettext_lazy("passage", "Who"), choices=PassageKind.choices)
    name = forms.CharField(label=_("Name"), max_length=50)
    unit = forms.CharField(label=_("Law firm or unit"), max_length=100)
    credential_kind = forms.ChoiceField(label=_("Credential seen"), choices=CredentialKind.choices)
    credential_number = forms.CharField(label=_("Credential number"), max_length=40)
    purpose = forms.CharField(label=_("Case number or purpose"), max_length=100, required=False)


class StatisticsForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000)

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if year > this_year:
            raise forms.ValidationError(
                _("The figures go up to this year, %(year)s."), code="future", params={"year": this_year}
            )
        return year


class ItemIncidentForm(StyledFormMixin, forms.Form):
    nature = forms.ChoiceField(
        label=_("What kind of act"),
        choices=[(value, Nature(value).label) for value in NATURES_BY_KIND[IncidentKind.CRIME]],
    )
    description = forms.CharField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
