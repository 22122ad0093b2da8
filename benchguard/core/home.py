"""Home page panels: each domain area registers the panels its roles see first.

The home page shows the panels of every role the user holds, ordered; a user with no
role sees only the panels meant for everyone, and the city-wide administrator (a
superuser, who holds no role in a court) also the panels registered with
`shown_to=is_city_admin`. A panel whose template renders nothing (no visitor waiting,
no task given) takes no column on the page. Later areas add panels here (the matters
inbox for the office, gate hits for the police …) — see docs/adding-a-domain-area.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from benchguard.core.access import is_city_admin, roles_of

# The order in which a user's roles name their workbench (the first one held wins).
ROLE_PRECEDENCE = (
    "committee_chair",
    "committee_vice_chair",
    "court_leader",
    "committee_office",
    "division_chief",
    "judge",
    "support_staff",
    "judicial_police",
    "gatehouse_guard",
    "filing_clerk",
    "personnel_office",
    "committee_member",
    "system_admin",
)


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: everyone signed in
    order: int = 100
    context: Callable[[Any], dict[str, Any]] | None = None
    # Also shown to a user this says yes to, whatever their roles (e.g. is_city_admin).
    shown_to: Callable[[Any], bool] | None = None
    # Further condition on who sees it (for example only the city administrator, who
    # holds no court role); None: the roles decide alone.
    visible: Callable[[Any], bool] | None = None


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def primary_role(user: Any) -> str | None:
    held = roles_of(user)
    return next((role for role in ROLE_PRECEDENCE if role in held), None)


def context_for(user: Any) -> dict[str, Any]:
    held = roles_of(user)
    panels = [
        {"key": p.key, "template": p.template, **(p.context(user) if p.context else {})}
        for p in sorted(_PANELS.values(), key=lambda p: (p.order, p.key))
        if (not p.roles or p.roles & held or (p.shown_to is not None and p.shown_to(user)))
        and (p.visible is None or p.visible(user))
    ]
    from benchguard.organization.choices import Role

    return {
        "primary_role": primary_role(user),
        "city_admin": is_city_admin(user),
        "role_labels": dict(Role.choices),
        "panels": panels,
    }
