"""The liaison area's menu entries and home panel (A19): the directory, the requests,
and the overdue answers for the court's committee office and judicial police."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.liaison import permissions, selectors

navigation.register(
    navigation.NavItem("liaison", _("Outside bodies"), "liaison:directory", permissions.can_read, order=60)
)
navigation.register(
    navigation.NavItem(
        "liaison-requests",
        _("Requests to outside bodies"),
        "liaison:request_list",
        permissions.can_read_requests,
        order=61,
    )
)


def _overdue(user: Any) -> dict[str, Any]:
    rows, count = selectors.overdue_requests_for(user)
    return {"overdue_requests": rows, "overdue_count": count}


home.register(
    home.Panel(
        key="liaison-overdue",
        template="liaison/panels/overdue.html",
        roles=frozenset(permissions.SENDERS),
        order=40,
        context=_overdue,
    )
)
