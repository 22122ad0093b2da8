from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.documents import DocumentType
from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.validators import BIRTH, HAPPENED, PHONE, PLANNED
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Department
from benchguard.persons_of_concern.choices import ListLevel, NameKind, ObjectionBy, ObjectionDecision
from benchguard.persons_of_concern.models import ControlledListEntry, DepartmentLog, PersonOfConcern
from benchguard.persons_of_concern.services import birth_date_disagreement


class MatchForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name or pinyin"), required=False, max_length=50)
    document_kind = filter_choice(_("Document type"), _("Any type"), DocumentType.choices)
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=30)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)


class PersonCreateForm(StyledFormMixin, forms.ModelForm):
    bounds = {"birth_date": BIRTH, "phone": PHONE}
    aliases = forms.CharField(
        label=_("Aliases"), required=False, help_text=_("Separate several names with commas.")
    )
    document_kind = forms.ChoiceField(label=_("Document type"), required=False, choices=DocumentType.choices)
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=30)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)

    class Meta:
        model = PersonOfConcern
        fields = ["name", "sex", "birth_date", "description", "photo"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        disagreement = birth_date_disagreement(
            data.get("birth_date"), data.get("document_kind", ""), data.get("document_number", "")
        )
        if disagreement:
            self.add_error("birth_date", disagreement)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "sex": data["sex"],
            "birth_date": data["birth_date"],
            "description": data["description"],
            "photo": data.get("photo"),
            "aliases": [a.strip() for a in data["aliases"].replace("，", ",").split(",") if a.strip()],
            "documents": [(data["document_kind"], data["document_number"])]
            if data["document_number"]
            else [],
            "phones": [data["phone"]] if data["phone"] else [],
        }


class PersonForm(VersionedForm):
    bounds = {"birth_date": BIRTH}

    class Meta:
        model = PersonOfConcern
        fields = ["name", "sex", "birth_date", "description"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"})}

    def clean_birth_date(self) -> Any:
        birth_date = self.cleaned_data.get("birth_date")
        for document in self.instance.documents.all():
            disagreement = birth_date_disagreement(birth_date, document.kind, document.number)
            if disagreement:
                raise forms.ValidationError(disagreement)
        return birth_date


class NameForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(NameKind.ALIAS, NameKind.ALIAS.label), (NameKind.FORMER, NameKind.FORMER.label)],
    )


class DocumentForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    number = forms.CharField(label=_("Document number"), max_length=30)


class PhoneForm(StyledFormMixin, forms.Form):
    bounds = {"phone": PHONE}
    phone = forms.CharField(label=_("Phone"), max_length=20)


class EntryForm(StyledFormMixin, forms.ModelForm):
    """A proposal for the list. Below the entry's facts, one outcome field per incident
    naming the person and per log line about them: a source is cited when its outcome
    is filled in (A15: at least one)."""

    bounds = {"review_date": PLANNED, "expires_on": PLANNED}

    class Meta:
        model = ControlledListEntry
        fields = ["legal_basis", "level", "review_date", "expires_on"]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, person: PersonOfConcern, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sources: dict[str, Any] = {}
        incidents = person.incidents.select_related("court").order_by("-occurred_at", "-pk")
        for incident in incidents:
            self._source_field(
                f"cite_incident_{incident.pk}",
                incident,
                _("Incident %(date)s · %(court)s · %(nature)s: its outcome")
                % {
                    "date": timezone.localtime(incident.occurred_at).date().isoformat(),
                    "court": incident.court.short_name,
                    "nature": incident.get_nature_display(),
                },
            )
        logs = person.logs.select_related("court", "department").order_by("-event_date", "-pk")
        for log in logs:
            self._source_field(
                f"cite_log_{log.pk}",
                log,
                _("Log %(date)s · %(court)s %(department)s: its outcome")
                % {
                    "date": log.event_date.isoformat(),
                    "court": log.court.short_name,
                    "department": log.department.name,
                },
                recorded=log.outcome,
            )

    def _source_field(self, name: str, source: Any, label: str, recorded: str = "") -> None:
        help_text: Any = _("Fill in to cite it.")
        if recorded:
            help_text = _("Recorded outcome: %(outcome)s. Fill in to cite it.") % {"outcome": recorded}
        self.fields[name] = forms.CharField(
            label=label,
            required=False,
            max_length=1000,
            help_text=help_text,
            widget=forms.Textarea(attrs={"rows": 1}),
        )
        self.sources[name] = source

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.sources:
            self.add_error(
                None,
                _(
                    "Nothing to cite yet: link the person to an incident of the register or record a "
                    "department log line about them first."
                ),
            )
        elif not self.citations():
            self.add_error(None, _("Cite at least one incident or department log line, with its outcome."))
        return data

    def citations(self) -> list[tuple[Any, str]]:
        return [
            (source, self.cleaned_data[name].strip())
            for name, source in self.sources.items()
            if (self.cleaned_data.get(name) or "").strip()
        ]

    def service_kwargs(self) -> dict[str, Any]:
        """The entry's facts (the model fields) and what it cites."""
        facts = {name: self.cleaned_data[name] for name in self._meta.fields or ()}
        return {**facts, "citations": self.citations()}


class CorrectionForm(VersionedForm):
    """A correction of an entry's facts, with the reason (A15)."""

    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))

    Meta = EntryForm.Meta  # the facts a proposal gives


class ObjectionForm(StyledFormMixin, forms.Form):
    bounds = {"received_on": HAPPENED}
    received_on = forms.DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))
    raised_by = forms.ChoiceField(label=_("Raised by"), choices=ObjectionBy.choices)
    content = forms.CharField(label=_("What the objection says"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(StyledFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(label=_("Decision"), choices=ObjectionDecision.choices)
    reason = forms.CharField(label=_("Reason for the decision"), widget=forms.Textarea(attrs={"rows": 2}))


class RemovalForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for removal"), widget=forms.Textarea(attrs={"rows": 2}))


class LogForm(StyledFormMixin, forms.ModelForm):
    bounds = {"event_date": HAPPENED}

    class Meta:
        model = DepartmentLog
        fields = ["department", "person", "event_date", "what_happened", "outcome"]
        widgets = {"event_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, court_ids: set[int], persons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(court_id__in=court_ids)  # type: ignore[attr-defined]
        if persons is None:  # filing clerks and division chiefs do not see the persons
            del self.fields["person"]
        else:
            self.fields["person"].queryset = persons  # type: ignore[attr-defined]


class EntryFilterForm(StyledFormMixin, forms.Form):
    """The controlled list narrowed: the active entries only, a level, the proposing
    court (the leaders' overview links here with these, A30)."""

    level = filter_choice(_("Level"), _("Any level"), ListLevel.choices)
    active = forms.BooleanField(label=_("Active entries only"), required=False)
    court = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
