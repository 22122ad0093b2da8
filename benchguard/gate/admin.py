"""A court's gatehouses and checkpoints, kept by its administrator (posts are
deactivated, never deleted: visits and shifts point at them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from benchguard.core.admin import LoggedAdmin
from benchguard.core.admin_base import VersionedAdminForm
from benchguard.core.services import update_versioned
from benchguard.gate import services
from benchguard.gate.models import CheckpointSettings, Post
from benchguard.organization.admin_base import ScopedAdmin


@admin.register(Post)
class PostAdmin(ScopedAdmin):
    form = VersionedAdminForm
    fields = ["court", "name", "kind", "is_active", "loaded_version"]
    list_display = ["name", "court", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    list_select_related = ["court"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["court", "kind"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Post, form: Any, change: bool) -> None:
        if not change:
            saved = services.create_post(
                actor=request.user, court=form.cleaned_data["court"], name=obj.name, kind=obj.kind
            )
            obj.pk, obj.version = saved.pk, saved.version
            return
        loaded = form.cleaned_data.get("loaded_version")
        saved = update_versioned(
            Post,
            obj.pk,
            actor=request.user,
            action="gate.post.update",
            expected_version=int(loaded) if loaded is not None else obj.version,
            changes={"name": form.cleaned_data["name"], "is_active": form.cleaned_data["is_active"]},
        )
        obj.version = saved.version


@admin.register(CheckpointSettings)
class CheckpointSettingsAdmin(LoggedAdmin, ScopedAdmin):
    """A court's checkpoint rules (A12.1): at least two officers a shift, or more."""

    list_display = ["court", "min_officers"]
    readonly_fields = ["court"]
    list_select_related = ["court"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row per court, made when it is first needed
