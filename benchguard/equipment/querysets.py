"""Scoped querysets of the equipment area: `.visible_to(user)` is the only way pages and
the API list its rows (permissions.py says who sees what)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone


class DeviceQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> DeviceQuerySet:
        """The devices of the courts whose register the user reads."""
        from benchguard.equipment.permissions import device_reader_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(court_id__in=device_reader_court_ids(user))


class IssueQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> IssueQuerySet:
        """The issues of the devices the user reads, and those to the user themself."""
        from benchguard.equipment.permissions import device_reader_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(device__court_id__in=device_reader_court_ids(user)) | Q(holder__account=user))

    def open(self) -> IssueQuerySet:
        return self.filter(returned_at__isnull=True)

    def overdue(self) -> IssueQuerySet:
        """Not returned and past the day to return it by."""
        return self.filter(returned_at__isnull=True, due_back_on__lt=timezone.localdate())


class RecordingQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> RecordingQuerySet:
        """The recordings of the courts whose recordings the user reads, those the user
        uploaded and those of the user's own duty; nobody else's."""
        from benchguard.equipment.permissions import recording_reader_court_ids

        if not user.is_authenticated:
            return self.none()
        courts = recording_reader_court_ids(user)
        own = Q(uploaded_by=user) | Q(person__account=user)
        if not courts:
            return self.filter(own)
        # A reader's own recordings are nearly always of their own courts: when they all
        # are, the OR is dropped, so the list reads the court's index in upload order
        # instead of sorting every visible row (as incidents' CourtRecordQuerySet does).
        if not self.model._default_manager.filter(own).exclude(court_id__in=courts).exists():
            return self.filter(court_id__in=courts)
        return self.filter(Q(court_id__in=courts) | own)
