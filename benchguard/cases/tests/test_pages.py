"""The pages and API of cases (A14): filing through the page with bad input kept, the
list's search, who sees what screening found (A15), the look logged, and query counts
that stay flat as cases grow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchguard.cases import services
from benchguard.cases.models import Case
from benchguard.core.models import AuditEntry
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court
from benchguard.persons_of_concern.models import PersonOfConcern

pytestmark = pytest.mark.django_db
LIST = "/cases/"


def demo_case() -> Case:
    return Case.objects.get(court__division_code="370200", number__contains="民初356号")


def test_the_clerk_files_a_case_through_the_page_and_a_wrong_number_keeps_what_was_typed(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    clerk = client_as("clerk")
    form = {
        "court": court.pk,
        "number": "（2026）鲁0202民初5号",
        "cause": "租赁合同纠纷",
        "filed_on": "2026-11-30",
    }
    refused = clerk.post("/cases/file/", form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "不是青岛中院的法院代字" in page or ("不是" in page and "鲁02" in page)
    assert "租赁合同纠纷" in page and "（2026）鲁0202民初5号" in page  # nothing typed is lost
    filed = clerk.post("/cases/file/", {**form, "number": "（2026）鲁02民初5号"})
    case = Case.objects.get(number="（2026）鲁02民初5号")
    assert filed.status_code == 302 and filed["Location"] == f"/cases/{case.pk}/"
    again = clerk.post("/cases/file/", {**form, "number": "（2026）鲁02民初5号"})  # back and resubmit
    assert again.status_code == 200 and "该案号已登记" in again.content.decode()
    assert Case.objects.filter(number="（2026）鲁02民初5号").count() == 1


def test_a_future_filing_date_is_refused(client_as: Callable[[str | None], Client], court: Court) -> None:
    clerk = client_as("clerk")
    with time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC), tick=False):
        response = clerk.post(
            "/cases/file/",
            {
                "court": court.pk,
                "number": "（2026）鲁02民初6号",
                "cause": "合同纠纷",
                "filed_on": "2026-12-03",
            },
        )
    assert response.status_code == 200
    assert "日期不能晚于今天（2026年12月2日）" in response.content.decode()
    assert not Case.objects.filter(number="（2026）鲁02民初6号").exists()


def test_a_party_with_a_mistyped_id_is_refused_next_to_the_field(
    client_as: Callable[[str | None], Client],
) -> None:
    case = demo_case()
    response = client_as("clerk").post(
        f"/cases/{case.pk}/parties/add/",
        {"kind": "person", "role": "third_party", "name": "孔令辉", "document_kind": "resident_id",
         "document_number": "370202198206110428"},
    )  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "孔令辉" in page and "370202198206110428" in page
    assert not case.parties.filter(name="孔令辉").exists()


def test_the_list_searches_numbers_and_party_names(client_as: Callable[[str | None], Client]) -> None:
    clerk = client_as("clerk")
    by_party = clerk.get(LIST, {"q": "吴晓梅"}).content.decode()
    assert "民终88号" in by_party and "民初356号" not in by_party
    by_number = clerk.get(LIST, {"q": "(2026)鲁02民初356"}).content.decode()
    assert "民初356号" in by_number and "民终88号" not in by_number


def test_the_list_reads_the_same_queries_with_three_times_the_cases(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    clerk_account = Account.objects.get(username="clerk")
    clerk = client_as("clerk")

    def add(first: int, count: int) -> None:
        for sequence in range(first, first + count):
            services.file_case(
                actor=clerk_account,
                court=court,
                number=f"（2026）鲁02民初{sequence}号",
                cause="合同纠纷",
                filed_on=dt.date(2026, 11, 30),
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert clerk.get(LIST).status_code == 200
        return len(captured)

    add(1000, 20)
    few = queries()
    add(2000, 40)
    assert queries() == few


def test_the_clerk_gets_the_lists_answer_the_office_also_whom_it_names_a_judge_nothing(
    client_as: Callable[[str | None], Client],
) -> None:
    case = demo_case()
    url = f"/cases/{case.pk}/"
    clerk = client_as("clerk").get(url).content.decode()
    assert 'data-testid="screening"' in clerk
    assert "在重点人员管控名单上" in clerk and "赵敏" in clerk  # listed; whom to call: the office
    dossier = f"/persons-of-concern/{PersonOfConcern.objects.get(name='单立新').pk}/"
    assert dossier not in clerk  # never the dossier
    office = client_as("office").get(url).content.decode()
    assert dossier in office
    judge = client_as("judge").get(url).content.decode()
    assert "单立新" in judge  # a party of the judge's case
    assert "重点人员管控名单" not in judge and 'data-testid="screening' not in judge
    opened = AuditEntry.objects.filter(action="cases.screening.open", object_id=str(case.pk))
    readers = Account.objects.filter(username__in=["clerk", "office"]).values_list("pk", flat=True)
    assert set(opened.values_list("actor_id", flat=True)) == set(readers)


def test_the_api_serves_what_the_caller_reads_with_documents_masked(
    client_as: Callable[[str | None], Client],
) -> None:
    answer = client_as("clerk").get("/api/cases/").json()
    numbers = [row["number"] for row in answer["results"]]
    assert any("民初356号" in number for number in numbers)
    body = str(answer)
    assert demo_id_number("19750308", "031") not in body and "masked_document" in body
    assert "screen" not in body
    assert client_as("judge2").get("/api/cases/").json()["count"] == 0
    assert client_as("cityadmin").get("/api/cases/").json()["count"] == 0
