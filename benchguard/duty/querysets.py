"""Scoped querysets of the duty area: `.visible_to(user)` is how pages and the API list
its rows (house style 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models


class DutyShiftQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> DutyShiftQuerySet:
        """The shifts of the courts whose roster the user reads (permissions.READERS)."""
        from benchguard.duty.permissions import reader_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(court_id__in=reader_court_ids(user))

    def active(self) -> DutyShiftQuerySet:
        return self.filter(is_active=True)

    def covering(self, moment: dt.datetime) -> DutyShiftQuerySet:
        """Active shifts on at `moment` (from included, to excluded)."""
        return self.active().filter(starts_at__lte=moment, ends_at__gt=moment)

    def overlapping(self, starts_at: dt.datetime, ends_at: dt.datetime) -> DutyShiftQuerySet:
        return self.active().filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class DutyAlertQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> DutyAlertQuerySet:
        """The alerts sent to the user (only those told see an alert)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipients__account_id=user.pk)

    def open(self) -> DutyAlertQuerySet:
        return self.filter(acknowledged_at__isnull=True)
