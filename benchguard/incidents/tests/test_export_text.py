"""The incident register in Excel keeps a description as text, even when it reads like
a formula (issue 9, point 16)."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from benchguard.incidents.choices import IncidentKind

DESCRIPTION = '=HYPERLINK("http://evil.example","查看")'


def test_a_description_that_reads_like_a_formula_is_exported_as_text(report, client_as) -> None:
    incident = report(IncidentKind.DISTURBANCE, actor="police", description=DESCRIPTION, place="+北门")
    response = client_as("police").get(reverse("incidents:incident_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == incident.pk)
    assert (row[9].value, row[9].data_type, row[9].quotePrefix) == (DESCRIPTION, "s", True)
    assert (row[5].value, row[5].quotePrefix) == ("+北门", True)
