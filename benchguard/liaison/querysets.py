"""Scoped querysets of the liaison directory: `.visible_to(user)` is the only way views
and the API list its rows (house style 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from benchguard.liaison.permissions import city_reader_court_ids, reader_court_ids
from benchguard.organization.choices import CourtLevel


def _visible_court_ids(user: Any) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    city = city_reader_court_ids(user)
    own = Q(court_id__in=reader_court_ids(user))
    if not city:
        return own
    # City-wide on purpose: the intermediate court coordinates its base courts (A19).
    return own | Q(court__parent_id__in=city, court__parent__level=CourtLevel.INTERMEDIATE)


class AgencyQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AgencyQuerySet:
        """The bodies of the courts whose directory the user reads (permissions)."""
        return self.filter(_visible_court_ids(user))

    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)


class AgencyContactQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AgencyContactQuerySet:
        from benchguard.liaison.models import Agency

        return self.filter(agency__in=Agency.objects.visible_to(user))

    def active(self) -> AgencyContactQuerySet:
        return self.filter(is_active=True)


class LiaisonRequestQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> LiaisonRequestQuerySet:
        """The requests of the courts whose requests the user reads (permissions): their
        own court's only — a request names a judge and what happened to them."""
        from benchguard.liaison.permissions import request_reader_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(court_id__in=request_reader_court_ids(user))

    def overdue(self, today: dt.date | None = None) -> LiaisonRequestQuerySet:
        """Sent, not answered, and past the day to answer by."""
        from benchguard.liaison.choices import RequestStatus

        return self.filter(status=RequestStatus.SENT, answer_by__lt=today or timezone.localdate())
