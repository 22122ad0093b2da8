"""`unread_notifications` for the navbar badge: counted only if a template shows it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from benchguard.notifications.selectors import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    """One COUNT query, run the first time a template reads the value and cached for
    the rest of the request; nothing at all for pages that never read it (or for
    anonymous visitors, whose session is not even looked at)."""

    def count() -> int:
        user = getattr(request, "user", None)
        return unread_count(user) if user is not None and user.is_authenticated else 0

    return {"unread_notifications": SimpleLazyObject(count)}
