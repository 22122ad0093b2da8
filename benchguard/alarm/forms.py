"""Forms of the alarm area: field checks only; the services keep the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin
from benchguard.incidents.choices import Procedure


class PressForm(StyledFormMixin, forms.Form):
    """A person's own alarm: where they are, if they have a second to say it."""

    place = forms.CharField(
        label=_("Where are you? (optional)"),
        max_length=150,
        required=False,
        help_text=_("Press at once if there is no time: the officers are told who pressed it."),
    )


class CloseForm(StyledFormMixin, forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the officers found and did (a false alarm too)."),
    )


class HearingForm(StyledFormMixin, forms.Form):
    """The case being heard in a courtroom now (empty when the hearing is over)."""

    case_number = forms.CharField(label=_("Case being heard"), max_length=60, required=False)
    procedure = forms.ChoiceField(
        label=_("Procedure"), choices=[("", "—"), *Procedure.choices], required=False
    )
