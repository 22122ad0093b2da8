"""Forms of the privacy area (A18)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import HAPPENED
from benchguard.organization.forms import VersionedForm
from benchguard.privacy.choices import CaseKind, CaseStatus, EscalatedTo, Exposed, Notifier
from benchguard.privacy.models import ExposureCase, PrivacySettings


class CaseFilterForm(StyledFormMixin, forms.Form):
    kind = filter_choice(_("Kind"), _("Any kind"), CaseKind.choices)
    status = filter_choice(_("Status"), _("Any status"), CaseStatus.choices)


class RegisterCaseForm(StyledFormMixin, forms.ModelForm):
    given_rows = {"courts": "court", "people": "person", "cases": "case"}
    bounds = {"found_on": HAPPENED}
    url = forms.URLField(label=_("URL"), required=False, max_length=500, assume_scheme="https")
    exposed = forms.MultipleChoiceField(
        label=_("What was exposed"),
        choices=Exposed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ExposureCase
        fields = [
            "court", "kind", "person", "affects_relatives", "exposed", "platform", "url", "description",
            "case", "found_on",
        ]  # fmt: skip
        widgets = {
            "found_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class EvidenceForm(StyledFormMixin, forms.Form):
    bounds = {"captured_at": HAPPENED}
    file = forms.FileField(label=_("Screenshot or saved page"))
    captured_at = forms.DateTimeField(
        label=_("Captured at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("When the screenshot was taken; the upload time is kept as well."),
    )
    url = forms.URLField(label=_("URL"), required=False, max_length=500, assume_scheme="https")


class CloseCaseForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 3}))


class DraftNoticeForm(StyledFormMixin, forms.Form):
    recipient = forms.CharField(label=_("Recipient (platform operator)"), max_length=200)
    notifier = forms.ChoiceField(label=_("Notifier"), choices=Notifier.choices)
    contact = forms.CharField(label=_("Notifier's contact"), max_length=200)


class EditNoticeForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(label=_("Text of the notice"), widget=forms.Textarea(attrs={"rows": 16}))


class SendNoticeForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    sent_via = forms.CharField(label=_("Sent via"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class NoteForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class RefusedForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    refusal_reason = forms.CharField(
        label=_("Why the platform refused"), widget=forms.Textarea(attrs={"rows": 2})
    )


class EscalateForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    escalated_to = forms.ChoiceField(label=_("Escalated to"), choices=EscalatedTo.choices)
    escalation_reference = forms.CharField(
        label=_("Reference of the escalation"), required=False, max_length=200
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class SettingsForm(VersionedForm):
    class Meta:
        model = PrivacySettings
        fields = ["acknowledge_within_days", "remove_within_days", "notice_template"]
        widgets = {"notice_template": forms.Textarea(attrs={"rows": 14})}
