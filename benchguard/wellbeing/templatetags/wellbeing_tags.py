"""The wellbeing area's page links, as each user may open them (a tab that would answer
403 is not offered)."""

from __future__ import annotations

from typing import Any

from django import template

from benchguard.wellbeing import permissions

register = template.Library()


@register.simple_tag
def wellbeing_nav(user: Any) -> dict[str, bool]:
    return {
        "leave": permissions.can_read_leave(user),
        "pay": permissions.can_read_pay(user) or permissions.can_report_pay(user),
        "health": permissions.can_keep_health(user) or permissions.own_person(user) is not None,
        "counselling": permissions.can_use_counselling(user),
        "culture": permissions.can_read_culture(user),
        "report": permissions.can_read_report(user),
    }
