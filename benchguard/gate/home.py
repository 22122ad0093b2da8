"""The gate's menu entry and home panels: a host's visitors waiting for confirmation;
the judicial police's visits on hold."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.gate import permissions, selectors

navigation.register(navigation.NavItem("gate", _("Gate"), "gate:desk", permissions.can_use_desk, order=35))
navigation.register(
    navigation.NavItem("visits", _("Visits"), "gate:visit_list", permissions.can_list_visits, order=36)
)
home.register(
    home.Panel(
        key="gate_my_visitors",
        template="gate/panels/my_visitors.html",
        order=5,
        context=lambda user: {"visits": list(selectors.awaiting_host(user)[:10])},
    )
)
home.register(
    home.Panel(
        key="gate_holds",
        template="gate/panels/holds.html",
        roles=frozenset(permissions.POLICE_ROLES),
        order=6,
        context=lambda user: {"count": selectors.holds_for(user).count()},
    )
)
