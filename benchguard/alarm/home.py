"""The alarm area's menu entry and home panel: the open alarms sent to you (officers,
leaders, the committee office), with a link to the officers' screen."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from benchguard.alarm import permissions, selectors
from benchguard.core import home, navigation

navigation.register(
    navigation.NavItem(
        "alarm", _("One-press alarm"), "alarm:press", lambda user: permissions.can_press(user), order=36
    )
)
home.register(
    home.Panel(
        key="alarm_open",
        template="alarm/panels/open.html",
        roles=frozenset(permissions.WATCHERS),
        order=4,
        context=lambda user: {"alarms": list(selectors.board_for(user)[:5])},
    )
)
