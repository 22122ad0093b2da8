"""The risk checklist and levels (the city's, its administrator's) and each court's time
settings for risky cases (its administrator's) (A14, A16). Rows are retired, never
deleted: the cases' histories point at them. Every save is change-logged."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from benchguard.cases.models import RiskFlag, RiskLevel, RiskSettings
from benchguard.core.admin import CityAdminOnly, LoggedAdmin
from benchguard.organization.admin_base import ScopedAdmin


@admin.register(RiskFlag)
class RiskFlagAdmin(LoggedAdmin, CityAdminOnly):
    list_display = ["label", "label_en", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return ["code"] if obj is not None else []


@admin.register(RiskLevel)
class RiskLevelAdmin(LoggedAdmin, CityAdminOnly):
    list_display = ["rank", "label", "label_en", "needs_plan", "is_active"]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return ["rank"] if obj is not None else []


@admin.register(RiskSettings)
class RiskSettingsAdmin(LoggedAdmin, ScopedAdmin):
    list_display = ["court", "alert_hours", "report_hours"]
    readonly_fields = ["court"]
    list_select_related = ["court"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row per court, made when it is first needed
