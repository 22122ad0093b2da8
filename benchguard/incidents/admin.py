"""The statutory caps of courtroom sanctions (A9.3) are city-wide settings: the city
administrator corrects them when a procedural law changes; nobody adds or deletes one."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from benchguard.core.admin import CityAdminOnly
from benchguard.core.admin_base import VersionedAdminForm
from benchguard.incidents import services
from benchguard.incidents.models import SanctionCap

CAP_FIELDS = [
    "fine_individual_max",
    "fine_organization_min",
    "fine_organization_max",
    "fines_organisations",
    "detention_max_days",
    "reconsideration_days",
    "statute",
]


@admin.register(SanctionCap)
class SanctionCapAdmin(CityAdminOnly):
    form = VersionedAdminForm
    fields = ["procedure", *CAP_FIELDS, "loaded_version"]
    readonly_fields = ["procedure"]
    list_display = ["procedure", *CAP_FIELDS]

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: SanctionCap, form: Any, change: bool) -> None:
        loaded = form.cleaned_data.get("loaded_version")
        saved = services.update_sanction_cap(
            actor=request.user,
            cap=obj,
            expected_version=int(loaded) if loaded is not None else obj.version,
            changes={name: form.cleaned_data[name] for name in CAP_FIELDS},
        )
        obj.version = saved.version
