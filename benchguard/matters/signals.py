"""When the holiday table changes, open matters' stored due dates follow (A26.4)."""

from typing import Any


def recompute_after_calendar_change(sender: Any, years: list[int], **kwargs: Any) -> None:
    from benchguard.matters.services import recompute_due_dates

    recompute_due_dates(years=years)
