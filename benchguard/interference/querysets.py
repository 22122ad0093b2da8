"""Scoped querysets of the interference area: `.visible_to(user)` is the only way pages
and the API list its rows (permissions.py says who reads what)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q


class PermanentQuerySet(models.QuerySet):
    """Rows that are never changed or deleted (A7.1): the ORM refuses both."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("interference register rows are permanent")

    def delete(self) -> Any:
        raise PermissionError("interference register rows are permanent")


class EntryQuerySet(PermanentQuerySet):
    def visible_to(self, user: Any) -> EntryQuerySet:
        """Own entries (recorded by the user, or about them), every entry of the courts
        they read as keeper, inspector or leader, and the referred entries of the courts
        whose committee they serve."""
        from benchguard.interference import permissions

        if not getattr(user, "is_authenticated", False):
            return self.none()
        # The user's own person first (one query), so the scope needs no join to people.
        person = permissions.person_of(user)
        scope = Q(recorded_by_id=user.pk)
        if person is not None:
            scope |= Q(judge_id=person.pk)
        scope |= Q(court_id__in=permissions.court_reader_ids(user))
        committee = permissions.committee_court_ids(user)
        if committee:
            scope |= Q(court_id__in=committee, referral__isnull=False)
        return self.filter(scope)


class QuarterReportQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> QuarterReportQuerySet:
        """The reports of the courts the user reads; for a keeper, also the submitted
        reports of the base courts under their court (the higher court's side)."""
        from benchguard.interference import permissions

        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = Q(court_id__in=permissions.report_reader_ids(user))
        higher = permissions.higher_keeper_ids(user)
        if higher:
            scope |= Q(court__parent_id__in=higher) & ~Q(status="draft")
        return self.filter(scope)


class PersonnelActionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PersonnelActionQuerySet:
        """The personnel office's and the committee's court; the judge's own actions."""
        from benchguard.interference import permissions

        if not getattr(user, "is_authenticated", False):
            return self.none()
        courts = permissions.personnel_court_ids(user) | permissions.committee_reader_ids(user)
        return self.filter(Q(court_id__in=courts) | Q(judge__account_id=user.pk))
