"""Notifications on the home page and in the main menu."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.notifications import selectors


def _unread(user: Any) -> dict[str, Any]:
    return {"latest_unread": selectors.latest_unread(user)}


home.register(
    home.Panel(key="notifications", template="notifications/panels/unread.html", order=15, context=_unread)
)
navigation.register(
    navigation.NavItem(
        "notifications", _("Notifications"), "notifications:inbox", lambda user: True, order=95
    )
)
