"""Forms of the welfare area: field checks only; the services keep the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.committee.models import Resolution
from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Person
from benchguard.welfare.choices import (
    ApplicationStatus,
    ClaimStatus,
    CondolenceStatus,
    CounsellingAnswer,
    Ground,
    Occasion,
    OnDuty,
    PolicyKind,
)
from benchguard.welfare.models import MAX_AMOUNT, InsurancePolicy


def amount(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
        required=required,
    )


def person_field(label: Any = None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label or _("Person"), queryset=Person.objects.none())


def text(label: Any, required: bool = True, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": rows})
    )


class CategoryFilterForm(StyledFormMixin, forms.Form):
    category = filter_choice(_("Category"), _("All categories"), PersonCategory.choices)


class PaymentFilterForm(CategoryFilterForm):
    status = filter_choice(_("Status"), _("Any status"), CondolenceStatus.choices)


class ClaimFilterForm(CategoryFilterForm):
    status = filter_choice(_("Status"), _("Any status"), ClaimStatus.choices)


class ApplicationFilterForm(CategoryFilterForm):
    status = filter_choice(_("Status"), _("Any status"), ApplicationStatus.choices)


class PolicyForm(StyledFormMixin, forms.Form):
    given_rows = {"people": "insured"}
    bounds = {"starts_on": PLANNED, "ends_on": PLANNED}
    insurer = forms.CharField(label=_("Insurer"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind of insurance"), choices=PolicyKind.choices)
    number = forms.CharField(label=_("Policy number"), max_length=60)
    starts_on = forms.DateField(label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("In force until"), widget=forms.DateInput(attrs={"type": "date"}))
    sum_death = amount(_("Sum on death per event"), required=False)
    sum_disability = amount(_("Sum on disability per event"), required=False)
    sum_medical = amount(_("Medical costs per event"), required=False)
    insured = forms.ModelMultipleChoiceField(
        label=_("People insured"), queryset=Person.objects.none(), required=False
    )
    note = text(_("Note"), required=False)


class ClaimForm(StyledFormMixin, forms.Form):
    given_rows = {"policies": "policy", "people": "person"}
    bounds = {"event_on": HAPPENED}
    policy = forms.ModelChoiceField(label=_("Policy"), queryset=InsurancePolicy.objects.none())
    person = person_field(_("Person insured"))
    event_on = forms.DateField(label=_("Date of the event"), widget=forms.DateInput(attrs={"type": "date"}))
    event = text(_("What happened"))
    amount_claimed = amount(_("Amount claimed"))
    documents = text(_("Documents (one a line)"), required=False)


class OnDutyForm(StyledFormMixin, forms.Form):
    on_duty = forms.ChoiceField(label=_("In the line of duty"), choices=OnDuty.choices[1:])


class SubmitClaimForm(StyledFormMixin, forms.Form):
    bounds = {"submitted_on": HAPPENED}
    submitted_on = forms.DateField(label=_("Submitted on"), widget=forms.DateInput(attrs={"type": "date"}))
    # The documents handed in with the claim: listed when it was recorded, or here.
    documents = text(_("Documents (one a line)"))


class ClaimOutcomeForm(StyledFormMixin, forms.Form):
    bounds = {"on": HAPPENED}
    paid = forms.TypedChoiceField(
        label=_("Outcome"), choices=[("1", _("Paid")), ("0", _("Refused"))], coerce=lambda v: v == "1"
    )
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount_paid = amount(_("Amount paid"), required=False)
    note = text(_("Insurer's answer"), required=False)


class FundEntryForm(StyledFormMixin, forms.Form):
    bounds = {"on": HAPPENED}
    amount = amount(_("Amount"))
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    purpose = forms.CharField(label=_("Purpose"), max_length=200)


class FundPaymentForm(FundEntryForm):
    given_rows = {"people": "person"}
    person = forms.ModelChoiceField(label=_("Paid to"), queryset=Person.objects.none())


class CondolenceForm(StyledFormMixin, forms.Form):
    given_rows = {"people": "person"}
    person = person_field()
    occasion = forms.ChoiceField(label=_("Occasion"), choices=Occasion.choices)
    relative = forms.CharField(label=_("Relative concerned"), max_length=50, required=False)
    amount = amount(_("Amount"))
    reason = text(_("Reason"))
    raised_standard = forms.BooleanField(
        label=_("Ask for a raised standard (harm in the line of duty)"), required=False
    )


class StepForm(StyledFormMixin, forms.Form):
    note = text(_("Note"), required=False, rows=2)
    voucher = forms.CharField(label=_("Finance voucher"), max_length=60, required=False)


class RefuseForm(StyledFormMixin, forms.Form):
    note = text(_("Why it is not approved"))


class VisitForm(StyledFormMixin, forms.Form):
    given_rows = {"people": "person"}
    bounds = {"visited_on": HAPPENED}
    person = person_field()
    occasion = forms.ChoiceField(label=_("Occasion"), choices=Occasion.choices)
    visited_on = forms.DateField(label=_("Visited on"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.CharField(label=_("Who visited"), max_length=200)
    note = text(_("Note"), required=False)


class ApplicationForm(StyledFormMixin, forms.Form):
    given_rows = {"people": "person"}
    person = person_field(_("Applicant"))
    ground = forms.ChoiceField(label=_("Ground"), choices=Ground.choices)
    facts = text(_("Facts"))
    amount_requested = amount(_("Amount requested"))


class DecideForm(StyledFormMixin, forms.Form):
    given_rows = {"resolutions": "resolution"}
    bounds = {"decided_on": HAPPENED}
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Do not approve"))],
        coerce=lambda v: v == "1",
    )
    amount_approved = amount(_("Amount approved"), required=False)
    decided_on = forms.DateField(label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))
    resolution = forms.ModelChoiceField(
        label=_("Meeting resolution"),
        queryset=Resolution.objects.none(),
        required=False,
        help_text=_("When a committee meeting decided it: the resolution (the office records it)."),
    )
    note = text(_("Reasons"), required=False)


class CloseItemForm(StyledFormMixin, forms.Form):
    outcome = text(_("What was done"))
    counselling = forms.ChoiceField(
        label=_("Counselling offer"), choices=[("", "—"), *CounsellingAnswer.choices], required=False
    )

    def __init__(self, *args: Any, counselling: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not counselling:
            del self.fields["counselling"]
