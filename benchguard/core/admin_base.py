"""The admin's generic pieces: a stale save is refused, an admin save is logged.

Saves go through the domain services (versioned, change-logged); nothing here writes a
row behind the audit trail's back. Which court's rows an administrator sees is decided
by `organization.admin_base` (ScopedAdmin), which knows the courts and roles.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the admin page was loaded at; a stale save is refused."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk:
            stored = (
                type(self.instance)
                ._default_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned.get("loaded_version") is not None and stored != cleaned["loaded_version"]:
                raise ValidationError(
                    _(
                        "Someone changed this record while you were editing it. "
                        "Reload the page to see the current version."
                    ),
                    code="stale",
                )
        return cleaned


def record_admin_change(request: HttpRequest, obj: Model, form: forms.ModelForm, *, created: bool) -> None:
    """Change log for admin saves of rows without a dedicated service (accounts)."""
    fields = [f for f in form.changed_data if f not in {"password", "loaded_version"}]
    audit.record_change(
        actor=request.user,
        action=f"{obj._meta.label_lower}.admin_{'create' if created else 'update'}",
        obj=obj,
        before=None if created else {f: form.initial.get(f) for f in fields},
        after=audit.snapshot(obj, [f for f in fields if not obj._meta.get_field(f).many_to_many]),
    )
