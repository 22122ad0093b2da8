"""Scoped querysets of the reputation area (house style 4): `.visible_to(user)`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q


class EventQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> EventQuerySet:
        """The court's readers their courts' events; a judge the events about them."""
        from benchguard.reputation.permissions import reader_court_ids

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(Q(court_id__in=reader_court_ids(user)) | Q(judge__account_id=user.pk))


class ClarificationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ClarificationQuerySet:
        """Every version for the court's readers; the judge concerned the published ones."""
        from benchguard.reputation.choices import ClarificationStatus
        from benchguard.reputation.permissions import reader_court_ids

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(event__court_id__in=reader_court_ids(user))
            | Q(
                event__judge__account_id=user.pk,
                status__in=[ClarificationStatus.PUBLISHED, ClarificationStatus.SUPERSEDED],
            )
        )


class LiabilityQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> LiabilityQuerySet:
        """Whoever reads the event, matter or incident reads its pursuits of liability."""
        from benchguard.incidents.models import Incident
        from benchguard.matters.models import Matter
        from benchguard.reputation.models import OpinionEvent

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(event__in=OpinionEvent.objects.visible_to(user).values("pk"))
            | Q(matter__in=Matter.objects.visible_to(user).values("pk"))
            | Q(incident__in=Incident.objects.visible_to(user).values("pk"))
        )
