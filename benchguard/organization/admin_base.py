"""The court-scoped admin: who administers which court's reference data.

A court's system administrator sees and edits only their court's rows; a superuser
(the city-wide administrator) sees every court. The generic pieces (the stale-save
form, the change log of admin saves) are in `core.admin_base`; the scoping needs the
courts and roles, so it lives here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from benchguard.core.access import court_ids_with, is_city_admin
from benchguard.organization.choices import Role
from benchguard.organization.models import Court, Department


def can_administer(user: Any) -> bool:
    if is_city_admin(user):
        return True
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and court_ids_with(user, [Role.SYSTEM_ADMIN])
    )


def admin_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, [Role.SYSTEM_ADMIN])


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
        if not is_city_admin(request.user):
            courts = admin_court_ids(request.user)
            if db_field.related_model is Court:
                kwargs["queryset"] = Court.objects.filter(pk__in=courts)
            elif db_field.related_model is Department:
                kwargs["queryset"] = Department.objects.filter(court_id__in=courts)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
