"""The home panel of after-hours protection (A12.3): requests to decide (the judicial
police of the court) and protections to carry out (an officer assigned). The pages are
reached from the incident register's tabs, which have no menu entry of their own."""

from __future__ import annotations

from typing import Any

from benchguard.after_hours import selectors
from benchguard.core import home


def _waiting(user: Any) -> dict[str, Any]:
    return {
        "protection_decide": selectors.protections_to_decide(user),
        "protection_duty": selectors.protections_on_duty(user),
    }


home.register(
    home.Panel(
        key="after_hours_waiting", template="after_hours/panels/waiting.html", order=13, context=_waiting
    )
)
