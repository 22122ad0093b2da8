"""`benchguard check` reports a directory rule that names no role or no court."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register()
def check_group_roles(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from benchguard.organization.choices import Role
    from benchguard.organization.models import Court

    errors: list[checks.CheckMessage] = []
    rules = getattr(settings, "BENCHGUARD_LDAP_GROUP_ROLES", [])
    for rule in rules:
        if rule.role not in Role.values:
            errors.append(
                checks.Error(
                    f"LDAP_GROUP_ROLES: {rule.role!r} is not a role ({', '.join(Role.values)})",
                    id="signin.E001",
                )
            )
    if rules and kwargs.get("databases"):
        known = set(Court.objects.values_list("division_code", flat=True))
        for rule in rules:
            if rule.court not in known:
                errors.append(checks.Warning(f"LDAP_GROUP_ROLES: no court {rule.court!r}", id="signin.W001"))
    return errors
