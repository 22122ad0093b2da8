"""The matters area's menu entry and home panels: the office's most urgent matters,
the chair's approvals, the judge's own applications."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.matters import permissions, selectors
from benchguard.matters.querysets import COURT_WIDE_ROLES


def _can_open_matters(user: Any) -> bool:
    return bool(selectors.office_courts(user)) or permissions.can_apply(user)


def _office(user: Any) -> dict[str, Any]:
    return {"urgent": selectors.with_days_left(list(selectors.inbox(user)[:5]))}


def _chair(user: Any) -> dict[str, Any]:
    return {"awaiting": list(selectors.awaiting_chair(user)[:5])}


def _mine(user: Any) -> dict[str, Any]:
    return {"mine": list(selectors.my_matters(user)[:5]), "can_apply": permissions.can_apply(user)}


navigation.register(navigation.NavItem("matters", _("Matters"), "matters:list", _can_open_matters, order=20))
home.register(
    home.Panel(
        key="matters_inbox",
        template="matters/panels/inbox.html",
        roles=frozenset(COURT_WIDE_ROLES),
        order=15,
        context=_office,
    )
)
home.register(
    home.Panel(
        key="matters_approvals",
        template="matters/panels/approvals.html",
        roles=frozenset({"committee_chair"}),
        order=14,
        context=_chair,
    )
)
home.register(
    home.Panel(
        key="matters_mine",
        template="matters/panels/mine.html",
        roles=frozenset({"judge", "support_staff"}),
        order=16,
        context=_mine,
    )
)

home.register(
    home.Panel(
        key="matters_tasks",
        template="matters/panels/tasks.html",
        order=17,
        context=lambda user: {"tasks": list(selectors.my_open_tasks(user)[:10])},
    )
)
