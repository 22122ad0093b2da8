"""The admin, scoped and logged like every other door into the data.

A court's system administrator sees and edits only their court's reference data;
a superuser sees every court. Saves go through the domain services (versioned,
change-logged); nothing here writes a row behind the audit trail's back.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.access import court_ids_with, is_city_admin


def can_administer(user: Any) -> bool:
    from benchguard.organization.choices import Role

    if is_city_admin(user):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and court_ids_with(user, [Role.SYSTEM_ADMIN])
    )


def admin_court_ids(user: Any) -> set[int]:
    from benchguard.organization.choices import Role

    return court_ids_with(user, [Role.SYSTEM_ADMIN])


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


class ScopedAdmin(admin.ModelAdmin):
    """Admin for court-owned rows: `court_path` names the lookup to the owning court."""

    court_path = "court"

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_administer(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return can_administer(request.user)

    has_change_permission = has_view_permission
    has_add_permission = has_module_permission

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # Reference rows are deactivated, never deleted: history points at them.
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_city_admin(request.user):
            return queryset
        return queryset.filter(**{f"{self.court_path}__in": admin_court_ids(request.user)})

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        from benchguard.organization.models import Court, Department

        if not is_city_admin(request.user):
            courts = admin_court_ids(request.user)
            if db_field.related_model is Court:
                kwargs["queryset"] = Court.objects.filter(pk__in=courts)
            elif db_field.related_model is Department:
                kwargs["queryset"] = Department.objects.filter(court_id__in=courts)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
