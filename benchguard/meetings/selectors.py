"""Scoped reads of meetings with parties (A10.3)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from benchguard.interference.models import Entry
from benchguard.meetings.models import MeetingRequest, MeetingRoom


def requests_for(user: Any) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.visible_to(user).select_related("judge", "room", "court")


def get_request_for(user: Any, pk: int) -> MeetingRequest:
    return get_object_or_404(requests_for(user), pk=pk)


def rooms_of(court_id: int) -> QuerySet[MeetingRoom]:
    return MeetingRoom.objects.filter(court_id=court_id, is_active=True).order_by("name")


def register_entry_for(user: Any, meeting: MeetingRequest) -> Entry | None:
    """The interference register's entry of a refusal sent there, if the user reads it
    (the register is narrower than the meetings: others learn only that it was sent)."""
    if meeting.register_entry_id is None:
        return None
    return Entry.objects.visible_to(user).filter(pk=meeting.register_entry_id).first()
