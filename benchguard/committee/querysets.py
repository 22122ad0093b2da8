"""Scoped querysets of the committee area: `.visible_to(user)` is the only way views
and the API list its rows (house style 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone


def _managed(user: Any) -> set[int]:
    from benchguard.committee.permissions import managed_court_ids

    return managed_court_ids(user)


def _invited_meetings(user: Any) -> Any:
    from benchguard.committee.models import Attendance

    return Attendance.objects.filter(membership__person__account_id=user.pk).values("meeting_id")


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MembershipQuerySet:
        """The roster (with its history) of the courts where the user manages the
        committee or holds the committee-member role."""
        from benchguard.committee.permissions import roster_court_ids

        return self.filter(court_id__in=roster_court_ids(user))

    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        """Terms that cover `on` (today by default): started and not yet ended."""
        day = on or timezone.localdate()
        return self.filter(term_from__lte=day).filter(Q(term_to__isnull=True) | Q(term_to__gte=day))

    def seats(self) -> MembershipQuerySet:
        from benchguard.committee.choices import SEATS

        return self.filter(position__in=SEATS)


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        """Managers see their court's meetings; a committee member (the role) sees only
        the meetings they were invited to (an attendance row for one of their terms).
        A person seated on the roster without the member role sees none."""
        from benchguard.committee.permissions import member_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(court_id__in=_managed(user))
            | Q(court_id__in=member_court_ids(user), pk__in=_invited_meetings(user))
        )


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AgendaItemQuerySet:
        from benchguard.committee.models import Meeting

        return self.filter(meeting__in=Meeting.objects.visible_to(user))


class ResolutionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ResolutionQuerySet:
        from benchguard.committee.models import Meeting

        return self.filter(meeting__in=Meeting.objects.visible_to(user))


class FollowUpActionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> FollowUpActionQuerySet:
        """The actions of meetings the user sees, and the user's own actions."""
        from benchguard.committee.models import Meeting

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(resolution__meeting__in=Meeting.objects.visible_to(user)) | Q(owner__account_id=user.pk)
        )
