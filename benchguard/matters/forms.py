"""Forms of the matters area. Each transition has its own small form; the service it
feeds decides whether the transition is allowed (house style 3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin, filter_choice, search_field
from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.matters.choices import (
    Channel,
    DecisionBasis,
    MatterStatus,
    Response,
    StepKind,
    Subject,
    TimeRequestKind,
)
from benchguard.organization.choices import PersonCategory
from benchguard.organization.forms import right_filter, rights_concerned
from benchguard.organization.models import Account, Person

DATE = forms.DateInput(attrs={"type": "date"})
FEEDBACK_CHANNELS = [
    (c.value, c.label) for c in (Channel.ONLINE, Channel.PHONE, Channel.EMAIL, Channel.WRITTEN)
]


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, **kwargs)


class ApplicationForm(StyledFormMixin, forms.Form):
    """What a judge states when applying (A26.1)."""

    bounds = {"reported_to_department_on": HAPPENED}

    subject = forms.ChoiceField(
        label=_("What kind of infringement"), choices=[*BLANK_CHOICE_DASH, *Subject.choices]
    )
    right = rights_concerned(_("Empty: the category the kind of infringement means."))
    facts = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    infringer = forms.CharField(label=_("Who infringed"), max_length=200, required=False)
    request = forms.CharField(
        label=_("What you ask the committee for"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    reported_to_department_on = forms.DateField(
        label=_("When you reported it to your own department"), widget=DATE, required=False
    )
    department_response = forms.CharField(
        label=_("What your department did"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class RegisterForm(ApplicationForm):
    """The office registers an application received by phone, e-mail or in writing."""

    given_rows = {"people": "applicant"}

    applicant = forms.ModelChoiceField(label=_("Applicant"), queryset=Person.objects.none())
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in (Channel.PHONE, Channel.EMAIL, Channel.WRITTEN)],
    )
    original = forms.FileField(label=_("The original (scan or e-mail file)"), required=False)

    field_order = ["applicant", "channel", "original"]


class ExOfficioForm(StyledFormMixin, forms.Form):
    """A matter the committee opens itself (A17)."""

    given_rows = {"people": "applicant"}

    subject = forms.ChoiceField(
        label=_("What kind of infringement"),
        choices=[(s.value, s.label) for s in (Subject.FALSE_ACCUSATION, Subject.DEFAMATION, Subject.OTHER)],
    )
    applicant = forms.ModelChoiceField(
        label=_("Judge concerned"), queryset=Person.objects.none(), required=False
    )
    facts = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    infringer = forms.CharField(label=_("Who infringed"), max_length=200, required=False)


class AcceptForm(StyledFormMixin, forms.Form):
    given_rows = {"handlers": "handler"}
    version = VersionField()
    handler = forms.ModelChoiceField(
        label=_("Handler"), queryset=Account.objects.none(), required=False, empty_label=_("Myself")
    )


class DeclineForm(StyledFormMixin, forms.Form):
    version = VersionField()
    reason = forms.CharField(
        label=_("Reason (the applicant reads it)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class StepForm(StyledFormMixin, forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=[*BLANK_CHOICE_DASH, *StepKind.choices])
    text = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )

    def __init__(self, *args: Any, steps: list[str] | None = None, **kwargs: Any) -> None:
        """`steps`: the steps the user may record (permissions.allowed_steps)."""
        super().__init__(*args, **kwargs)
        if steps is not None:
            allowed = [c for c in StepKind.choices if c[0] in steps]
            self.fields["step"].choices = [*BLANK_CHOICE_DASH, *allowed]  # type: ignore[attr-defined]


class TimeRequestForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Request"), choices=TimeRequestKind.choices)
    days = forms.IntegerField(label=_("Days (for an extension)"), min_value=1, max_value=90, required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class TimeDecisionForm(StyledFormMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve")), ("no", _("Reject"))],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(label=_("Note"), max_length=1000, required=False)


class DecideForm(StyledFormMixin, forms.Form):
    version = VersionField()
    basis = forms.ChoiceField(label=_("Decided by"), choices=DecisionBasis.choices)
    resolution: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Meeting resolution"),
        queryset=None,  # set per matter
        required=False,
        help_text=_("Only for a decision of a committee meeting."),
    )
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    handling_opinion = forms.CharField(
        label=_("Handling opinion"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )

    def __init__(self, *args: Any, resolutions: Any, bases: list[str] | None = None, **kwargs: Any) -> None:
        """`bases`: who the user may record a decision for (permissions.decision_bases)."""
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = resolutions  # type: ignore[attr-defined]
        if bases is not None:
            self.fields["basis"].choices = [c for c in DecisionBasis.choices if c[0] in bases]  # type: ignore[attr-defined]
            if DecisionBasis.MEETING not in bases:
                del self.fields["resolution"]


class FeedbackForm(StyledFormMixin, forms.Form):
    version = VersionField()
    channel = forms.ChoiceField(label=_("Delivered by"), choices=FEEDBACK_CHANNELS)


class ResponseForm(StyledFormMixin, forms.Form):
    bounds = {"appeal_sent_on": HAPPENED}
    version = VersionField()
    response = forms.ChoiceField(label=_("Your answer"), choices=Response.choices)
    appeal_sent_on = forms.DateField(label=_("Appeal sent on"), widget=DATE, required=False)


class AppealOutcomeForm(StyledFormMixin, forms.Form):
    bounds = {"decided_on": HAPPENED}
    version = VersionField()
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE)


class AttachmentForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("File"))


class TaskForm(StyledFormMixin, forms.Form):
    given_rows = {"people": "owner"}
    bounds = {"due_date": PLANNED}
    owner = forms.ModelChoiceField(label=_("Given to"), queryset=Person.objects.none())
    description = forms.CharField(
        label=_("What is to be done"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE)


class TaskDoneForm(StyledFormMixin, forms.Form):
    result = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class RegisterSearchForm(StyledFormMixin, forms.Form):
    """The filters of the register of all matters (issue 9, point 5)."""

    given_rows = {"handlers": "handler"}

    q = search_field(_("Number, applicant (name or pinyin) or words of the matter."))
    status = filter_choice(_("Status"), _("Any status"), MatterStatus.choices)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    handler = forms.ModelChoiceField(
        label=_("Handler"), required=False, queryset=Account.objects.none(), empty_label=_("Anyone")
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    # A2/A28: the register splits by the applicant's staff category; the leaders'
    # overview (A30) links here with it, and with `court` for an office of several courts.
    category = filter_choice(_("Staff category"), _("Any category"), PersonCategory.choices)
    right = right_filter()
    court = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
