"""Admin for the national holiday and make-up workday table (A26.4).

The table is the same for every court, so only the city administrator (a superuser)
sees or edits it; a court's administrator gets 403. Saves go through
`core.deadlines` services: each is change-logged and makes the row the
administrator's, so the daily seeding never overwrites it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from benchguard.core import deadlines
from benchguard.core.access import is_city_admin
from benchguard.core.admin_base import VersionedAdminForm, record_admin_change
from benchguard.core.choices import CalendarSource
from benchguard.core.models import CalendarDay, CalendarYear


class LoggedAdmin(admin.ModelAdmin):
    """Reference data saved as the admin does, with the change written to the audit trail."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record_admin_change(request, obj, form, created=not change)


class CityAdminOnly(admin.ModelAdmin):
    """Reference data of the whole city: the city administrator alone."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_city_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_city_admin(request.user)

    has_change_permission = has_view_permission
    has_add_permission = has_module_permission

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


def _loaded_version(form: Any) -> int | None:
    loaded = form.cleaned_data.get("loaded_version")
    return int(loaded) if loaded is not None else None


@admin.register(CalendarDay)
class CalendarDayAdmin(CityAdminOnly):
    form = VersionedAdminForm
    fields = ["date", "kind", "name", "note", "source", "loaded_version"]
    readonly_fields = ["source"]
    list_display = ["date", "kind", "name", "source", "note"]
    list_filter = ["kind", "source"]
    search_fields = ["name", "note"]
    date_hierarchy = "date"

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # Only the administrator's own rows: an official row would come back with the next
        # seeding, so it is changed (which makes it the administrator's) instead.
        return (
            is_city_admin(request.user)
            and isinstance(obj, CalendarDay)
            and obj.source == CalendarSource.ADMINISTRATOR
        )

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        saved = deadlines.save_calendar_day(
            actor=request.user,
            change=deadlines.DayChange(
                date=form.cleaned_data["date"],
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data.get("name", ""),
                note=form.cleaned_data.get("note", ""),
            ),
            pk=obj.pk if change else None,
            expected_version=_loaded_version(form) if change else None,
        )
        obj.pk, obj.version, obj.source = saved.pk, saved.version, saved.source

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        deadlines.remove_calendar_day(actor=request.user, day=obj)


@admin.register(CalendarYear)
class CalendarYearAdmin(CityAdminOnly):
    form = VersionedAdminForm
    fields = ["year", "confirmed", "source", "confirmed_by", "confirmed_at", "loaded_version"]
    readonly_fields = ["source", "confirmed_by", "confirmed_at"]
    list_display = ["year", "confirmed", "source", "confirmed_by", "confirmed_at"]

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        saved = deadlines.save_calendar_year(
            actor=request.user,
            year=form.cleaned_data["year"],
            confirmed=form.cleaned_data["confirmed"],
            pk=obj.pk if change else None,
            expected_version=_loaded_version(form) if change else None,
        )
        obj.pk, obj.version = saved.pk, saved.version
