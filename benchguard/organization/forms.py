"""Forms for the directory and account pages. They carry the row version they were
based on; services turn a stale one into a clear message (StaleEditError)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from benchguard.core.forms import StyledFormMixin
from benchguard.core.identity import validate_resident_id
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Department, Person, PersonPrivate


class LoginForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is wrong. Both are case-sensitive."),
        "inactive": _("This account is disabled. Ask your court's system administrator."),
    }


class VersionedForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
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


class PersonSearchForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=50,
        widget=forms.TextInput(
            attrs={"placeholder": _("Name, pinyin (zhangsan or zs) or position"), "autofocus": True}
        ),
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *PersonCategory.choices],
        required=False,
    )

    def __init__(self, *args: Any, departments: Any, several_courts: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        field.queryset = departments  # type: ignore[attr-defined]
        if several_courts:
            # Every court has a 立案庭: say whose it is.
            field.label_from_instance = lambda d: f"{d.court.short_name} · {d.name}"  # type: ignore[attr-defined]


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "department",
            "category",
            "position",
            "staff_number",
            "office_phone",
            "is_active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            court_id=self.instance.court_id
        )


class PersonPrivateForm(VersionedForm):
    class Meta:
        model = PersonPrivate
        fields = ["home_address", "private_phone", "family_members", "id_number"]
        widgets = {
            "home_address": forms.Textarea(attrs={"rows": 2}),
            "family_members": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_id_number(self) -> str:
        value: str = self.cleaned_data.get("id_number", "")
        return validate_resident_id(value) if value.strip() else ""


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
