"""A court's training setting (A11), kept by its administrator: how long training counts."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from benchguard.core.admin import LoggedAdmin
from benchguard.organization.admin_base import ScopedAdmin
from benchguard.training.models import TrainingSettings


@admin.register(TrainingSettings)
class TrainingSettingsAdmin(LoggedAdmin, ScopedAdmin):
    list_display = ["court", "period_months"]
    readonly_fields = ["court"]
    list_select_related = ["court"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row per court, made when it is first needed
