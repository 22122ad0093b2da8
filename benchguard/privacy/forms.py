"""Forms of the privacy area (A18)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import HAPPENED, CountBound
from benchguard.organization.forms import VersionedForm
from benchguard.privacy.choices import CaseKind, CaseStatus, EscalatedTo, Exposed, Notifier
from benchguard.privacy.models import FOLLOW_UP_DAYS, ExposureCase, PrivacySettings
from benchguard.privacy.validators import NOTIFIER_CONTACT


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

    def __init__(self, *args: Any, kinds: Collection[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:  # only the kinds the user may register
            field = self.fields["kind"]
            field.choices = [(value, label) for value, label in field.choices if value in kinds]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("kind") == CaseKind.ONLINE and not data.get("url") and "url" not in self.errors:
            self.add_error(
                "url",
                ValidationError(_("Give the address where the data was published."), code="required"),
            )
        return data


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
    contact = forms.CharField(
        label=_("Notifier's contact"),
        max_length=200,
        validators=[NOTIFIER_CONTACT],
        help_text=_("A phone number or an e-mail address; it is printed on the notice."),
    )


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
    """The days from 1 to 90 (models.FOLLOW_UP_DAYS): one bound, one message, the same in
    the browser and on the server."""

    bounds = {"acknowledge_within_days": FOLLOW_UP_DAYS, "remove_within_days": FOLLOW_UP_DAYS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.bounds:
            field = self.fields[name]
            field.min_value, field.max_value = FOLLOW_UP_DAYS.minimum, FOLLOW_UP_DAYS.maximum  # type: ignore[attr-defined]
            field.validators = [v for v in field.validators if isinstance(v, CountBound)]
            field.widget.attrs.update(FOLLOW_UP_DAYS.widget_attrs(field.widget))

    class Meta:
        model = PrivacySettings
        fields = ["acknowledge_within_days", "remove_within_days", "notice_template"]
        widgets = {"notice_template": forms.Textarea(attrs={"rows": 14})}
