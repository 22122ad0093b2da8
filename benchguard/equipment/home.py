"""The equipment area's menu entries and home panels (A10.1, A10.2): the device register
and its overdue returns for the judicial police, the recordings, and "My equipment"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.equipment import permissions, selectors

navigation.register(
    navigation.NavItem(
        "equipment-devices",
        _("Recording devices"),
        "equipment:device_list",
        permissions.can_read_devices,
        order=70,
    )
)
navigation.register(
    navigation.NavItem(
        "equipment-recordings",
        _("Recordings of duty"),
        "equipment:recording_list",
        permissions.can_list_recordings,
        order=71,
    )
)
navigation.register(
    navigation.NavItem(
        "equipment-mine", _("My equipment"), "equipment:mine", lambda user: user.is_authenticated, order=72
    )
)


def _keeper(user: Any) -> dict[str, Any]:
    overdue = list(selectors.overdue_issues_for(user)[:10])
    tampered = list(selectors.tampered_for(user)[:10])
    return {"overdue": overdue, "tampered": tampered}


home.register(
    home.Panel(
        key="equipment-keeper",
        template="equipment/panels/keeper.html",
        roles=frozenset(permissions.KEEPERS),
        order=45,
        context=_keeper,
    )
)
