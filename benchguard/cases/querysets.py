"""Scoped querysets of cases: `.visible_to(user)` is the only way pages and the API
list them (house style 4)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CaseQuerySet:
        """The cases of the courts whose cases the user reads, and the cases the user
        tries (in charge or on the panel); nothing for anyone else."""
        from benchguard.cases.permissions import reader_court_ids
        from benchguard.organization.models import Person

        if not user.is_authenticated:
            return self.none()
        courts = reader_court_ids(user)
        # The user's person by a subquery, not a join: each branch of the OR keeps its
        # own index (a join in an OR made SQLite scan every case of the city, issue 12).
        me = Person.objects.filter(account_id=user.pk).values("pk")
        tried = Q(judge_id__in=me) | Q(
            pk__in=self.model.panel.through.objects.filter(person_id__in=me).values("case_id")
        )
        raised = self._raised_to_higher_court(user)
        if raised is not None:
            tried |= raised
        if not courts:
            return self.filter(tried)
        # A reader of a court's cases who also tries cases nearly always tries them there.
        # When all of them are, the OR is dropped, so the list reads the (court, filed_on)
        # index in its order instead of sorting the court's cases: one small indexed
        # look-up buys a page that stays flat as the cases grow (as matters.querysets).
        if not self.model._default_manager.filter(tried).exclude(court_id__in=courts).exists():
            return self.filter(court_id__in=courts)
        return self.filter(Q(court_id__in=courts) | tried)

    def _raised_to_higher_court(self, user: Any) -> Q | None:
        """The base courts' cases raised to the user's court as the higher court (an
        upward report or an alert to that level, A16), for its committee office and
        leaders; None when there is none (no OR is added to the lists)."""
        from benchguard.cases.choices import Tier
        from benchguard.core.access import court_ids_with
        from benchguard.organization.choices import Role

        higher = court_ids_with(user, {Role.COMMITTEE_OFFICE, Role.COURT_LEADER})
        if not higher:
            return None
        # One look for both ways a case is raised: an alert or a report to that level.
        raised = self.model._default_manager.filter(court__parent_id__in=higher).filter(
            Q(alerts__tier=Tier.HIGHER_COURT) | Q(upward_reports__tier=Tier.HIGHER_COURT)
        )
        if not raised.exists():
            return None
        return Q(pk__in=raised.values("pk"))


class PartyQuerySet(models.QuerySet):
    def current(self) -> PartyQuerySet:
        """The parties not removed from their case."""
        return self.filter(removed_at__isnull=True)

    def visible_to(self, user: Any) -> PartyQuerySet:
        from benchguard.cases.models import Case

        return self.filter(case__in=Case.objects.visible_to(user))


class PartyScreeningQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PartyScreeningQuerySet:
        """The screenings of the parties of visible cases, for those the controlled list
        answers; nothing for anyone else (permissions)."""
        from benchguard.cases.models import Party
        from benchguard.cases.permissions import can_see_screening

        if not user.is_authenticated or not can_see_screening(user):
            return self.none()
        return self.filter(party__in=Party.objects.visible_to(user))
