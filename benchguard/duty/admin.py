"""The duty settings [U] per court in the admin; the roster and the alerts are kept on
their pages, not here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from benchguard.core.admin_base import VersionedAdminForm
from benchguard.core.services import create_versioned, update_versioned
from benchguard.duty.models import DutySettings
from benchguard.organization.admin_base import ScopedAdmin


@admin.register(DutySettings)
class DutySettingsAdmin(ScopedAdmin):
    form = VersionedAdminForm
    list_display = ["court", "escalate_after_minutes"]
    list_select_related = ["court"]

    def get_readonly_fields(self, request: HttpRequest, obj: DutySettings | None = None) -> list[str]:
        return ["court"] if obj is not None else []  # one row per court

    def save_model(self, request: HttpRequest, obj: DutySettings, form: Any, change: bool) -> None:
        if not change:
            create_versioned(
                obj,
                actor=request.user,
                action="duty.settings.create",
                fields=["court", "escalate_after_minutes"],
            )
            return
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "loaded_version"}
        loaded = form.cleaned_data.get("loaded_version")
        update_versioned(
            DutySettings,
            obj.pk,
            actor=request.user,
            action="duty.settings.update",
            expected_version=int(loaded) if loaded is not None else obj.version,
            changes=changes,
        )
