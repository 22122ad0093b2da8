"""Scoped querysets of meetings with parties: `.visible_to(user)` is the only way pages
list them (house style 4): the judge's own, and the court's for its readers."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from benchguard.meetings.permissions import reader_court_ids


class MeetingRequestQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Any:
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(Q(judge__account=user) | Q(court_id__in=reader_court_ids(user)))


class MeetingRoomQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Any:
        """The designated rooms of the courts where the user works (every role)."""
        from benchguard.core.access import court_ids_with

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(court_id__in=court_ids_with(user), is_active=True)
