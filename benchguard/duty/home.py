"""The duty area's menu entries and home panels: who is on duty now (the judicial
police, the leaders and the guards of the court), and the open alerts sent to you."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.duty import permissions, selectors


def _on_duty(user: Any) -> dict[str, Any]:
    courts = permissions.reader_court_ids(user)
    return {"shifts": selectors.on_duty_now(courts), "many_courts": len(courts) > 1}


navigation.register(
    navigation.NavItem("duty", _("Duty roster"), "duty:roster", permissions.can_read, order=37)
)
home.register(
    home.Panel(
        key="duty_now",
        template="duty/panels/on_duty.html",
        roles=frozenset(permissions.READERS),
        order=7,
        context=_on_duty,
    )
)
home.register(
    home.Panel(
        key="duty_alerts",
        template="duty/panels/alerts.html",
        order=5,  # beside the gate's own; after the calendar notice (same order, key first)
        context=lambda user: {"alerts": list(selectors.open_alerts_for(user)[:10])},
    )
)
