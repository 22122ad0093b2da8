"""Scoping of incidents (house style 4): see permissions.py for who sees what."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Q

from benchguard.core.access import court_ids_with
from benchguard.core.types import Actor
from benchguard.incidents.choices import IncidentKind


class CourtRecordQuerySet(models.QuerySet):
    """Records of a court that a signed-in user sees: all those of the courts where they
    hold a court-wide role (incidents.permissions.COURT_WIDE_ROLES), and those they have
    a part in (`involving`, for each kind of record)."""

    def involving(self, user: Actor) -> Q:
        raise NotImplementedError

    def visible_to(self, user: Actor) -> Self:
        from benchguard.incidents.permissions import COURT_WIDE_ROLES

        if user is None or not user.is_authenticated:
            return self.none()
        courts = court_ids_with(user, COURT_WIDE_ROLES)
        if not courts:
            return self.filter(self.involving(user))
        # The records a court-wide reader has a part in are nearly always of their own
        # courts. When they all are, the OR is dropped, so a list reads its court's index
        # in order instead of sorting the court's records: one small look-up buys a page
        # that stays flat as the register grows (issue 11, as Matter.visible_to).
        if not self.model._default_manager.filter(self.involving(user)).exclude(court_id__in=courts).exists():
            return self.filter(court_id__in=courts)
        return self.filter(Q(court_id__in=courts) | self.involving(user))


class IncidentQuerySet(CourtRecordQuerySet):
    def involving(self, user: Actor) -> Q:
        """The incidents the user reported, is protected by, was notified of in the chain
        of a group petition, or owns a measure of."""
        through = self.model.targets.through
        about_me = through.objects.filter(person__account=user).values("incident_id")
        chain = self.model.chain.rel.related_model.objects.filter(notified=user).values("incident_id")
        owner = self.model.measures.rel.related_model.objects.filter(owner__account=user).values(
            "incident_id"
        )
        from benchguard.incidents.permissions import RECEPTION_ROLES

        # The petition reception department: its court's group petitions (A13.1).
        reception = Q(kind=IncidentKind.GROUP_PETITION, court_id__in=court_ids_with(user, RECEPTION_ROLES))
        return Q(reported_by=user) | Q(pk__in=about_me) | Q(pk__in=chain) | Q(pk__in=owner) | reception
