"""A threat against a judge recorded in a real browser, in Chinese (A8): the judge reports
it, a refused field keeps the input; the judicial police plan protective measures and
ask the police to act; the measure's owner sees it on the home page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_a_threat_is_recorded_with_its_protective_measures(demo: Any, open_page: OpenPage) -> None:
    from benchguard.incidents.models import Incident
    from benchguard.liaison.models import Agency

    password = demo.DEMO_PASSWORD
    judge = signed_in(open_page, "judge", password)
    page = judge.page
    page.locator('nav [data-nav="incidents"]').click()
    page.get_by_role("link", name="报告事件").click()
    page.get_by_role("link", name="法官受到恐吓威胁、滋事骚扰（第八条）").click()
    when = (timezone.localtime() - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    page.select_option("select[name=nature]", "stalking")
    page.fill("input[name=occurred_at]", when)
    page.fill("textarea[name=description]", "下班途中被一名男子骑电动车尾随至小区门口。")
    page.fill("input[name=case_number]", "（2026）鲁02民终3456号")
    # The protected judge is left out: refused next to the field, the input kept.
    page.click("main button[type=submit]")
    expect(page.locator('[data-field-error="targets"]')).to_be_visible()
    expect(page.locator('[data-field-error="place"]')).to_be_visible()
    expect(page.locator("textarea[name=description]")).to_have_value(
        "下班途中被一名男子骑电动车尾随至小区门口。"
    )
    page.select_option("select[name=targets]", label="王立明")
    page.fill("input[name=place]", "法官住所附近")
    page.click("main button[type=submit]")
    expect(page.locator('[data-testid="status"]')).to_have_text("处理中")
    expect(page.locator('[data-testid="targets"]')).to_have_text("王立明")
    incident_url = page.url
    judge.screenshot("incidents-judge-reported")
    judge.assert_self_contained()

    police = signed_in(open_page, "police", password)
    pp = police.page
    pp.goto(incident_url)
    pp.locator('[data-testid="measure-form"]').locator("xpath=..").locator("summary").click()
    form = pp.locator('[data-testid="measure-form"]')
    form.locator("select[name=kind]").select_option("escort")
    form.locator("textarea[name=description]").fill("上下班由司法警察护送两周。")
    form.locator("select[name=owner]").select_option(label="马军")
    # A due date in the past is refused, the rest kept.
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    form.locator("input[name=due_date]").fill(yesterday)
    form.locator("button[type=submit]").click()
    expect(pp.locator('[data-testid="measure-form"] [data-field-error="due_date"]')).to_be_visible()
    form = pp.locator('[data-testid="measure-form"]')
    expect(form.locator("textarea[name=description]")).to_have_value("上下班由司法警察护送两周。")
    form.locator("input[name=due_date]").fill((timezone.localdate() + dt.timedelta(days=14)).isoformat())
    form.locator("button[type=submit]").click()
    expect(pp.locator('[data-testid="measures"]')).to_contain_text("上下班由司法警察护送两周。")
    expect(pp.locator('[data-testid="measures"]')).to_contain_text("已计划")

    # The request to the police is one of the liaison register's (A19), offered on the
    # incident's page by the piece the register serves there.
    pp.locator('[data-testid="send-to-police"]').click()
    expect(pp.locator("select[name=agency]")).to_have_value(
        str(Agency.objects.get(court__division_code="370200", name="青岛市公安局").pk)
    )
    pp.fill("textarea[name=request_text]", "请依法查处尾随法官行为。")
    pp.fill("input[name=answer_by]", (timezone.localdate() + dt.timedelta(days=7)).isoformat())
    pp.locator("main form[method=post] button[type=submit]").click()
    expect(pp.locator('[data-testid="liaison-requests"]')).to_contain_text("青岛市公安局")
    expect(pp.locator('[data-testid="liaison-requests"]')).to_contain_text("请依法查处尾随法官行为。")
    police.screenshot("incidents-police-measures")

    incident = Incident.objects.get(case_number="（2026）鲁02民终3456号")
    assert incident.kind == "threat" and incident.nature == "stalking"
    assert [p.name for p in incident.targets.all()] == ["王立明"]
    assert incident.measures.get().owner.name == "马军"
    assert incident.liaison_requests.get().answer == ""

    # The owner of the measure (the officer) finds it waiting on the home page.
    pp.goto("/")
    expect(pp.locator('[data-testid="incidents-waiting"]')).to_contain_text("护送")
