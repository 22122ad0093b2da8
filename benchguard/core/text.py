"""Joining names for display in the user's language: 王立明、周海 in Chinese, "Wang, Zhou"
in English (the separator is a translated string, not a hard-coded 、)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def join_list(items: Iterable[object]) -> str:
    return pgettext("list separator", ", ").join(str(item) for item in items)
