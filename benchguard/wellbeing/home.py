"""The wellbeing area's menu entry and home panels (A22–A24): the personnel office's
leave and exams, the trade union's pay problems and activities, the counsellor's next
sessions (theirs alone)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.organization.choices import Role
from benchguard.wellbeing import permissions, selectors


def _visible(user: Any) -> bool:
    return permissions.can_read_culture(user)


navigation.register(
    navigation.NavItem("wellbeing", _("Leave, health and culture"), "wellbeing:mine", _visible, order=70)
)


def _personnel(user: Any) -> dict[str, Any]:
    not_taken = selectors.not_taken_for(user)
    return {
        "not_taken": not_taken[:5],
        "not_taken_count": len(not_taken),
        "unrecorded_count": sum(1 for r in not_taken if r.unrecorded),
        "exams_missing": selectors.exams_missing_for(user),
        "pay_open": selectors.open_pay_count_for(user),
    }


def _union(user: Any) -> dict[str, Any]:
    return {
        "pay_open": selectors.open_pay_count_for(user),
        "activities": selectors.upcoming_activities_for(user),
    }


def _counsellor(user: Any) -> dict[str, Any]:
    return {"sessions": selectors.upcoming_sessions_for(user)}


home.register(
    home.Panel(
        key="wellbeing-personnel",
        template="wellbeing/panels/personnel.html",
        roles=frozenset({Role.PERSONNEL_OFFICE}),
        order=45,
        context=_personnel,
    )
)
home.register(
    home.Panel(
        key="wellbeing-union",
        template="wellbeing/panels/union.html",
        roles=frozenset({Role.TRADE_UNION}),
        order=46,
        context=_union,
    )
)
home.register(
    home.Panel(
        key="wellbeing-counsellor",
        template="wellbeing/panels/counsellor.html",
        roles=frozenset({Role.COUNSELLOR}),
        order=47,
        context=_counsellor,
    )
)
