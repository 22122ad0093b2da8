from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from benchguard.core.documents import DocumentType
from benchguard.core.forms import StyledFormMixin
from benchguard.core.validators import BIRTH, HAPPENED, PHONE, PLANNED
from benchguard.organization.forms import VersionedForm
from benchguard.organization.models import Department
from benchguard.persons_of_concern.choices import NameKind
from benchguard.persons_of_concern.models import ControlledListEntry, DepartmentLog, PersonOfConcern


class MatchForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name or pinyin"), required=False, max_length=50)
    document_kind = forms.ChoiceField(
        label=_("Document type"), required=False, choices=[("", _("Any type")), *DocumentType.choices]
    )
    document_number = forms.CharField(label=_("Document number"), required=False, max_length=30)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)


class PersonCreateForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
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


class EntryForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    bounds = {"review_date": PLANNED, "expires_on": PLANNED}

    class Meta:
        model = ControlledListEntry
        fields = ["legal_basis", "incidents", "level", "review_date", "expires_on"]
        widgets = {
            "review_date": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, person: PersonOfConcern | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        incidents = self.fields["incidents"]
        incidents.queryset = (  # type: ignore[attr-defined]
            person.incidents.select_related("court").order_by("-occurred_at")  # type: ignore[attr-defined]
            if person is not None
            else incidents.queryset.none()  # type: ignore[attr-defined]
        )
        incidents.required = False


class RemovalForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for removal"), widget=forms.Textarea(attrs={"rows": 2}))


class LogForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    bounds = {"event_date": HAPPENED}

    class Meta:
        model = DepartmentLog
        fields = ["department", "person", "event_date", "what_happened", "outcome"]
        widgets = {"event_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, court_ids: set[int], persons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(court_id__in=court_ids)  # type: ignore[attr-defined]
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
