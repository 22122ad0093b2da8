"""Importing cases from a sheet (A14, issue 12 part 1): the filing division's layout read
in any column order, every row checked before anything is saved, errors by row and
column in Chinese, a preview, one confirmation filing every case with its parties
(screened) in one task, all or nothing; only the court's filing clerk; the template
without formulas; a file that is not a workbook refused whatever its name."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from benchguard.cases import imports
from benchguard.cases.choices import ImportStatus, PartyKind, PartyRole, ScreeningOutcome
from benchguard.cases.models import Case, CaseImport, Party, PartyScreening
from benchguard.core.models import AuditEntry
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Court

pytestmark = pytest.mark.django_db
IMPORT = "/cases/import/"
LISTED_ID = demo_id_number("19750308", "031")  # 单立新, on the controlled list (demo)
TEMPLATE_ORDER = [
    "案号",
    "案由",
    "立案日期",
    "承办庭室",
    "承办法官",
    "当事人类型",
    "诉讼地位",
    "当事人名称",
    "证件类型",
    "证件号码",
]
# The filing division's columns, deliberately not in the template's order.
HEADER = [
    "当事人名称",
    "案号",
    "诉讼地位",
    "当事人类型",
    "案由",
    "立案日期",
    "承办庭室",
    "承办法官",
    "证件类型",
    "证件号码",
]


def row(
    name: str, number: str, role: str, kind: str, *case: Any, document: tuple[str, str] = ("", "")
) -> list[Any]:
    """A row in HEADER's order: the party, then the case's columns (cause, filing date,
    division, judge; blank when not given), then the party's document."""
    cause, filed_on, division, judge = [*case, "", "", "", ""][:4]
    return [name, number, role, kind, cause, filed_on, division, judge, *document]


FIRST = ("买卖合同纠纷", "2026-11-02", "民事审判第一庭", "王立明")
ROWS: list[list[Any]] = [
    row("单立新", "（2026）鲁02民初901号", "原告", "自然人", *FIRST, document=("居民身份证", LISTED_ID)),
    row("青岛海通商贸有限公司", "（2026）鲁02民初901号", "被告", "法人或其他组织"),
    row("赵小红", "(2026)鲁02民终77号", "上诉人", "自然人", "民间借贷纠纷", dt.datetime(2026, 11, 20)),
]


def workbook(rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Client, content: bytes, court: Any, name: str = "立案.xlsx") -> Any:
    return client.post(IMPORT, {"court": court.pk, "file": SimpleUploadedFile(name, content)})


def latest_import() -> CaseImport:
    return CaseImport.objects.latest("id")


def once_token(client: Client, case_import: CaseImport) -> str:
    page = client.get(f"{IMPORT}{case_import.pk}/").content.decode()
    token = re.search(r'name="_once" value="([^"]+)"', page)
    assert token is not None
    return token[1]


@pytest.fixture
def confirm(django_capture_on_commit_callbacks: Any, run_worker: Callable[[], None]) -> Callable[..., Any]:
    """Confirm as the page does; the task queued at commit is run by one pass of the worker."""

    def send(client: Client, case_import: CaseImport) -> Any:
        token = once_token(client, case_import)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{IMPORT}{case_import.pk}/confirm/", {"_once": token})
        run_worker()
        return response

    return send


