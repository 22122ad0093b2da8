"""The platform core's home page panels: the holiday calendar notice (A26.4)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from benchguard.core import home
from benchguard.core.access import is_city_admin
from benchguard.core.models import CalendarYear


def calendar_notice(user: Any) -> dict[str, Any]:
    """The years from this one on whose holiday schedule is not confirmed, and those of
    this year and next that were not seeded at all (no time limit can reach them)."""
    this_year = timezone.localdate().year
    years = dict(CalendarYear.objects.filter(year__gte=this_year).values_list("year", "confirmed"))
    return {
        "provisional_years": sorted(year for year, confirmed in years.items() if not confirmed),
        "unseeded_years": [year for year in (this_year, this_year + 1) if year not in years],
    }


def _needs_notice(user: Any) -> bool:
    if not is_city_admin(user):
        return False
    notice = calendar_notice(user)
    return bool(notice["provisional_years"] or notice["unseeded_years"])


home.register(
    home.Panel(
        key="calendar",
        template="core/panels/calendar_notice.html",
        order=5,
        context=calendar_notice,
        visible=_needs_notice,
    )
)
