"""The main menu: each domain area registers its entries with who may see them.

Navigation shows only what the user may open (A18 and house style 4); the check is
the same predicate the view's access helper applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100


_REGISTRY: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _REGISTRY[item.key] = item


def items_for(user: Any) -> list[dict[str, Any]]:
    if user is None or not user.is_authenticated:
        return []
    return [
        {"key": item.key, "label": item.label, "url": reverse(item.url_name)}
        for item in sorted(_REGISTRY.values(), key=lambda i: (i.order, i.key))
        if item.visible(user)
    ]
