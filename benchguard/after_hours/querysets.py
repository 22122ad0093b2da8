"""Scoping of after-hours protection (house style 4): see permissions.py for who sees what."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Q

from benchguard.core.access import court_ids_with
from benchguard.core.types import Actor
from benchguard.incidents.permissions import COURT_WIDE_ROLES


class ProtectionRequestQuerySet(models.QuerySet):
    """After-hours protection (A12.3): the judicial police, the committee office, court
    leaders and the president of its court; the requester, the protected judge and the
    officers assigned."""

    def visible_to(self, user: Actor) -> Self:
        if user is None or not user.is_authenticated:
            return self.none()
        assigned = self.model.officers.through.objects.filter(person__account=user).values(
            "protectionrequest_id"
        )
        return self.filter(
            Q(court_id__in=court_ids_with(user, COURT_WIDE_ROLES))
            | Q(requested_by=user)
            | Q(judge__account=user)
            | Q(pk__in=assigned)
        )
