"""The administrator's rules that give roles to members of directory groups
(`LDAP_GROUP_ROLES`, docs/sign-in.md). Read by the settings (config/ldap.py) before any
app is loaded, so nothing here touches a model."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class GroupRole:
    """A directory group whose members hold `role` in the court `court` (its division
    code), optionally in one department (its name in that court)."""

    group_dn: str  # lower case, as django-auth-ldap reports a user's groups
    court: str
    role: str
    department: str = ""


def parse_group_roles(text: str) -> list[GroupRole]:
    """Rules, one a line (or separated by ";"): `group DN | division code | role [| department]`."""
    rules: list[GroupRole] = []
    for raw in text.replace(";", "\n").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) not in (3, 4) or not all(parts[:3]):
            raise ImproperlyConfigured(
                f"LDAP_GROUP_ROLES: {line!r} is not 'group DN | court division code | role [| department]'"
            )
        dn = ",".join(piece.strip() for piece in parts[0].split(",")).lower()
        rules.append(GroupRole(dn, parts[1], parts[2], parts[3] if len(parts) == 4 else ""))
    return rules
