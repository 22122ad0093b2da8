"""Scoping of after-hours protection (house style 4): see permissions.py for who sees what."""

from __future__ import annotations

from django.db.models import Q

from benchguard.core.types import Actor
from benchguard.incidents.querysets import CourtRecordQuerySet


class ProtectionRequestQuerySet(CourtRecordQuerySet):
    """After-hours protection (A12.3): the judicial police, the committee office, court
    leaders and the president of its court; the requester, the protected judge and the
    officers assigned."""

    def involving(self, user: Actor) -> Q:
        assigned = self.model.officers.through.objects.filter(person__account=user).values(
            "protectionrequest_id"
        )
        return Q(requested_by=user) | Q(judge__account=user) | Q(pk__in=assigned)
