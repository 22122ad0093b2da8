"""`{{ people|names }}`: the names of a list, joined in the user's language (core.text)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from benchguard.core.text import join_list

register = template.Library()


@register.filter
def names(items: Iterable[object]) -> str:
    """The `name` of each item (or the item itself), joined; "—" for none."""
    joined = join_list(getattr(item, "name", item) for item in items)
    return joined or "—"
