"""The menu entry of meetings with parties (A10.3): judges and the court's readers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import navigation
from benchguard.meetings import permissions


def _sees(user: Any) -> bool:
    return permissions.can_record(user) or bool(permissions.reader_court_ids(user))


navigation.register(
    navigation.NavItem("meetings", _("Meetings with parties"), "meetings:request_list", _sees, order=73)
)
