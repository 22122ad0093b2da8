"""The reputation area's menu entry (A17)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from benchguard.core import navigation
from benchguard.reputation import permissions

navigation.register(
    navigation.NavItem(
        "reputation",
        _("Public-opinion events"),
        "reputation:event_list",
        permissions.can_read_register,
        order=62,
    )
)
