"""Forms of the interference area (A7): field checks only; the services keep the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.cases.choices import Stage
from benchguard.committee.models import Resolution
from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import HAPPENED
from benchguard.interference.choices import (
    ActionKind,
    ActionStatus,
    InternalNature,
    Method,
    ReviewOpinion,
    SourceKind,
)
from benchguard.organization.models import Person


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"


class EntryForm(StyledFormMixin, forms.Form):
    """An attempt to influence a case (A7.1). The judge is the user themself or, for a
    supervisor, a judge of their court (`judges`)."""

    given_rows = {"judges": "judge"}
    judge = forms.ModelChoiceField(
        label=_("Judge approached"), queryset=Person.objects.none(), empty_label=None
    )
    source_kind = forms.ChoiceField(label=_("Who tried"), choices=SourceKind.choices)
    internal_nature = forms.ChoiceField(
        label=_("Internal enquiry"),
        choices=InternalNature.choices,
        required=False,
        help_text=_("For a court insider only: supervision within authority, or improper."),
    )
    person_name = forms.CharField(label=_("Name of the person"), max_length=50)
    person_unit = forms.CharField(label=_("Their unit"), max_length=100, required=False)
    person_post = forms.CharField(label=_("Their post"), max_length=100, required=False)
    person_contact = forms.CharField(
        label=_("Their contact (as known)"),
        max_length=200,
        required=False,
        help_text=_(
            "Free text: a phone number, an address, a WeChat or e-mail account, or how the judge knows "
            "them. Stored encrypted."
        ),
    )
    occurred_at = forms.DateTimeField(label=_("When it happened"), widget=DateTimeLocalInput())
    # Not "method": a field of that name hides the form's own `method` from scripts.
    way = forms.ChoiceField(label=_("How"), choices=Method.choices)
    request = forms.CharField(label=_("What was asked"), widget=forms.Textarea(attrs={"rows": 3}))
    case_number = forms.CharField(label=_("Case number"), max_length=60)
    stage = forms.ChoiceField(label=_("Stage of the case"), choices=Stage.choices)
    response = forms.CharField(label=_("The judge's response"), widget=forms.Textarea(attrs={"rows": 3}))
    affected_handling = forms.BooleanField(
        label=_("It affected how the case was handled"),
        required=False,
        help_text=_("The entry is then reported upward at once."),
    )
    attachment = forms.FileField(label=_("Attachment (letter, materials)"), required=False)

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        upload = data.pop("attachment", None)
        data["attachments"] = [upload] if upload else []
        data["method"] = data.pop("way")
        return data


class AmendForm(EntryForm):
    """A correction: the whole entry as it should read, and what it corrects."""

    amendment_reason = forms.CharField(
        label=_("What the amendment corrects"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data.pop("judge", None)
        return data


class EntryFilterForm(StyledFormMixin, forms.Form):
    way = filter_choice(_("How"), _("Any way"), Method.choices)
    affected = forms.BooleanField(label=_("Affected a case only"), required=False)
    referred = forms.BooleanField(label=_("Referred to the committee only"), required=False)


class ReferForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note to the committee"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImmediateReportForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("How and to whom it was reported"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReceiptForm(StyledFormMixin, forms.Form):
    bounds = {"received_on": HAPPENED}
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())


class ReportFilterForm(StyledFormMixin, forms.Form):
    late = forms.BooleanField(label=_("Late only"), required=False)


class ActionForm(StyledFormMixin, forms.Form):
    bounds = {"decided_on": HAPPENED}
    given_rows = {"judges": "judge"}
    judge = forms.ModelChoiceField(label=_("Judge concerned"), queryset=Person.objects.none())
    kind = forms.ChoiceField(label=_("Kind of action"), choices=ActionKind.choices)
    ground = forms.CharField(label=_("Statutory ground"), widget=forms.Textarea(attrs={"rows": 2}))
    procedure = forms.CharField(label=_("Procedure followed"), widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())


class ActionFilterForm(StyledFormMixin, forms.Form):
    status = filter_choice(_("Status"), _("Any status"), ActionStatus.choices)


class PrepareForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    preparation = forms.CharField(
        label=_("What the office checked"), widget=forms.Textarea(attrs={"rows": 3})
    )


class OpinionForm(StyledFormMixin, forms.Form):
    given_rows = {"resolutions": "resolution"}
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    opinion = forms.ChoiceField(label=_("Review opinion"), choices=ReviewOpinion.choices)
    opinion_text = forms.CharField(
        label=_("Reasons of the opinion"), widget=forms.Textarea(attrs={"rows": 3})
    )
    resolution = forms.ModelChoiceField(
        label=_("Committee resolution"), queryset=Resolution.objects.none(), required=False
    )
