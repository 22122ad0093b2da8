"""The menu entry of meetings with parties (A10.3): judges and the court's readers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from benchguard.core import navigation
from benchguard.meetings import permissions

navigation.register(
    navigation.NavItem(
        "meetings", _("Meetings with parties"), "meetings:request_list", permissions.can_see_list, order=73
    )
)
