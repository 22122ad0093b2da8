"""The privacy area's menu entry and the office's panel of overdue follow-ups (A18)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.privacy import permissions, selectors

navigation.register(
    navigation.NavItem(
        "privacy", _("Exposure cases"), "privacy:case_list", permissions.can_read_register, order=63
    )
)


def _overdue(user: Any) -> dict[str, Any]:
    rows, count = selectors.overdue_notices_for(user)
    return {"overdue_notices": rows, "overdue_count": count}


home.register(
    home.Panel(
        key="privacy-overdue",
        template="privacy/panels/overdue.html",
        roles=frozenset(permissions.KEEPERS),
        order=41,
        context=_overdue,
    )
)
