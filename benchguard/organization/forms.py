"""Forms for the directory and account pages. They carry the row version they were
based on; services turn a stale one into a clear message (StaleEditError)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from benchguard.core.access import court_ids_with, is_city_admin
from benchguard.core.forms import StyledFormMixin, filter_choice
from benchguard.core.identity import validate_resident_id
from benchguard.core.validators import PHONE
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import (
    WORK_DETAILS,
    Court,
    Department,
    Person,
    PersonPrivate,
    Relative,
    RightCategory,
)
from benchguard.organization.rights import active_rights


def right_filter() -> forms.ModelChoiceField:
    """A register's filter by the category of rights concerned (A3), by its code in the
    URL (the leaders' overview links with it); retired categories stay findable."""
    return forms.ModelChoiceField(
        label=_("Rights concerned"),
        required=False,
        queryset=RightCategory.objects.all(),
        to_field_name="code",
        empty_label=_("Any rights"),
    )


def rights_concerned(help_text: Any) -> forms.ModelChoiceField:
    """The category of rights a record concerns (A3), chosen when it is written, among the
    active ones; left empty, the record takes the one its kind means (`help_text` says so
    in the form's words). A retired category a record already has stays on it."""
    return forms.ModelChoiceField(
        label=_("Rights concerned"),
        required=False,
        queryset=active_rights(),
        empty_label=_("As the kind says"),
        help_text=help_text,
    )


class LoginForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is wrong. Both are case-sensitive."),
        "inactive": _("This account is disabled. Ask your court's system administrator."),
    }


class VersionedForm(StyledFormMixin, forms.ModelForm):
    """A model form with the hidden version its data was based on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version

    def changes(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in self._meta.fields or () if name in self.cleaned_data
        }

    def edit(self) -> dict[str, Any]:
        """An edit service's `expected_version` and `changes`, from the sent form."""
        return {"expected_version": self.cleaned_data["version"], "changes": self.changes()}


class PersonSearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=50,
        widget=forms.TextInput(
            attrs={"placeholder": _("Name, pinyin (zhangsan or zs) or position"), "autofocus": True}
        ),
    )
    court = forms.ModelChoiceField(
        label=_("Court"), queryset=Court.objects.none(), required=False, empty_label=_("All courts")
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
    )
    category = filter_choice(_("Category"), _("All categories"), PersonCategory.choices)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        """A user of one court picks among its departments; a user who sees several
        courts picks a court first, then its departments (every court has a 立案庭)."""
        super().__init__(*args, **kwargs)
        courts = Court.objects.visible_to(user)
        departments = Department.objects.visible_to(user)
        self.several_courts = is_city_admin(user) or len(court_ids_with(user)) > 1
        if self.several_courts:
            court = self.fields["court"]
            court.queryset = courts  # type: ignore[attr-defined]
            # Choosing a court reloads the page, so the departments offered are that court's.
            court.widget.attrs.update(
                {
                    "hx-get": reverse("organization:person_list"),
                    "hx-include": "closest form",
                    "hx-target": "#main",
                    "hx-select": "#main",
                    "hx-swap": "outerHTML",
                    "hx-push-url": "true",
                }
            )
            chosen = self.data.get("court", "")
            departments = departments.filter(court_id=chosen) if chosen.isdigit() else departments.none()
        else:
            del self.fields["court"]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class PersonForm(VersionedForm):
    bounds = {"office_phone": PHONE}

    class Meta:
        model = Person
        fields = ["name", *WORK_DETAILS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            court_id=self.instance.court_id
        )


class PersonPrivateForm(VersionedForm):
    bounds = {"private_phone": PHONE}

    class Meta:
        model = PersonPrivate
        fields = ["home_address", "private_phone", "id_number"]
        widgets = {"home_address": forms.Textarea(attrs={"rows": 2})}

    def clean_id_number(self) -> str:
        value: str = self.cleaned_data.get("id_number", "")
        return validate_resident_id(value) if value.strip() else ""


class RelativeForm(StyledFormMixin, forms.ModelForm):
    """A close relative added to the private record (A18); every value is encrypted."""

    bounds = {"phone": PHONE}

    class Meta:
        model = Relative
        fields = ["relation", "name", "phone", "id_number", "address"]
        widgets = {
            "relation": forms.TextInput(attrs={"maxlength": 20}),
            "name": forms.TextInput(attrs={"maxlength": 50}),
            "phone": forms.TextInput(attrs={"maxlength": 30}),
            "id_number": forms.TextInput(attrs={"maxlength": 18}),
            "address": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_id_number(self) -> str:
        value: str = self.cleaned_data.get("id_number", "")
        return validate_resident_id(value) if value.strip() else ""


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
