"""The welfare area's page links, as each user may open them (a tab that would answer
403 is not offered)."""

from __future__ import annotations

from typing import Any

from django import template

from benchguard.welfare import permissions

register = template.Library()


@register.simple_tag
def welfare_nav(user: Any) -> dict[str, bool]:
    return {
        "followups": permissions.can_read_followups(user),
        "condolence": permissions.can_read_condolence(user),
        "insurance": permissions.can_read_insurance(user),
        "funds": permissions.can_read_funds(user),
        "special": permissions.can_read_applications(user),
    }
