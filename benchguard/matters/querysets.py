"""Who can find that a matter exists at all (A18, issue #3 "who sees what")."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from benchguard.core.access import court_ids_with
from benchguard.organization.models import Person

# Roles that see every matter of their court.
COURT_WIDE_ROLES = ("committee_office", "committee_chair", "committee_vice_chair")


class MatterQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MatterQuerySet:
        """The applicant their own; the office, chair and vice-chairs their court's; a
        handler what they handle. Nobody else — not even the superuser or another
        court's leaders — can find that a matter exists."""
        if user is None or not user.is_authenticated:
            return self.none()
        # The applicant by a subquery, not a join: each branch of the OR then has its
        # own index (a join made SQLite scan every matter of the city, issue 11).
        mine = Q(applicant_id__in=Person.objects.filter(account_id=user.pk).values("pk")) | Q(
            handler_id=user.pk
        )
        courts = court_ids_with(user, COURT_WIDE_ROLES)
        if not courts:
            return self.filter(mine)
        # The office sees its courts' matters; its own (as applicant or handler) are
        # nearly always among them. When they all are, the OR is dropped, so a list reads
        # the (court, registered_at) index in its order instead of sorting the court's
        # matters: one small indexed look-up buys a page that stays flat as they grow.
        if not self.model._default_manager.filter(mine).exclude(court_id__in=courts).exists():
            return self.filter(court_id__in=courts)
        return self.filter(Q(court_id__in=courts) | mine)
