"""Scoped reads at the gate (invisible → 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.core.access import court_ids_with
from benchguard.gate import permissions
from benchguard.gate.choices import OPEN_STATUSES, POLICE_STATUSES, PostKind, VisitStatus
from benchguard.gate.models import CheckpointShift, IdDeposit, Post, Visit
from benchguard.organization.models import Person
from benchguard.organization.selectors import people_in_court

HOST_MATCHES = 8


def desk_posts(user: Any, kind: str = PostKind.GATEHOUSE) -> QuerySet[Post]:
    return Post.objects.filter(
        court_id__in=permissions.desk_court_ids(user), kind=kind, is_active=True
    ).select_related("court")


def visits_for(user: Any) -> QuerySet[Visit]:
    """Desk users and the list roles: their courts' visits; a host: their own visitors."""
    courts = court_ids_with(user, permissions.DESK_ROLES | permissions.LIST_ROLES)
    return Visit.objects.filter(Q(court_id__in=courts) | Q(host__account=user)).select_related(
        "post", "host", "host_department", "registered_by"
    )


def get_visit_for(user: Any, pk: int) -> Visit:
    return get_object_or_404(visits_for(user).select_related("confirmed_by"), pk=pk)


def today_visits(post: Post) -> QuerySet[Visit]:
    """The desk's list: today's visits and any earlier one still open."""
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time()))
    return (
        Visit.objects.filter(post=post)
        .filter(Q(arrived_at__gte=start) | Q(status__in=OPEN_STATUSES))
        .select_related("host", "host_department", "deposit", "decision")
        .order_by("-arrived_at")
    )


def held_now(post: Post) -> QuerySet[IdDeposit]:
    return (
        IdDeposit.objects.filter(post=post, returned_at__isnull=True).select_related("visit").order_by("slot")
    )


def holds_for(user: Any) -> QuerySet[Visit]:
    courts = court_ids_with(user, permissions.POLICE_ROLES)
    return (
        Visit.objects.filter(court_id__in=courts, status__in=POLICE_STATUSES)
        .select_related("post", "host", "host_department")
        .prefetch_related("screening_hits__person")
        .order_by("arrived_at")
    )


def awaiting_host(user: Any) -> QuerySet[Visit]:
    return Visit.objects.filter(
        host__account=user, status__in=[VisitStatus.PENDING, *POLICE_STATUSES], confirmed_at__isnull=True
    ).select_related("post")


def find_hosts(court_id: int, query: str) -> list[Person]:
    """People of the court a guard means by part of a name, its pinyin or initials, a
    staff number or a department."""
    query = query.strip()
    if not query:
        return []
    lowered = query.lower().replace(" ", "")
    return list(
        people_in_court(court_id)
        .filter(
            Q(name__contains=query)
            | Q(name_pinyin__startswith=lowered)
            | Q(name_initials__startswith=lowered)
            | Q(staff_number=query)
            | Q(department__name__contains=query)
        )
        .select_related("department", "account")[: HOST_MATCHES + 1]
    )


def shifts_for(user: Any) -> QuerySet[CheckpointShift]:
    return CheckpointShift.objects.filter(post__court_id__in=permissions.desk_court_ids(user)).select_related(
        "post", "recorded_by"
    )


def get_shift_for(user: Any, pk: int) -> CheckpointShift:
    return get_object_or_404(shifts_for(user).prefetch_related("items__incident"), pk=pk)


def my_visitors(user: Any) -> QuerySet[Visit]:
    """The visits to the user as host (A12.2: a host sees their own visitors)."""
    return (
        Visit.objects.filter(host__account=user)
        .select_related("post", "decision")
        .order_by("-arrived_at", "-pk")
    )
