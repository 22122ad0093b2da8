"""The wellbeing settings [U] and counselling rooms per court in the admin. Nothing
else of the area is here: its registers are kept on their pages, and counselling
sessions are never in the admin (confidential, permissions.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from benchguard.core.admin_base import VersionedAdminForm
from benchguard.core.services import create_versioned, update_versioned
from benchguard.organization.admin_base import ScopedAdmin
from benchguard.wellbeing.models import CounsellingRoom, WellbeingSettings

SETTINGS_FIELDS = [
    "court",
    "reminder_month",
    "exam_cycle_months",
    "exclude_longer_vacation",
    "personal_leave_days",
    "sick_leave_days_under_10",
    "sick_leave_days_under_20",
    "sick_leave_days_over_20",
]


class _VersionedAdmin(ScopedAdmin):
    form = VersionedAdminForm
    list_select_related = ["court"]
    action_prefix = ""
    create_fields: list[str] = []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            create_versioned(
                obj, actor=request.user, action=f"{self.action_prefix}.create", fields=self.create_fields
            )
            return
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "loaded_version"}
        loaded = form.cleaned_data.get("loaded_version")
        update_versioned(
            type(obj),
            obj.pk,
            actor=request.user,
            action=f"{self.action_prefix}.update",
            expected_version=int(loaded) if loaded is not None else obj.version,
            changes=changes,
        )


@admin.register(WellbeingSettings)
class WellbeingSettingsAdmin(_VersionedAdmin):
    list_display = ["court", "reminder_month", "exam_cycle_months"]
    action_prefix = "wellbeing.settings"
    create_fields = SETTINGS_FIELDS

    def get_readonly_fields(self, request: HttpRequest, obj: WellbeingSettings | None = None) -> list[str]:
        return ["court"] if obj is not None else []  # one row per court


@admin.register(CounsellingRoom)
class CounsellingRoomAdmin(_VersionedAdmin):
    list_display = ["name", "court", "is_active"]
    action_prefix = "wellbeing.room"
    create_fields = ["court", "name", "is_active"]
