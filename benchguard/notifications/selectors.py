"""Reads of a user's own notifications; each is one query whatever the row count."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.notifications.models import Notification

HOME_PANEL_SIZE = 5


def notifications_for(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's inbox: unread first, then newest first."""
    rows = Notification.objects.visible_to(user)
    if unread_only:
        rows = rows.unread()
    unread_first = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return rows.order_by(unread_first.desc(), "-created_at", "-id")


def get_notification_for(user: Any, pk: int) -> Notification:
    """The user's own notification; anyone else's answers 404, as if it did not exist."""
    return get_object_or_404(Notification.objects.visible_to(user), pk=pk)


def unread_count(user: Any) -> int:
    """One COUNT on the (recipient, read_at) index."""
    return Notification.objects.visible_to(user).unread().count()


def latest_unread(user: Any, *, limit: int = HOME_PANEL_SIZE) -> list[Notification]:
    return list(Notification.objects.visible_to(user).unread().order_by("-created_at", "-id")[:limit])
