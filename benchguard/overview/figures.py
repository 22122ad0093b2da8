"""The shapes of the leaders' overview (A30): a figure is a titled list of bars, each a
count and the link to the list page that shows exactly those records to the viewer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from benchguard.organization.models import Court


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class Figure:
    """One chart and its table. `chart` is how overview.js draws it: bar, line or pie."""

    key: str
    title: str
    chart: str
    bars: list[Bar]
    caption: str = ""

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)

    def as_data(self) -> dict[str, Any]:
        """What the page hands overview.js (json_script): labels, counts and links."""
        return {
            "key": self.key,
            "title": self.title,
            "chart": self.chart,
            "labels": [bar.label for bar in self.bars],
            "counts": [bar.count for bar in self.bars],
            "urls": [bar.url for bar in self.bars],
        }


@dataclass(frozen=True)
class Scope:
    """Whose overview, of which court (None: every court the viewer's overview covers),
    on which day, with the courts' names for the bars by court."""

    user: Any
    court: Court | None
    today: dt.date
    names: dict[int, str] = field(default_factory=dict)
    # An area's scoped queryset, built once a page (its visible_to may ask the database).
    scoped: dict[str, Any] = field(default_factory=dict, compare=False)

    def once(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self.scoped:
            self.scoped[key] = build()
        return self.scoped[key]

    def link(self, name: str, **params: Any) -> str:
        """The list page `name` filtered by `params`, and by the chosen court."""
        query = {key: value for key, value in params.items() if value not in ("", None)}
        if self.court is not None and "court" not in query:
            query["court"] = self.court.pk
        return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)

    @property
    def city(self) -> bool:
        """The city's overview (A30): several courts and none chosen. Its figures count
        every court's records; a bar links only to what the viewer may open."""
        return self.court is None and len(self.names) > 1

    def court_name(self, court_id: int) -> str:
        return self.names.get(court_id, str(court_id))

    def months(self, count: int = 12) -> list[dt.date]:
        """The first days of the last `count` months, this one included, oldest first."""
        first = self.today.replace(day=1)
        months = []
        for back in range(count - 1, -1, -1):
            index = first.year * 12 + first.month - 1 - back
            months.append(dt.date(index // 12, index % 12 + 1, 1))
        return months


# A figure is computed by a function of the scope; None when the viewer may not open
# the list page it links to (the figure is then left out, not shown as zero).
FigureSource = Callable[[Scope], Figure | None]
