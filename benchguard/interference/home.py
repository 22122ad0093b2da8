"""The interference area's menu entries and home panels (A7): the register, the
quarterly reports (late ones shown to the keeper and the court's leaders), and the
personnel actions awaiting the committee's review."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.core.access import court_ids_with
from benchguard.interference import permissions, selectors

navigation.register(
    navigation.NavItem(
        "interference",
        _("Interference register"),
        "interference:entry_list",
        permissions.can_read_register,
        order=62,
    )
)
navigation.register(
    navigation.NavItem(
        "interference-reports",
        _("Interference reports"),
        "interference:report_list",
        permissions.can_read_reports,
        order=63,
    )
)


def _reviews_personnel(user: Any) -> bool:
    return bool(court_ids_with(user, permissions.PERSONNEL | permissions.COMMITTEE))


navigation.register(
    navigation.NavItem(
        "interference-personnel",
        _("Personnel actions"),
        "interference:action_list",
        _reviews_personnel,
        order=64,
    )
)


def _concerned_only(user: Any) -> bool:
    """A judge about whom an action was recorded reads it (A7.2) — the same check as the
    list's (permissions.can_read_actions) — and finds it in the menu."""
    return not _reviews_personnel(user) and permissions.can_read_actions(user)


navigation.register(
    navigation.NavItem(
        "interference-personnel-mine",
        _("Personnel actions concerning me"),
        "interference:action_list",
        _concerned_only,
        order=64,
    )
)


def _keeper(user: Any) -> dict[str, Any]:
    overdue, count = selectors.overdue_immediate_for(user)
    return {
        "pending": selectors.pending_reports_for(user),
        "late": selectors.late_reports_for(user),
        "overdue_entries": overdue,
        "overdue_count": count,
    }


def _leaders(user: Any) -> dict[str, Any]:
    return {"late": selectors.late_reports_for(user)}


def _committee(user: Any) -> dict[str, Any]:
    return {"awaiting": selectors.actions_awaiting_for(user)}


home.register(
    home.Panel(
        key="interference-keeper",
        template="interference/panels/keeper.html",
        roles=frozenset(permissions.KEEPERS),
        order=41,
        context=_keeper,
    )
)
home.register(
    home.Panel(
        key="interference-late",
        template="interference/panels/late.html",
        roles=frozenset(permissions.LEADERS),
        order=42,
        context=_leaders,
    )
)
home.register(
    home.Panel(
        key="interference-reviews",
        template="interference/panels/reviews.html",
        roles=frozenset({"committee_office", "committee_chair", "committee_vice_chair"}),
        order=43,
        context=_committee,
    )
)
