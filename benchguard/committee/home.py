"""The committee's contributions to the home page and the main menu (A4–A6)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.committee import permissions, selectors
from benchguard.core import home, navigation
from benchguard.organization.choices import Role


def _my_actions(user: Any) -> dict[str, Any]:
    return {"actions": list(selectors.open_actions_of(user)[:20])}


# Anyone of a court may be given a follow-up action by a resolution (A6), so the panel
# is offered to every role; it lists only the user's own open actions.
home.register(
    home.Panel(
        key="committee-actions",
        template="committee/panels/actions.html",
        roles=frozenset(Role.values),
        order=30,
        context=_my_actions,
    )
)

navigation.register(
    navigation.NavItem("committee", _("Committee"), "committee:home", permissions.can_see_committee, order=30)
)