def test_a_valid_sheet_is_previewed_then_imported_with_its_parties_screened(
    client_as: Callable[[str | None], Client], court: Any, confirm: Callable[..., Any]
) -> None:
    clerk = client_as("clerk")
    response = upload(clerk, workbook(ROWS), court)
    case_import = latest_import()
    assert response.status_code == 302 and response["Location"] == f"{IMPORT}{case_import.pk}/"
    assert (case_import.status, case_import.total) == (ImportStatus.PENDING, 2)
    assert not Case.objects.filter(number__in=["（2026）鲁02民初901号", "（2026）鲁02民终77号"]).exists()

    preview = clerk.get(response["Location"]).content.decode()
    assert "导入这 2 件案件" in preview
    assert "（2026）鲁02民终77号" in preview and "青岛海通商贸有限公司" in preview
    assert LISTED_ID not in preview  # the number is shown masked

    confirmed = confirm(clerk, case_import)
    assert confirmed.status_code == 302
    case_import.refresh_from_db()
    assert (case_import.status, case_import.done, case_import.content) == (ImportStatus.DONE, 2, "")
    first = Case.objects.get(court=court, number="（2026）鲁02民初901号")
    assert (first.cause, first.filed_on, first.division.name, first.judge.name) == (  # type: ignore[union-attr]
        "买卖合同纠纷",
        dt.date(2026, 11, 2),
        "民事审判第一庭",
        "王立明",
    )
    assert [(p.name, p.kind, p.role) for p in first.parties.order_by("id")] == [
        ("单立新", PartyKind.PERSON, PartyRole.PLAINTIFF),
        ("青岛海通商贸有限公司", PartyKind.ORGANISATION, PartyRole.DEFENDANT),
    ]
    second = Case.objects.get(court=court, number="（2026）鲁02民终77号")
    assert (second.filed_on, second.division, second.judge) == (dt.date(2026, 11, 20), None, None)
    assert [(p.name, p.role) for p in second.parties.all()] == [("赵小红", PartyRole.APPELLANT)]
    screening = PartyScreening.objects.get(party__case=first)
    assert (screening.party.name, screening.outcome) == ("单立新", ScreeningOutcome.LISTED)
    assert "2 件案件已导入" in clerk.get(response["Location"]).content.decode()


def test_the_import_is_logged_and_no_partys_number_reaches_the_trail(
    client_as: Callable[[str | None], Client], court: Any, confirm: Callable[..., Any]
) -> None:
    clerk = client_as("clerk")
    upload(clerk, workbook(ROWS), court)
    confirm(clerk, latest_import())
    actions = set(
        AuditEntry.objects.filter(action__startswith="cases.import.").values_list("action", flat=True)
    )
    assert actions == {"cases.import.upload", "cases.import.confirm", "cases.import.run", "cases.import.done"}
    run = AuditEntry.objects.get(action="cases.import.run")  # the event: what the import filed
    assert (run.data["cases"], run.data["parties"]) == (2, 3)
    assert AuditEntry.objects.get(action="cases.import.done").data["after"] == {"status": "done", "done": 2}
    trail = " ".join(str(entry.data) for entry in AuditEntry.objects.all())
    assert LISTED_ID not in trail and LISTED_ID[-6:] not in trail


def test_a_sheet_with_one_bad_row_saves_nothing_and_names_the_row_and_column_in_chinese(
    client_as: Callable[[str | None], Client], court: Any, django_capture_on_commit_callbacks: Any
) -> None:
    clerk = client_as("clerk")
    mistyped = LISTED_ID[:-1] + ("0" if LISTED_ID[-1] != "0" else "1")  # a wrong check character
    rows = [[*ROWS[0][:9], mistyped], *ROWS[1:]]
    upload(clerk, workbook(rows), court)
    case_import = latest_import()
    page = clerk.get(f"{IMPORT}{case_import.pk}/").content.decode()
    errors = page[page.index('data-testid="import-errors"') :]
    assert re.search(r"<td>2</td><td>证件号码</td><td>校验码不符", errors), errors[:800]
    assert 'data-testid="import-confirm"' not in page
    # Confirming anyway (a forged or stale form) is refused: nothing is filed.
    response = clerk.post(f"{IMPORT}{case_import.pk}/confirm/")
    assert response.status_code == 302
    case_import.refresh_from_db()
    assert case_import.status == ImportStatus.INVALID  # shown with its errors, never confirmed
    assert not Case.objects.filter(number__in=["（2026）鲁02民初901号", "（2026）鲁02民终77号"]).exists()
    assert (
        not Party.objects.filter(name__in=["单立新", "赵小红"])
        .exclude(case__number__contains="民初356号")
        .exists()
    )


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (
            ("（2026）鲁0202民初5号", "原告", "自然人", "合同纠纷", "2026-11-02"),
            "案号",
            "不是青岛中院的法院代字",
        ),
        (
            ("（2026）鲁02民初5号", "原告", "个人", "合同纠纷", "2026-11-02"),
            "当事人类型",
            "“个人”不是本列的可选值",
        ),
        (
            ("（2026）鲁02民初5号", "原告", "自然人", "合同纠纷", "2026年13月2日"),
            "立案日期",
            "日期请写作 2026-11-30",
        ),
        (
            ("（2026）鲁02民初5号", "原告", "自然人", "合同纠纷", "2026-11-02", "", "李四"),
            "承办法官",
            "“李四”不是本院",
        ),
        (("DEMO", "原告", "自然人", "合同纠纷", "DEMO"), "案号", "该案号已登记"),  # the demo's case
        (
            ("（2026）鲁02民初5号", "原告", "自然人", "合同纠纷", "2025-12-31"),
            "立案日期",
            "2026年度的案号应在该年立案",
        ),
    ],
)
def test_each_wrong_cell_is_named_by_row_and_column(
    client_as: Callable[[str | None], Client], court: Any, cells: tuple[str, ...], column: str, message: str
) -> None:
    clerk = client_as("clerk")
    if cells[0] == "DEMO":  # numbered in the year the demo was loaded, and filed then
        demo = Case.objects.get(court=court, number__contains="民初356号")
        cells = (demo.number, *cells[1:4], demo.filed_on.isoformat())
    upload(clerk, workbook([row("张某", *cells)]), court)
    case_import = latest_import()
    assert case_import.status == ImportStatus.INVALID
    page = clerk.get(f"{IMPORT}{case_import.pk}/").content.decode()
    assert f"<td>2</td><td>{column}</td><td>" in page and message in page
    assert 'data-testid="import-confirm"' not in page


