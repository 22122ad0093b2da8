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

        if not user.is_authenticated:
            return self.none()
        courts = reader_court_ids(user)
        tried = Q(judge__account=user) | Q(
            pk__in=self.model.panel.through.objects.filter(person__account=user).values("case_id")
        )
        return self.filter(Q(court_id__in=courts) | tried) if courts else self.filter(tried)


class PartyQuerySet(models.QuerySet):
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
