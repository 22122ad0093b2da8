"""The alarm points and the alarm settings [U] of a court, in the admin (its system
administrator); the alarms themselves are answered on their pages, not here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from benchguard.alarm.models import AlarmPoint, AlarmSettings
from benchguard.core.admin_base import VersionedAdminForm
from benchguard.core.services import create_versioned, update_versioned
from benchguard.organization.admin_base import ScopedAdmin


def _save(request: HttpRequest, obj: Any, form: Any, change: bool, *, name: str, fields: list[str]) -> None:
    if not change:
        create_versioned(obj, actor=request.user, action=f"alarm.{name}.create", fields=fields)
        return
    changes = {field: form.cleaned_data[field] for field in form.changed_data if field != "loaded_version"}
    loaded = form.cleaned_data.get("loaded_version")
    update_versioned(
        type(obj),
        obj.pk,
        actor=request.user,
        action=f"alarm.{name}.update",
        expected_version=int(loaded) if loaded is not None else obj.version,
        changes=changes,
    )


@admin.register(AlarmSettings)
class AlarmSettingsAdmin(ScopedAdmin):
    form = VersionedAdminForm
    list_display = ["court", "escalate_after_seconds", "join_within_minutes"]
    list_select_related = ["court"]

    def get_readonly_fields(self, request: HttpRequest, obj: AlarmSettings | None = None) -> list[str]:
        return ["court"] if obj is not None else []  # one row per court

    def save_model(self, request: HttpRequest, obj: AlarmSettings, form: Any, change: bool) -> None:
        _save(
            request,
            obj,
            form,
            change,
            name="settings",
            fields=["court", "escalate_after_seconds", "join_within_minutes"],
        )


@admin.register(AlarmPoint)
class AlarmPointAdmin(ScopedAdmin):
    form = VersionedAdminForm
    list_display = ["name", "kind", "location", "court", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["court"]
    search_fields = ["name", "location"]

    def get_readonly_fields(self, request: HttpRequest, obj: AlarmPoint | None = None) -> list[str]:
        return ["court"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: AlarmPoint, form: Any, change: bool) -> None:
        _save(
            request,
            obj,
            form,
            change,
            name="point",
            fields=["court", "kind", "name", "location", "is_active"],
        )
