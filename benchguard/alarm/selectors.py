"""Scoped reads of the alarm area, with the joins each page shows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from benchguard.alarm.models import Alarm, AlarmPoint
from benchguard.organization.models import Person

RELATED = ("court", "point", "pressed_by", "person", "acknowledged_by", "arrived_by", "closed_by", "incident")


def points_for(user: Any) -> QuerySet[AlarmPoint]:
    """The alarm points in use at the courts where the user may press an alarm."""
    return (
        AlarmPoint.objects.visible_to(user)
        .active()
        .select_related("court")
        .order_by("court__sort_order", "court_id", "kind", "name", "id")
    )


def get_point_for(user: Any, pk: Any) -> AlarmPoint:
    return get_object_or_404(points_for(user), pk=pk)


def alarms_for(user: Any, *, open_only: bool = False) -> QuerySet[Alarm]:
    rows = Alarm.objects.visible_to(user).select_related(*RELATED)
    return rows.open() if open_only else rows


def get_alarm_for(user: Any, pk: Any) -> Alarm:
    return get_object_or_404(alarms_for(user), pk=pk)


def board_for(user: Any) -> QuerySet[Alarm]:
    """The officers' screen: the open alarms the user was told of, newest first."""
    if not user.is_authenticated:
        return Alarm.objects.none()
    return (
        Alarm.objects.visible_to(user)
        .open()
        .filter(recipients__account_id=user.pk)
        .select_related(*RELATED)
        .order_by("-pressed_at", "-id")
    )


def pressed_by(user: Any) -> QuerySet[Alarm]:
    """The open alarms the user pressed: the presser sees that help is coming."""
    if not user.is_authenticated:
        return Alarm.objects.none()
    return (
        Alarm.objects.filter(pressed_by_id=user.pk)
        .open()
        .select_related(*RELATED)
        .order_by("-pressed_at", "-id")
    )


def own_person(user: Any) -> Person | None:
    """The user's own person (for their own alarm), with the court."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(account_id=user.pk, is_active=True).select_related("court").first()