def test_a_later_row_of_a_case_that_contradicts_its_first_is_an_error(
    client_as: Callable[[str | None], Client], court: Any
) -> None:
    clerk = client_as("clerk")
    rows = [
        ROWS[0],
        ["青岛海通商贸有限公司", "（2026）鲁02民初901号", "被告", "法人", "租赁合同纠纷", "", "", "", "", ""],
    ]
    upload(clerk, workbook(rows), court)
    page = clerk.get(f"{IMPORT}{latest_import().pk}/").content.decode()
    assert "<td>3</td><td>案由</td><td>与同一案件的第 2 行不一致。</td>" in page


def test_a_sheet_without_a_required_column_says_which(
    client_as: Callable[[str | None], Client], court: Any
) -> None:
    clerk = client_as("clerk")
    upload(clerk, workbook([row[1:] for row in ROWS], header=HEADER[1:]), court)
    page = clerk.get(f"{IMPORT}{latest_import().pk}/").content.decode()
    assert "<td>1</td><td>当事人名称</td><td>表头中没有此列。</td>" in page


def test_a_sheet_over_the_row_limit_is_refused_whole(
    client_as: Callable[[str | None], Client], court: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    clerk = client_as("clerk")
    upload(clerk, workbook(ROWS), court)  # three rows
    page = clerk.get(f"{IMPORT}{latest_import().pk}/").content.decode()
    assert "一张表最多 2 行，请拆分后分别导入。" in page and 'data-testid="import-confirm"' not in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("立案.xlsx", "案号,案由\n（2026）鲁02民初901号,买卖合同纠纷\n".encode()),  # text named .xlsx
        ("立案.xlsx", b"MZ\x90\x00\x03\x00\x00\x00"),  # a program named .xlsx
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_whatever_its_name(
    client_as: Callable[[str | None], Client], court: Any, name: str, content: bytes
) -> None:
    response = upload(client_as("clerk"), content, court, name=name)
    assert response.status_code == 200
    assert "只能导入 Excel 工作簿（.xlsx）。" in response.content.decode()
    assert not CaseImport.objects.exists()


def test_a_second_confirmation_makes_one_import(
    client_as: Callable[[str | None], Client],
    court: Any,
    django_capture_on_commit_callbacks: Any,
    run_worker: Callable[[], None],
) -> None:
    clerk = client_as("clerk")
    upload(clerk, workbook(ROWS), court)
    case_import = latest_import()
    token = once_token(clerk, case_import)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = clerk.post(f"{IMPORT}{case_import.pk}/confirm/", {"_once": token})
        again = clerk.post(f"{IMPORT}{case_import.pk}/confirm/", {"_once": token})  # double click
        other = clerk.post(f"{IMPORT}{case_import.pk}/confirm/")  # a second form, no token
    assert first.status_code == again.status_code == other.status_code == 302
    assert len(callbacks) == 1  # one task queued
    run_worker()
    run_worker()
    assert Case.objects.filter(number="（2026）鲁02民初901号").count() == 1
    assert AuditEntry.objects.filter(action="cases.import.confirm").count() == 1
    assert AuditEntry.objects.filter(action="cases.import.run").count() == 1


def test_a_number_registered_between_preview_and_run_fails_the_import_with_nothing_saved(
    client_as: Callable[[str | None], Client], court: Any, persona: Callable[[str], Any]
) -> None:
    from benchguard.cases import services

    clerk = client_as("clerk")
    upload(clerk, workbook(ROWS), court)
    case_import = services.confirm_import(actor=persona("clerk"), case_import=latest_import())
    number = "（2026）鲁02民终77号"  # registered by hand meanwhile
    services.file_case(
        actor=persona("clerk"), court=court, number=number, cause="手工", filed_on=dt.date(2026, 11, 21)
    )
    assert services.run_import(case_import.pk) == 0
    case_import.refresh_from_db()
    assert case_import.status == ImportStatus.FAILED and "已登记" in case_import.error
    assert not Case.objects.filter(number="（2026）鲁02民初901号").exists()
    assert services.run_import(case_import.pk) == 0  # a repeated task does nothing


def test_the_template_downloads_and_has_no_formulas(client_as: Callable[[str | None], Client]) -> None:
    response = client_as("clerk").get(f"{IMPORT}template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = response.content
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.value for cell in cells[:10]] == TEMPLATE_ORDER
    assert all(cell.data_type != "f" for cell in cells)
    assert [cell.value for cell in cells[15:18]] == ["自然人", "原告", "张三"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("clerk", 200), ("chief", 403), ("office", 403), ("judge", 403), ("judge2", 403), ("outsider", 403)],
)
def test_only_a_filing_clerk_may_upload_or_fetch_the_template(
    client_as: Callable[[str | None], Client], persona: str, status: int
) -> None:
    client = client_as(persona)
    assert client.get(IMPORT).status_code == status
    assert client.get(f"{IMPORT}template.xlsx").status_code == status


