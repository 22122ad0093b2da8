"""The interference register in a real browser, in Chinese (issue 13; A7.1): a judge
records an attempt to influence a case — a phone call from an official, with what was
asked and what the judge answered — and the entry is shown as recorded, permanent; the
trial-management office, which keeps the register, finds the quarter's zero report on
its workbench, opens it, and signs and submits it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_a_judge_records_an_attempt_and_the_keeper_submits_the_quarters_report(
    demo: Any, open_page: OpenPage
) -> None:
    from benchguard.interference.choices import ReportStatus
    from benchguard.interference.models import Entry, QuarterReport

    password = demo.DEMO_PASSWORD
    judge = signed_in(open_page, "judge", password)
    page = judge.page
    page.locator('nav [data-nav="interference"]').click()
    page.locator('a[href$="/interference/record/"]').click()
    page.select_option("select[name=source_kind]", "leading_cadre")
    page.fill("input[name=person_name]", "胡某某")
    page.fill("input[name=person_unit]", "某县人民政府")
    page.fill("input[name=person_post]", "副县长")
    page.fill("input[name=person_contact]", "138 0000 1234")
    # Two hours ago, not "today 09:30": before 09:30 that would be in the future, refused.
    earlier = timezone.localtime() - dt.timedelta(hours=2)
    page.fill("input[name=occurred_at]", earlier.strftime("%Y-%m-%dT%H:%M"))
    page.select_option("select[name=way]", "phone")
    page.fill("textarea[name=request]", "来电询问土地纠纷案，希望“考虑地方发展大局”")
    page.fill("input[name=case_number]", "（2026）鲁02民终321号")
    page.select_option("select[name=stage]", "trial")
    page.fill("textarea[name=response]", "告知其案件依法审理，不接受案外意见")
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-testid="who"]')).to_contain_text("胡某某")
    expect(page.locator('[data-testid="entry"]')).to_contain_text("（2026）鲁02民终321号")
    judge.screenshot("interference-entry")
    judge.assert_self_contained()
    entry = Entry.objects.get(person_name="胡某某")
    assert entry.recorded_by.username == "judge" and not entry.by_supervisor

    # The keeper signs and submits the last quarter's zero report from the workbench.
    keeper = signed_in(open_page, "trialmgmt", password)
    pending = keeper.page.locator('[data-testid="pending-reports"]')
    zero = QuarterReport.objects.filter(court=entry.court).order_by("year", "quarter").last()
    assert zero is not None and zero.is_zero
    pending.locator(f'a[href$="/interference/reports/{zero.pk}/"]').click()
    expect(keeper.page.locator('[data-testid="zero-text"]')).to_be_visible()
    keeper.page.locator(f'form[action$="/reports/{zero.pk}/submit/"] button[type=submit]').click()
    expect(keeper.page.locator(".alert-success")).to_be_visible()
    expect(keeper.page.locator(f'form[action$="/reports/{zero.pk}/submit/"]')).to_have_count(0)
    keeper.screenshot("interference-zero-report")
    keeper.assert_self_contained()
    zero.refresh_from_db()
    assert zero.status == ReportStatus.SUBMITTED and zero.submitted_by is not None


def test_the_quarters_report_prints_without_the_menu_with_its_signature_block(
    demo: Any, open_page: OpenPage
) -> None:
    """The keeper opens the quarter's report and prints it: in print the menu, the
    badges and the buttons are gone, the status is written out and the signature block
    (keeper, leader, dates) appears; the print button opens the browser's print."""
    from benchguard.interference.models import QuarterReport
    from benchguard.organization.models import Court

    keeper = signed_in(open_page, "trialmgmt", demo.DEMO_PASSWORD)
    court = Court.objects.get(division_code="370200")
    zero = QuarterReport.objects.filter(court=court).order_by("year", "quarter").last()
    assert zero is not None
    page = keeper.page
    page.goto(f"/interference/reports/{zero.pk}/")
    signature = page.locator('[data-testid="signature"]')
    expect(signature).to_be_hidden()
    page.evaluate("window.print = () => { document.body.dataset.printed = 'yes'; }")
    page.locator('[data-testid="print"]').click()
    expect(page.locator("body")).to_have_attribute("data-printed", "yes")
    page.emulate_media(media="print")
    expect(page.locator("body > nav.navbar")).to_be_hidden()
    expect(page.locator('[data-testid="print"]')).to_be_hidden()
    expect(page.locator('[data-testid="status"]')).to_be_hidden()
    expect(page.locator('[data-testid="status-text"]')).to_be_visible()
    expect(signature).to_be_visible()
    keeper.screenshot("interference-report-print")
    keeper.assert_self_contained()
