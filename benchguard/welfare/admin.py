"""The condolence cap table (A21) is a city-wide setting: the city administrator keeps
it (corrects a cap, adds a jurisdiction's row, takes one out of force); nobody deletes
one. The welfare registers themselves are not in the admin: their readers exclude the
system administrators (permissions.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from benchguard.core.admin import CityAdminOnly
from benchguard.core.admin_base import VersionedAdminForm
from benchguard.welfare import services
from benchguard.welfare.models import CondolenceCap

CAP_FIELDS = ["jurisdiction", "occasion", "cap", "is_example", "in_force", "source"]


@admin.register(CondolenceCap)
class CondolenceCapAdmin(CityAdminOnly):
    form = VersionedAdminForm
    fields = (*CAP_FIELDS, "loaded_version")
    list_display = tuple(CAP_FIELDS)

    def save_model(self, request: HttpRequest, obj: CondolenceCap, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in CAP_FIELDS}
        if not change:
            saved = services.add_cap(actor=request.user, **values)
            obj.pk, obj.version = saved.pk, saved.version
            return
        loaded = form.cleaned_data.get("loaded_version")
        saved = services.update_cap(
            actor=request.user,
            cap=obj,
            expected_version=int(loaded) if loaded is not None else obj.version,
            changes=values,
        )
        obj.version = saved.version