def test_another_courts_clerk_cannot_import_here_and_readers_cannot_open_an_import(
    client_as: Callable[[str | None], Client], court: Any, person_of: Callable[[str], Any]
) -> None:
    clerk = client_as("clerk")
    upload(clerk, workbook(ROWS), court)
    case_import = latest_import()
    assert client_as("chief").get(f"{IMPORT}{case_import.pk}/").status_code == 403  # reads the cases
    assert client_as("judge2").get(f"{IMPORT}{case_import.pk}/").status_code == 404  # another court
    assert client_as("chief").post(f"{IMPORT}{case_import.pk}/confirm/").status_code == 403
    shinan = Court.objects.get(pk=person_of("judge2").court_id)  # a court the clerk does not file at
    response = clerk.post(IMPORT, {"court": shinan.pk, "file": SimpleUploadedFile("a.xlsx", workbook(ROWS))})
    assert response.status_code == 200 and CaseImport.objects.count() == 1


def test_the_template_uploaded_as_it_is_reads_without_errors(
    client_as: Callable[[str | None], Client], court: Any
) -> None:
    clerk = client_as("clerk")
    template = clerk.get(f"{IMPORT}template.xlsx").content
    response = upload(clerk, template, court, name="cases-import-template.xlsx")
    assert response.status_code == 302
    assert latest_import().status == ImportStatus.PENDING
    assert latest_import().total == 1


def test_an_import_a_stopped_worker_left_running_is_failed_once_after_two_hours(
    client_as: Callable[[str | None], Client], court: Any, persona: Callable[[str], Any]
) -> None:
    import time_machine
    from django.utils import timezone

    from benchguard.cases import services

    clerk = client_as("clerk")
    upload(clerk, workbook(ROWS), court)
    confirmed_at = timezone.now()
    with time_machine.travel(confirmed_at, tick=False):
        case_import = services.confirm_import(actor=persona("clerk"), case_import=latest_import())
    # The worker was killed: the task never ran, the import says "running".
    stalled = confirmed_at + services.filing.STALLED_AFTER
    with time_machine.travel(stalled - dt.timedelta(minutes=1), tick=False):
        assert services.sweep_stalled_imports() == 0
    with time_machine.travel(stalled, tick=False):
        assert services.sweep_stalled_imports() == 1
        assert services.sweep_stalled_imports() == 0
    case_import.refresh_from_db()
    assert case_import.status == ImportStatus.FAILED and "重新上传" in case_import.error
    assert case_import.content == ""
    assert services.run_import(case_import.pk) == 0  # a late task does nothing
    assert not Case.objects.filter(number="（2026）鲁02民初901号").exists()
