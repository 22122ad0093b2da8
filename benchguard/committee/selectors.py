"""Reads of the committee area, each scoped to the user and with the joins its page shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.committee import permissions
from benchguard.committee.choices import POSITION_RANK, ActionStatus
from benchguard.committee.models import (
    AgendaItem,
    Attendance,
    CommitteeMembership,
    CommitteeSettings,
    FollowUpAction,
    Meeting,
    Resolution,
)
from benchguard.committee.services import settings_of
from benchguard.organization.models import Court

_RANK = Case(
    *(When(position=position, then=Value(rank)) for position, rank in POSITION_RANK.items()),
    output_field=IntegerField(),
)


def committee_courts_for(user: Any) -> QuerySet[Court]:
    """Courts whose committee the user may open (managers and members)."""
    return Court.objects.filter(pk__in=permissions.roster_court_ids(user))


def get_committee_court_for(user: Any, pk: int) -> Court:
    return get_object_or_404(committee_courts_for(user), pk=pk)


def _with_rank(memberships: QuerySet[CommitteeMembership]) -> QuerySet[CommitteeMembership]:
    return memberships.select_related("person", "person__department").annotate(rank=_RANK)


def current_roster(court: Court, on: dt.date | None = None) -> QuerySet[CommitteeMembership]:
    """Who sits on the committee and in its office on `on` (today), chair first."""
    current = CommitteeMembership.objects.filter(court=court).current(on)
    return _with_rank(current).order_by("rank", "term_from", "person__name_pinyin", "id")


def roster_history(court: Court, on: dt.date | None = None) -> QuerySet[CommitteeMembership]:
    """Every term not current on `on`: ended ones and those not yet begun (A4.3)."""
    day = on or timezone.localdate()
    past_or_future = CommitteeMembership.objects.filter(court=court).filter(
        Q(term_to__lt=day) | Q(term_from__gt=day)
    )
    return _with_rank(past_or_future).order_by("-term_from", "rank", "id")


@dataclass(frozen=True)
class RosterSize:
    configured: int
    actual: int

    @property
    def differs(self) -> bool:
        return self.configured != self.actual


def roster_size(court: Court, settings: CommitteeSettings | None = None) -> RosterSize:
    """A4.1: the configured size (default 35) against the seats filled today."""
    rules = settings or settings_of(court)
    actual = CommitteeMembership.objects.filter(court=court).seats().current().count()
    return RosterSize(configured=rules.configured_size, actual=actual)


def get_membership_for(user: Any, pk: int) -> CommitteeMembership:
    return get_object_or_404(
        CommitteeMembership.objects.visible_to(user).select_related("court", "person"), pk=pk
    )


def meetings_for(user: Any, court: Court) -> QuerySet[Meeting]:
    """The court's meetings the user may see, newest first, with their counts."""
    return (
        Meeting.objects.visible_to(user)
        .filter(court=court)
        .annotate(
            invited_count=Count("attendances", distinct=True),
            present_count=Count("attendances", filter=Q(attendances__present=True), distinct=True),
            agenda_count=Count("agenda_items", distinct=True),
        )
        .order_by("-scheduled_at", "-id")
    )


def get_meeting_for(user: Any, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.visible_to(user).select_related("court"), pk=pk)


def agenda_of(meeting: Meeting) -> QuerySet[AgendaItem]:
    return meeting.agenda_items.order_by("order", "id")


def attendance_of(meeting: Meeting) -> QuerySet[Attendance]:
    return (
        meeting.attendances.select_related("membership", "membership__person")
        .annotate(rank=Case(
            *(When(membership__position=p, then=Value(r)) for p, r in POSITION_RANK.items()),
            output_field=IntegerField(),
        ))
        .order_by("rank", "membership__person__name_pinyin", "id")
    )  # fmt: skip


def resolutions_of(meeting: Meeting) -> QuerySet[Resolution]:
    return (
        meeting.resolutions.select_related("agenda_item")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=FollowUpAction.objects.select_related("owner").order_by("due_date", "id"),
            )
        )
        .order_by("id")
    )


def get_agenda_item_for(user: Any, pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.visible_to(user).select_related("meeting", "meeting__court"), pk=pk
    )


def get_resolution_for(user: Any, pk: int) -> Resolution:
    return get_object_or_404(
        Resolution.objects.visible_to(user).select_related("meeting", "meeting__court"), pk=pk
    )


def get_action_for(user: Any, pk: int) -> FollowUpAction:
    return get_object_or_404(
        FollowUpAction.objects.visible_to(user).select_related("owner", "resolution__meeting"), pk=pk
    )


def open_actions_of(user: Any) -> QuerySet[FollowUpAction]:
    """The user's own open follow-up actions, soonest due first (their home page)."""
    if not user.is_authenticated:
        return FollowUpAction.objects.none()
    return (
        FollowUpAction.objects.filter(owner__account_id=user.pk, status=ActionStatus.OPEN)
        .select_related("owner", "resolution", "resolution__meeting")
        .order_by("due_date", "id")
    )
