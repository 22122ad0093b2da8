"""Excel exports of the registers (openpyxl): one way to build the workbook and one way
to send it. Callers check permission and log the export (an audit event) themselves.

Every cell of user text is written as text: a visitor's purpose or an incident's
description that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is kept
exactly as typed but stored as a string with Excel's quote prefix, so neither Excel nor
WPS evaluates it as a formula (`=HYPERLINK(...)`) when the police open the file, nor
after someone edits the cell. Dates Excel cannot show (before 1900) are written as text
rather than as a negative serial."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise

from benchguard.core.middleware import forbid_storing

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")
EXCEL_FIRST_DAY = dt.date(1900, 3, 1)  # Excel's serial dates are unreliable before this


def _plain(value: Any) -> Any:
    if (
        isinstance(value, dt.date)
        and (value.date() if isinstance(value, dt.datetime) else value) < EXCEL_FIRST_DAY
    ):
        return value.isoformat()
    return value


def xlsx(
    *,
    title: str,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    heading: Sequence[Sequence[Any]] = (),
) -> bytes:
    """A one-sheet workbook: a header row, then the rows (dates and numbers stay typed).
    `heading`: rows above the table that say what the workbook is (a report's court,
    period, status, signature), then a blank row; typed and guarded like the rest."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(title)[:31]  # Excel's limit on a sheet name
    for line in heading:
        sheet.append([_plain(str(value) if isinstance(value, Promise) else value) for value in line])
    if heading:
        sheet.append([])
    sheet.append([str(cell) for cell in header])
    for row in rows:
        sheet.append([_plain(value) for value in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_LEADS):
                cell.data_type = "s"  # openpyxl would otherwise write a leading "=" as a formula
                cell.quotePrefix = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """The workbook as a download that no browser or proxy keeps a copy of."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return forbid_storing(response)


R = TypeVar("R")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of an export: its header and how a row gives its cell."""

    header: Any  # a (lazy) translated label
    value: Callable[[R], Any]


def local_time(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored moment as the court's wall-clock time (Excel knows no time zones)."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment is not None else None


def workbook(
    *,
    title: Any,
    columns: Sequence[Column[R]],
    rows: Iterable[R],
    heading: Sequence[Sequence[Any]] = (),
) -> bytes:
    """A register as a one-sheet workbook, declared as its columns (`heading`: see xlsx)."""
    return xlsx(
        title=title,
        header=[column.header for column in columns],
        rows=([column.value(row) for column in columns] for row in rows),
        heading=heading,
    )
