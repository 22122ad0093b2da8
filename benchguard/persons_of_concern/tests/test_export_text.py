"""The controlled list and the departments' logs in Excel keep user text as text, even
when it reads like a formula (issue 9, point 16)."""

from __future__ import annotations

import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from benchguard.organization.models import Department
from benchguard.persons_of_concern import services


def exported(client, name: str):
    response = client.get(reverse(f"persons_of_concern:{name}"))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_controlled_list_exports_a_legal_basis_as_text(client_as, make_person, propose) -> None:
    person = make_person("@张公式")
    propose(person, legal_basis="=1+2")
    sheet = exported(client_as("police"), "entry_export")
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "@张公式")
    assert (row[0].data_type, row[0].quotePrefix) == ("s", True)
    assert (row[3].value, row[3].data_type, row[3].quotePrefix) == ("=1+2", "s", True)


def test_the_department_logs_export_what_happened_as_text(client_as, persona) -> None:
    department = Department.objects.get(court__division_code="370200", name="司法警察支队")
    services.add_department_log(
        actor=persona("police"),
        department=department,
        event_date=timezone.localdate(),
        what_happened='=HYPERLINK("http://evil.example","x")',
        outcome="-劝离",
    )
    sheet = exported(client_as("police"), "log_export")
    row = next(row for row in sheet.iter_rows(min_row=2) if row[5].value == "-劝离")
    assert (row[4].value, row[4].data_type, row[4].quotePrefix) == (
        '=HYPERLINK("http://evil.example","x")',
        "s",
        True,
    )
    assert row[5].quotePrefix
