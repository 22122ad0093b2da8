"""A court's designated meeting rooms (A10.3), kept by its administrator (rooms are
taken out of use, never deleted: meetings point at them)."""

from __future__ import annotations

from django.contrib import admin

from benchguard.core.admin import LoggedAdmin
from benchguard.meetings.models import MeetingRoom
from benchguard.organization.admin_base import ScopedAdmin


@admin.register(MeetingRoom)
class MeetingRoomAdmin(LoggedAdmin, ScopedAdmin):
    list_display = ["name", "court", "place", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["court"]
    fields = ["court", "name", "place", "is_active"]
