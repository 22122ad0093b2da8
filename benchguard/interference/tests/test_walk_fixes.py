"""Defects a browser walk of the demo found in the interference area (A7): the judge
pickers, the rights category in English, the contact field, the quarter report's print
and Excel, the entries recorded late and the judge's personnel page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from benchguard.core.models import AuditEntry
from benchguard.interference import services
from benchguard.interference.choices import ReportStatus
from benchguard.interference.models import Entry, QuarterReport
from benchguard.interference.tests.conftest import entry_fields
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Account, Court, Person

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _choices(page: Any, field: str) -> list[Person]:
    return list(page.context["form"].fields[field].queryset)


def test_the_judge_pickers_offer_judges_only_by_pinyin(
    client_as: Callable[[str | None], Client], persona: Any, person_of: Any
) -> None:
    recorded = client_as("chief").get(reverse("interference:entry_record"))
    personnel = client_as("personnel").get(reverse("interference:action_record"))
    for offered in (_choices(recorded, "judge"), _choices(personnel, "judge")):
        names = {person.name for person in offered}
        assert {person_of(name).name for name in ("judge", "chief", "staff")} <= names
        for staff in ("guard", "police", "admin", "counsellor", "trialmgmt", "personnel"):
            assert person_of(staff).name not in names, staff
        assert {person.category for person in offered} == {
            PersonCategory.QUOTA_JUDGE,
            PersonCategory.SUPPORT_STAFF,
        }
        pinyin = [(person.name_pinyin, person.pk) for person in offered]
        assert pinyin == sorted(pinyin)


def test_the_services_refuse_a_person_who_is_not_a_judge(persona: Any, person_of: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.record_entry(actor=persona("chief"), judge=person_of("guard"), **entry_fields())
    assert "judge" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.record_action(
            actor=persona("personnel"),
            judge=person_of("police"),
            kind="transfer",
            ground="《法官法》",
            procedure="党组会研究",
            decided_on=timezone.localdate(),
        )
    assert "judge" in refused.value.message_dict


def test_the_entry_page_shows_the_rights_category_in_the_readers_language(
    record: Callable[..., Entry], client_as: Callable[[str | None], Client]
) -> None:
    entry = record()
    url = reverse("interference:entry_detail", args=[entry.pk])
    chinese = client_as("judge").get(url).content.decode()
    Account.objects.filter(username="judge").update(language="en")
    english = client_as("judge").get(url).content.decode()
    assert entry.right.label_en and entry.right.label_en in english
    assert f'data-testid="right">{entry.right.label_en}<' in english
    assert f'data-testid="right">{entry.right.label}<' in chinese


def test_whoever_opens_the_personnel_actions_has_a_menu_entry_to_them(
    client_as: Callable[[str | None], Client],
) -> None:
    """The demo records an action concerning 王立明: he reads it (A7.2) and finds it in the
    menu under his own entry; the office and the committee keep theirs; the others neither."""
    url = reverse("interference:action_list")
    for username, key in (
        ("judge", "interference-personnel-mine"),
        ("personnel", "interference-personnel"),
        ("office", "interference-personnel"),
    ):
        client = client_as(username)
        assert client.get(url).status_code == 200, username
        home = client.get("/").content.decode()
        assert f'data-nav="{key}"' in home, username
        assert home.count('data-nav="interference-personnel') == 1, username
    for username in ("judge2", "guard"):
        client = client_as(username)
        assert client.get(url).status_code == 403, username
        assert 'data-nav="interference-personnel' not in client.get("/").content.decode(), username


def test_the_contact_of_the_person_is_free_text_and_the_form_says_so(
    record: Callable[..., Entry], persona: Any
) -> None:
    from benchguard.interference.forms import EntryForm

    field = EntryForm(judges=Person.objects.none()).fields["person_contact"]
    with translation.override("en"):
        assert "WeChat" in str(field.help_text) and "phone" in str(field.help_text)
    assert field.clean("微信 abc_123") == "微信 abc_123"
    entry = record(person_contact="某局办公室")
    assert Entry.objects.get(pk=entry.pk).person_contact == "某局办公室"


def _sheet_rows(content: bytes) -> list[tuple[Any, ...]]:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    return [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]


def _zero_report(court: Court) -> QuarterReport:
    report = QuarterReport.objects.filter(court=court).order_by("year", "quarter").last()
    assert report is not None and report.is_zero and report.status == ReportStatus.DRAFT
    return report


def test_a_zero_reports_excel_says_what_it_is_court_quarter_status_signature(
    court: Court, persona: Any, client_as: Callable[[str | None], Client]
) -> None:
    report = _zero_report(court)
    keeper = client_as("trialmgmt")
    url = reverse("interference:report_export", args=[report.pk])
    rows = _sheet_rows(keeper.get(url).content)
    cells = [cell for row in rows for cell in row if cell is not None]
    first, last = report.period
    assert court.name in cells
    assert dt.datetime.combine(first, dt.time.min) in cells  # the period, typed as dates
    assert dt.datetime.combine(last, dt.time.min) in cells
    assert "草稿" in cells or report.get_status_display() in cells
    assert "本季度无登记，零报告" in cells or "Nothing was recorded this quarter: zero report" in cells
    assert any(isinstance(cell, dt.datetime) and cell.date() == timezone.localdate() for cell in cells)
    header = next(index for index, row in enumerate(rows) if row and row[0] in ("entry number", "登记编号"))
    assert header > 5 and len(rows) == header + 1  # the heading above, no entry below
    services.submit_report(actor=persona("trialmgmt"), report=report, expected_version=report.version)
    cells = [cell for row in _sheet_rows(keeper.get(url).content) for cell in row if cell is not None]
    assert "钱晓红" in cells
    assert not any(isinstance(cell, str) and cell.startswith("=") for cell in cells)


def test_the_report_prints_without_the_menu_with_a_print_button_and_a_signature_block(
    court: Court, client_as: Callable[[str | None], Client]
) -> None:
    from django.contrib.staticfiles import finders

    report = _zero_report(court)
    page = (
        client_as("trialmgmt").get(reverse("interference:report_detail", args=[report.pk])).content.decode()
    )
    assert 'data-testid="print"' in page and "data-print" in page
    assert "interference/report.css" in page and "interference/report.js" in page
    assert 'data-testid="signature"' in page
    assert 'class="badge text-bg-info d-print-none" data-testid="status"' in page
    assert 'data-testid="status-text"' in page
    css = finders.find("interference/report.css")
    assert css is not None
    assert "nav.navbar" in open(css, encoding="utf-8").read()  # noqa: SIM115
    assert finders.find("interference/report.js") is not None


def _next_quarter_start(after: dt.datetime) -> dt.datetime:
    local = timezone.localtime(after)
    month = 3 * ((local.month - 1) // 3) + 4
    year = local.year + (month > 12)
    return dt.datetime(year, (month - 1) % 12 + 1, 1, 2, 0, tzinfo=SHANGHAI)


def test_an_entry_recorded_after_its_quarters_report_warns_the_keeper_and_is_listed_late_next_quarter(
    court: Court,
    persona: Any,
    record: Callable[..., Entry],
    client_as: Callable[[str | None], Client],
) -> None:
    last = Entry.objects.order_by("-recorded_at").first()
    assert last is not None
    start = _next_quarter_start(last.recorded_at)  # 02:00 on the quarter's first day
    with time_machine.travel(start - dt.timedelta(hours=1), tick=False):  # before the job ran
        night = record(occurred_at=start - dt.timedelta(hours=3))
    with time_machine.travel(start, tick=False):
        services.prepare_reports()
        year, quarter = services.reports.previous_quarter(timezone.localdate())
        report = QuarterReport.objects.get(court=court, year=year, quarter=quarter)
    counted = report.entry_count
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        late = record(occurred_at=start - dt.timedelta(days=20))
        keeper = client_as("trialmgmt")
        page = keeper.get(reverse("interference:report_detail", args=[report.pk])).content.decode()
        warning = page.split('data-testid="happened-since"', 1)[1].split("</div>", 1)[0]
        assert late.number in warning and night.number in warning
        assert 'name="seen_late"' in page
        keeper.post(reverse("interference:report_submit", args=[report.pk]), {"version": report.version})
        report.refresh_from_db()
        assert report.status == ReportStatus.DRAFT  # not signed without the confirmation
        with pytest.raises(ValidationError) as refused:
            services.submit_report(actor=persona("trialmgmt"), report=report, expected_version=report.version)
        assert refused.value.code == "late_unconfirmed"
        keeper.post(
            reverse("interference:report_submit", args=[report.pk]),
            {"version": report.version, "seen_late": "on"},
        )
        report.refresh_from_db()
        assert report.status == ReportStatus.SUBMITTED
        assert report.entry_count == counted  # counted by when it was recorded: next quarter
        line = AuditEntry.objects.filter(action="interference.report.submit", object_id=str(report.pk)).get()
        assert late.number in str(line.data)
    following = _next_quarter_start(start)
    with time_machine.travel(following, tick=False):
        services.prepare_reports()
        year, quarter = services.reports.previous_quarter(timezone.localdate())
        nxt = QuarterReport.objects.get(court=court, year=year, quarter=quarter)
        assert nxt.entry_count == 2
        keeper = client_as("trialmgmt")
        page = keeper.get(reverse("interference:report_detail", args=[nxt.pk])).content.decode()
        section = page.split('data-testid="recorded-late"', 1)[1]
        assert late.number in section and night.number in section
        rows = _sheet_rows(keeper.get(reverse("interference:report_export", args=[nxt.pk])).content)
        heading = [row for row in rows if len(row) > 2 and row[1] == 2 and isinstance(row[2], str)]
        assert heading and late.number in heading[0][2] and night.number in heading[0][2]
        marked = [row for row in rows if row[0] in (late.number, night.number)]
        assert len(marked) == 2 and all(("Yes" in row) or ("是" in row) for row in marked)


def test_the_api_answers_an_invisible_entry_404_in_the_callers_language(
    record: Callable[..., Entry], client_as: Callable[[str | None], Client]
) -> None:
    entry = record()
    client = client_as("judge2")
    url = reverse("api-interference-entry-detail", args=[entry.pk])
    answer = client.get(url)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "未找到。"}
    assert (
        client.get(url + "?x=1").json()
        == client.get(reverse("api-interference-entry-detail", args=[10**9])).json()
    )  # an invisible entry and a missing one answer alike


def test_a_matter_opened_from_an_entry_names_it_only_to_who_may_open_it(
    record: Callable[..., Entry], persona: Any, client_as: Callable[[str | None], Client]
) -> None:
    from benchguard.matters import sources

    entry = record()
    services.refer_entry(actor=persona("judge"), entry=entry, note="请委员会关注")
    matter = services.open_matter(actor=persona("office"), entry=entry)
    entry_url = reverse("interference:entry_detail", args=[entry.pk])
    matter_url = reverse("matters:detail", args=[matter.pk])
    shown, hidden = [], []
    for username in ("office", "judge", "chair", "member", "vicechair", "leader", "chief"):
        client = client_as(username)
        page = client.get(matter_url)
        if page.status_code != 200:
            continue
        source = page.content.decode().split('data-testid="source"', 1)[1].split("</dd>", 1)[0]
        assert f"#{entry.pk}" not in source, username  # never the raw id
        if client.get(entry_url).status_code == 200:
            assert f'href="{entry_url}"' in source and entry.number in source, username
            shown.append(username)
        else:
            assert "href" not in source and entry.number not in source, username
            hidden.append(username)
    assert "office" in shown and "judge" in shown
    link = sources.source_of(matter, persona("office"))
    assert link is not None and link.name == entry.number
    for closed in ("member", "judge2", "admin"):  # the entry is closed to them
        assert client_as(closed).get(entry_url).status_code == 404
        link = sources.source_of(matter, persona(closed))
        assert link is not None and (link.url, link.name) == ("", ""), closed


def test_the_reports_counts_by_right_read_in_the_readers_language(
    court: Court, persona: Any, client_as: Callable[[str | None], Client]
) -> None:
    last = Entry.objects.order_by("-recorded_at").first()
    assert last is not None
    with time_machine.travel(_next_quarter_start(last.recorded_at), tick=False):
        services.prepare_reports()
        year, quarter = services.reports.previous_quarter(timezone.localdate())
        report = QuarterReport.objects.get(court=court, year=year, quarter=quarter)
        report = services.submit_report(
            actor=persona("trialmgmt"), report=report, expected_version=report.version
        )
    right = last.right
    url = reverse("interference:report_detail", args=[report.pk])
    Account.objects.filter(username="inspector").update(language="en")
    english = client_as("inspector").get(url).content.decode().split('data-testid="by-right"', 1)[1]
    assert f"{right.label_en}: {report.entry_count}" in english and right.label not in english
