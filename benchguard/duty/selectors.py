"""Scoped reads of the duty area, with what each page shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.duty import permissions
from benchguard.duty.models import DutyAlert, DutyShift
from benchguard.organization.models import Court, Person


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the day's week."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def roster_for(user: Any, court: Court, monday: dt.date) -> QuerySet[DutyShift]:
    """The court's active shifts that touch the week from `monday` (one query)."""
    start, end = _local_midnight(monday), _local_midnight(monday + dt.timedelta(days=7))
    return (
        DutyShift.objects.visible_to(user)
        .filter(court=court)
        .overlapping(start, end)
        .select_related("person", "person__department")
        .order_by("starts_at", "role", "id")
    )


def roster_courts_for(user: Any) -> QuerySet[Court]:
    return Court.objects.filter(pk__in=permissions.reader_court_ids(user)).order_by(
        "sort_order", "division_code"
    )


def get_shift_for(user: Any, pk: int) -> DutyShift:
    return get_object_or_404(DutyShift.objects.visible_to(user).select_related("court", "person"), pk=pk)


def on_duty_now(court_ids: set[int], at: dt.datetime | None = None) -> list[DutyShift]:
    """Who is on duty now in these courts (the home panel: one query)."""
    return list(
        DutyShift.objects.covering(at or timezone.now())
        .filter(court_id__in=court_ids)
        .select_related("person", "court")
        .order_by("court__sort_order", "role", "starts_at", "id")
    )


def eligible_people(court_ids: set[int]) -> QuerySet[Person]:
    """The people of these courts whose account holds a role that may stand a duty in
    their court (the forms' choices; the service checks the duty itself)."""
    roles = sorted({role for roles in permissions.ELIGIBLE.values() for role in roles})
    return (
        Person.objects.filter(
            court_id__in=court_ids,
            is_active=True,
            account__is_active=True,
            account__role_assignments__role__in=roles,
            account__role_assignments__court_id=F("court_id"),
        )
        .distinct()
        .select_related("department")
        .order_by("name", "id")
    )


def alerts_for(user: Any) -> QuerySet[DutyAlert]:
    """The alerts sent to the user, the open ones first."""
    return (
        DutyAlert.objects.visible_to(user)
        .select_related("court", "acknowledged_by")
        .order_by("-created_at", "-id")
    )


def open_alerts_for(user: Any) -> QuerySet[DutyAlert]:
    return alerts_for(user).filter(acknowledged_at__isnull=True)


def get_alert_for(user: Any, pk: int) -> DutyAlert:
    return get_object_or_404(alerts_for(user), pk=pk)
