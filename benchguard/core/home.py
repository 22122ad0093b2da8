"""Home page panels: each domain area registers the panels its roles see first.

The home page shows the panels of every role the user holds, ordered; a user with no
role sees only the panels meant for everyone, and the city-wide administrator (a
superuser, who holds no role in a court) also the panels registered with
`shown_to=is_city_admin`. A panel whose template renders nothing (no visitor waiting,
no task given) takes no column on the page. Later areas add panels here (the matters
inbox for the office, gate hits for the police …) — see docs/adding-a-domain-area.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from benchguard.core.access import is_city_admin, roles_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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

# The roles are organization's: it declares them with set_roles() when it is ready.
_ROLE_PRECEDENCE: list[str] = []
_ROLE_LABELS: dict[str, StrOrPromise] = {}


def register(panel: Panel) -> None:
    _PANELS[panel.key] = panel


def set_roles(*, precedence: Sequence[str], labels: Mapping[str, StrOrPromise]) -> None:
    """Declare the roles: `precedence` is the order in which a user's roles name their
    workbench (the first one held wins); `labels` are the roles' names for the page."""
    _ROLE_PRECEDENCE[:] = [str(role) for role in precedence]
    _ROLE_LABELS.clear()
    _ROLE_LABELS.update({str(role): label for role, label in labels.items()})


def primary_role(user: Any) -> str | None:
    held = roles_of(user)
    return next((role for role in _ROLE_PRECEDENCE if role in held), None)


def context_for(user: Any) -> dict[str, Any]:
    held = roles_of(user)
    panels = [
        {"key": p.key, "template": p.template, **(p.context(user) if p.context else {})}
        for p in sorted(_PANELS.values(), key=lambda p: (p.order, p.key))
        if (not p.roles or p.roles & held or (p.shown_to is not None and p.shown_to(user)))
        and (p.visible is None or p.visible(user))
    ]
    return {
        "primary_role": primary_role(user),
        "city_admin": is_city_admin(user),
        "role_labels": dict(_ROLE_LABELS),
        "panels": panels,
    }
