"""The visits register in Excel keeps a visitor's purpose as text, even when it reads
like a formula (issue 9, point 16)."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

PURPOSE = '=HYPERLINK("http://evil.example","递交材料")'


def test_a_purpose_that_reads_like_a_formula_is_exported_as_text(client_as, visitor) -> None:
    visitor(purpose=PURPOSE)
    response = client_as("police").get(reverse("gate:visit_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == PURPOSE]
    assert cells and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
