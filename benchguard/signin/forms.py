from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class EnrolForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        help_text=_("The six digits the app shows after you added BenchGuard."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ResetForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("For the audit trail, e.g. “phone lost, identity checked in person”."),
    )


class AccountSearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("User name or name"), max_length=150, required=False)
