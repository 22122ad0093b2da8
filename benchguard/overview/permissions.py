"""Who opens the leaders' overview (A30).

A court's leaders, its president and its committee office see their court's overview;
those of the intermediate court see the city's: their court and its base courts, with
a court filter. A figure is shown to those who may open the list it links to in their
own court. In the city's overview it counts the records of every court (A30: the
leaders' overviews are city-wide), and a number links to its records only when the
viewer may open every one of them; a court chosen counts what the viewer opens there. Nobody else — the city
administrator included — opens it (403)."""

from __future__ import annotations

from typing import Any

from benchguard.core.access import court_ids_with
from benchguard.organization.choices import Role

VIEWER_ROLES = frozenset({Role.COURT_LEADER, Role.COURT_PRESIDENT, Role.COMMITTEE_OFFICE})


def viewer_court_ids(user: Any) -> set[int]:
    """The courts whose overview the user opens as their own court's."""
    return court_ids_with(user, VIEWER_ROLES)


def can_view(user: Any) -> bool:
    return bool(viewer_court_ids(user))
