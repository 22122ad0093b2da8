"""Each court's settings for the interference register (its administrator's): the day a
quarter's report is due, the hours of an immediate report, the look-back years of the
judge's protection (A7; internal targets, not legal deadlines).

The register itself, its reports and the personnel actions are not in the admin: the
court's system administrator and the city administrator do not read them."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from benchguard.core.admin import LoggedAdmin
from benchguard.interference.models import InterferenceSettings
from benchguard.organization.admin_base import ScopedAdmin


@admin.register(InterferenceSettings)
class InterferenceSettingsAdmin(LoggedAdmin, ScopedAdmin):
    list_display = ["court", "report_due_days", "immediate_hours", "protection_years"]
    readonly_fields = ["court"]
    list_select_related = ["court"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row per court, made when it is first needed
