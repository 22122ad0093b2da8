"""Training's menu entry and home panels (A11): the readers' menu entry; the committee
office's panel of untrained judges at risk; everyone's own training record."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.organization.choices import Role
from benchguard.training import permissions, selectors

navigation.register(
    navigation.NavItem(
        "training", _("Training and drills"), "training:course_list", permissions.can_read, order=72
    )
)

home.register(
    home.Panel(
        key="training-at-risk",
        template="training/panels/at_risk.html",
        roles=frozenset({Role.COMMITTEE_OFFICE}),
        order=45,
        context=lambda user: {"people": selectors.untrained_at_risk(user)},
    )
)


def _mine(user: Any) -> dict[str, Any]:
    return {"sessions": selectors.my_training(user)}


home.register(home.Panel(key="training-mine", template="training/panels/mine.html", order=85, context=_mine))
