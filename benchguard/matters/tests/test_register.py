"""The register of every matter of the court (issue 9, point 5): any status, searched by
number, applicant (name or pinyin) and text, filtered, paginated, exported to Excel."""

from __future__ import annotations

import io
from collections.abc import Callable

import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from benchguard.core.models import AuditEntry
from benchguard.matters import services
from benchguard.matters.choices import MatterStatus
from benchguard.matters.models import Matter
from benchguard.matters.tests.conftest import at
from benchguard.organization.models import Account, Court

URL = "/matters/all/"


def _numbers(response) -> set[str]:
    return {m.number for m, _late in response.context["matters"]}


def test_the_register_holds_every_matter_of_the_court_in_any_status(client_as: Callable[..., Client]) -> None:
    response = client_as("office").get(URL)
    assert response.status_code == 200
    court_matters = Matter.objects.filter(court__division_code="370200")
    assert _numbers(response) == set(court_matters.values_list("number", flat=True))
    statuses = {m.status for m, _late in response.context["matters"]}
    assert {"submitted", "declined", "closed", "appealed"} <= statuses
    assert client_as("judge").get(URL).status_code == 403
    assert client_as("judge2").get(URL).status_code == 403


def test_it_is_searched_by_number_applicant_pinyin_and_text(client_as: Callable[..., Client]) -> None:
    office = client_as("office")
    declined = Matter.objects.get(status=MatterStatus.DECLINED)  # 当事人在微信群中发布不实言论。
    assert _numbers(office.get(URL, {"q": declined.number})) == {declined.number}
    assert _numbers(office.get(URL, {"q": "微信群"})) == {declined.number}
    applicant = declined.applicant
    assert applicant is not None
    by_name = _numbers(office.get(URL, {"q": applicant.name}))
    by_pinyin = _numbers(office.get(URL, {"q": applicant.name_pinyin.upper()}))
    expected = set(Matter.objects.filter(applicant=applicant).values_list("number", flat=True))
    assert by_name == by_pinyin == expected
    assert _numbers(office.get(URL, {"q": "没有这样的事"})) == set()


def test_it_is_filtered_by_status_year_handler_and_overdue(
    client_as: Callable[..., Client], application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    office = client_as("office")
    submitted = set(Matter.objects.filter(status="submitted").values_list("number", flat=True))
    assert _numbers(office.get(URL, {"status": "submitted"})) == submitted
    assert _numbers(office.get(URL, {"year": 1999 + 1})) == set()
    handled = set(Matter.objects.filter(handler=persona("office")).values_list("number", flat=True))
    assert _numbers(office.get(URL, {"handler": persona("office").pk})) == handled
    with time_machine.travel(at("2026-03-02"), tick=False):
        late = services.accept_matter(actor=persona("office"), matter=application("judge"))  # due 1 April
    with time_machine.travel(at("2026-04-02"), tick=False):
        overdue = office.get(URL, {"overdue": "on", "year": "2026"})
    assert late.number in _numbers(overdue)
    with time_machine.travel(at("2026-04-01"), tick=False):
        assert late.number not in _numbers(office.get(URL, {"overdue": "on"}))


def test_it_is_paginated_with_flat_queries(client_as: Callable[..., Client]) -> None:
    office = client_as("office")
    office.get(URL)
    with CaptureQueriesContext(connection) as queries:
        first = office.get(URL, {"status": "", "page": "1"})
    assert first.context["page"].number == 1 and len(queries) < 25


def test_the_register_is_exported_to_excel_and_the_export_is_logged(client_as: Callable[..., Client]) -> None:
    response = client_as("office").get(URL, {"q": "微信群", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    declined = Matter.objects.get(status=MatterStatus.DECLINED)
    assert len(rows) == 2 and rows[1][0] == declined.number
    entry = AuditEntry.objects.filter(action="matters.register.export").latest("id")
    assert entry.data["count"] == 1 and entry.data["filters"] == ["q"] and "微信群" not in str(entry.data)


def test_it_is_filtered_by_the_applicants_staff_category_and_court(client_as: Callable[..., Client]) -> None:
    """The filters the leaders' overview links with (A30; A2/A28 by category)."""
    office = client_as("office")
    court_matters = Matter.objects.filter(court__division_code="370200")
    for category in ("quota_judge", "support_staff"):
        expected = set(court_matters.filter(applicant__category=category).values_list("number", flat=True))
        assert _numbers(office.get(URL, {"category": category})) == expected
    assert _numbers(office.get(URL, {"category": "quota_judge"}))
    court = Court.objects.get(division_code="370200").pk
    assert _numbers(office.get(URL, {"court": court})) == set(court_matters.values_list("number", flat=True))
    assert _numbers(office.get(URL, {"court": court + 1000})) == set()
