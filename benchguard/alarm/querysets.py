"""Scoped querysets of the alarm area (house style 4)."""

from __future__ import annotations

from typing import Any

from django.db import models


class AlarmPointQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AlarmPointQuerySet:
        """The points of the courts where the user may press an alarm."""
        from benchguard.alarm.permissions import pressing_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(court_id__in=pressing_court_ids(user))

    def active(self) -> AlarmPointQuerySet:
        return self.filter(is_active=True)


class AlarmQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AlarmQuerySet:
        """Every alarm of the courts the user watches (permissions.WATCHERS), and the
        alarms the user pressed or that were pressed for the user. Not the city
        administrator: an alarm is a court's operational record."""
        from benchguard.alarm.permissions import watcher_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(court_id__in=watcher_court_ids(user))
            | models.Q(pressed_by_id=user.pk)
            | models.Q(person__account_id=user.pk)
        )

    def open(self) -> AlarmQuerySet:
        from benchguard.alarm.choices import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)
