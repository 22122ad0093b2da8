"""Scoping: a notification is visible to its recipient alone (not even a superuser)."""

from __future__ import annotations

from typing import Any

from django.db import models


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> NotificationQuerySet:
        """Notifications are personal: the recipient's own, nobody else's (A18 spirit)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)
