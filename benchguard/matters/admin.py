"""A court's matter settings (A26.4 periods, number format), edited by its administrator."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from benchguard.core.admin_base import VersionedAdminForm
from benchguard.core.services import update_versioned
from benchguard.matters.models import MatterSettings
from benchguard.organization.admin_base import ScopedAdmin


@admin.register(MatterSettings)
class MatterSettingsAdmin(ScopedAdmin):
    form = VersionedAdminForm
    list_display = ["court", "handling_days", "calendar_days", "acceptance_target_days", "number_format"]
    readonly_fields = ["court"]
    list_select_related = ["court"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row per court, made when the court first registers a matter

    def save_model(self, request: HttpRequest, obj: MatterSettings, form: Any, change: bool) -> None:
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "loaded_version"}
        loaded = form.cleaned_data.get("loaded_version")
        update_versioned(
            MatterSettings,
            obj.pk,
            actor=request.user,
            action="matters.settings.update",
            expected_version=int(loaded) if loaded is not None else obj.version,
            changes=changes,
        )
