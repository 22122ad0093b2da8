"""The leaders' overview's one action: its figures exported to Excel (A30)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.exports import Column, workbook
from benchguard.core.types import Actor
from benchguard.overview import permissions
from benchguard.overview.figures import Bar, Figure

COLUMNS: list[Column[tuple[Figure, Bar]]] = [
    Column(_("Figure"), lambda row: row[0].title),
    Column(_("Item"), lambda row: row[1].label),
    Column(_("Count"), lambda row: row[1].count),
]


@transaction.atomic
def export_figures(*, actor: Actor, figures: Sequence[Figure], court_id: int | None = None) -> bytes:
    """The overview's figures as a workbook, one row a bar: the numbers, never formulas
    (core.exports). Logged with which figures and which court — counts only, no record."""
    if not permissions.can_view(actor):
        raise PermissionDenied
    rows = [(figure, bar) for figure in figures for bar in figure.bars]
    audit.record_event(
        actor=actor,
        action="overview.figures.export",
        obj=None,
        court_id=court_id,
        figures=[figure.key for figure in figures],
    )
    return workbook(title=_("Overview"), columns=COLUMNS, rows=rows)
