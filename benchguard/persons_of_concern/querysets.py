"""Scoping of persons of concern: a city-wide list ON PURPOSE (A15). A reader (see
permissions.READER_ROLES) of any court of the city sees every person, entry and
department log of every court. Filing clerks and division chiefs see only the
department logs of their own court (and the matcher's answer, which is not a
queryset); anyone else sees nothing."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.db import models

from benchguard.core.types import Actor
from benchguard.persons_of_concern import permissions


class PersonOfConcernQuerySet(models.QuerySet):
    def visible_to(self, user: Actor) -> Self:
        return self if permissions.can_read(user) else self.none()


class ControlledListEntryQuerySet(models.QuerySet):
    def visible_to(self, user: Actor) -> Self:
        return self if permissions.can_read(user) else self.none()

    def active_on(self, today: dt.date) -> Self:
        """Approved, not removed and not expired on `today`: the entries that match."""
        return self.filter(approved_at__isnull=False, removed_at__isnull=True, expires_on__gte=today)


class DepartmentLogQuerySet(models.QuerySet):
    def visible_to(self, user: Actor) -> Self:
        if permissions.can_read(user):
            return self
        return self.filter(court_id__in=permissions.log_court_ids(user))
