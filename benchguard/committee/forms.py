"""Forms of the committee pages. Field checks only; the domain rules (one chair, quorum,
votes within those present) are the services', whose refusals land next to the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from benchguard.committee import models
from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import ORDER, PLANNED, VOTES
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Court
from benchguard.organization.selectors import people_in_court

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _people_of(court_id: int) -> Any:
    return people_in_court(court_id)


class ServiceValidates:
    """A model form whose row the service validates whole (with the court) and reports
    per field: the form checks its fields only."""

    def _post_clean(self) -> None:
        pass


class MembershipForm(ServiceValidates, StyledFormMixin, forms.ModelForm):
    bounds = {"term_from": PLANNED}

    class Meta:
        model = models.CommitteeMembership
        fields = ["person", "position", "member_kind", "term_from"]
        widgets = {"term_from": DATE}

    def __init__(self, *args: Any, court: Court, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people_of(court.pk)  # type: ignore[attr-defined]


class MembershipEditForm(ServiceValidates, VersionedForm):
    bounds = MembershipForm.bounds

    class Meta(MembershipForm.Meta):
        fields = ["position", "member_kind", "term_from"]


class EndMembershipForm(ServiceValidates, VersionedForm):
    bounds = {"term_to": PLANNED}

    class Meta:
        model = models.CommitteeMembership
        fields = ["term_to", "end_reason"]
        widgets = {"term_to": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term_to"].required = True
        self.fields["end_reason"].required = True


class CommitteeSettingsForm(ServiceValidates, VersionedForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = models.CommitteeSettings
        fields = ["configured_size", "quorum_percent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class MeetingForm(ServiceValidates, StyledFormMixin, forms.ModelForm):
    bounds = {"scheduled_at": PLANNED}

    class Meta:
        model = models.Meeting
        fields = ["kind", "title", "scheduled_at", "place"]
        widgets = {"scheduled_at": DATETIME}


class MeetingEditForm(ServiceValidates, VersionedForm):
    bounds = MeetingForm.bounds

    class Meta(MeetingForm.Meta):
        pass


class CancelMeetingForm(ServiceValidates, VersionedForm):
    class Meta:
        model = models.Meeting
        fields = ["cancel_reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cancel_reason"].required = True


class MinutesForm(ServiceValidates, VersionedForm):
    class Meta:
        model = models.Meeting
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 12})}


class AttendanceForm(StyledFormMixin, forms.Form):
    """Tick who was present among the invited members."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, meeting: models.Meeting, attendances: list[models.Attendance], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.choices = [  # type: ignore[attr-defined]
            (str(a.membership_id), f"{a.membership.person.name} · {a.membership.get_position_display()}")
            for a in attendances
        ]
        field.widget.attrs["class"] = "form-check-input"
        if not self.is_bound:
            self.initial["version"] = meeting.version
            self.initial["present"] = [str(a.membership_id) for a in attendances if a.present]

    def present_ids(self) -> set[int]:
        return {int(value) for value in self.cleaned_data["present"]}


class AgendaItemForm(ServiceValidates, StyledFormMixin, forms.ModelForm):
    bounds = {"order": ORDER}

    class Meta:
        model = models.AgendaItem
        fields = ["title", "matter", "shared_summary", "description", "order"]
        widgets = {
            "shared_summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, matters: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        """`matters`: the matters the item may be about; the page that offers the form
        (matters.views.agenda_add, since matters sit above the committee) passes them."""
        super().__init__(*args, **kwargs)
        field = self.fields["matter"]
        field.queryset = matters if matters is not None else field.queryset.none()  # type: ignore[attr-defined]
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Leave empty to add the item at the end.")


class AgendaItemEditForm(ServiceValidates, VersionedForm):
    bounds = AgendaItemForm.bounds

    class Meta(AgendaItemForm.Meta):
        fields = ["order", "title", "shared_summary", "description"]


class ResolutionForm(ServiceValidates, StyledFormMixin, forms.ModelForm):
    bounds = {"votes_for": VOTES, "votes_against": VOTES, "votes_abstain": VOTES}

    class Meta:
        model = models.Resolution
        fields = ["agenda_item", "text", "votes_for", "votes_against", "votes_abstain"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, meeting: models.Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")  # type: ignore[attr-defined]


class FollowUpActionForm(ServiceValidates, StyledFormMixin, forms.ModelForm):
    bounds = {"due_date": PLANNED}

    class Meta:
        model = models.FollowUpAction
        fields = ["owner", "description", "due_date"]
        widgets = {"due_date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, court_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people_of(court_id)  # type: ignore[attr-defined]
