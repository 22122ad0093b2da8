"""`{{ people|names }}`: the names of a list, joined in the user's language (core.text);
`{% span starts ends %}`: a period of time written as short as it stays clear."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

from benchguard.core.text import join_list

register = template.Library()


@register.filter
def names(items: Iterable[object]) -> str:
    """The `name` of each item (or the item itself), joined; "—" for none."""
    joined = join_list(getattr(item, "name", item) for item in items)
    return joined or "—"


@register.simple_tag
def span(starts: dt.datetime | None, ends: dt.datetime | None) -> str:
    """The period in the court's local time: 2026-12-08 10:00–11:00 within a day, the
    end's date too when it falls on another day (2026-12-08 23:00–2026-12-09 01:00)."""
    if starts is None:
        return "—"
    starts = timezone.localtime(starts)
    text = date_format(starts, "Y-m-d H:i")
    if ends is None:
        return text
    ends = timezone.localtime(ends)
    return f"{text}–{date_format(ends, 'H:i' if ends.date() == starts.date() else 'Y-m-d H:i')}"
