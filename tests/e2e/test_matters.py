"""A judge's application walked through in a real browser, in Chinese: the judge applies
online, the office accepts, the chair decides, the office feeds back, the judge reads
the result (A26)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from benchguard.core import deadlines
from tests.e2e.conftest import OpenPage, WatchedPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def _submit(watched: WatchedPage, action: str) -> None:
    watched.page.locator(f'[data-action="{action}"] button[type=submit]').click()


def test_an_application_from_the_online_form_to_the_feedback(demo: Any, open_page: OpenPage) -> None:
    password = demo.DEMO_PASSWORD

    judge = signed_in(open_page, "judge", password)
    page = judge.page
    page.locator('nav [data-nav="matters"]').click()
    page.get_by_role("link", name="申请权益保障").click()
    page.select_option("select[name=subject]", "threat")
    page.fill("textarea[name=facts]", "宣判后当事人多次在法院门口拦截，并电话威胁。")
    page.fill("input[name=infringer]", "当事人某某")
    page.fill("textarea[name=request]", "请求委员会协调公安机关依法处理。")
    # Leaving out the A26.1 precondition is refused next to the field, input kept.
    page.click("main button[type=submit]")
    expect(page.locator('[data-field-error="department_response"]')).to_be_visible()
    expect(page.locator("textarea[name=facts]")).to_have_value("宣判后当事人多次在法院门口拦截，并电话威胁。")
    page.fill("input[name=reported_to_department_on]", timezone.localdate().isoformat())
    page.fill("textarea[name=department_response]", "庭里已批评教育，但骚扰仍在继续。")
    page.click("main button[type=submit]")
    expect(page.locator("main h1")).to_contain_text("权保〔")
    number = page.locator("main h1").inner_text()
    matter_url = page.url
    expect(page.locator('[data-testid="status"]')).to_have_text("待受理")
    judge.screenshot("matters-judge-applied")
    judge.assert_self_contained()

    office = signed_in(open_page, "office", password)
    office.page.goto(matter_url)
    _submit(office, "accept")
    expect(office.page.locator('[data-testid="status"]')).to_have_text("办理中")
    # The browser runs on the real clock: the due date is today's acceptance + 30 days by
    # the rule that tests/test_time_limit.py checks by hand around the holidays.
    due = deadlines.due_date(timezone.localdate(), 30).isoformat()
    expect(office.page.locator('[data-testid="due"]')).to_contain_text(due)
    office.screenshot("matters-office-accepted")

    chair = signed_in(open_page, "chair", password)
    chair.page.goto(matter_url)
    chair.page.select_option('[data-action="decide"] select[name=basis]', "chair")
    chair.page.fill('[data-action="decide"] textarea[name=findings]', "经调查，反映情况属实。")
    chair.page.fill(
        '[data-action="decide"] textarea[name=handling_opinion]', "协调公安机关依法处理，并通报法官所在部门。"
    )
    _submit(chair, "decide")
    expect(chair.page.locator('[data-testid="status"]')).to_have_text("已作出处理决定")

    office.page.goto(matter_url)
    office.page.select_option('[data-action="feedback"] select[name=channel]', "written")
    _submit(office, "feedback")
    expect(office.page.locator('[data-testid="status"]')).to_have_text("已反馈")

    page.goto(matter_url)
    expect(page.locator("main")).to_contain_text("协调公安机关依法处理，并通报法官所在部门。")
    expect(page.locator('[data-testid="timeline"]')).to_contain_text("已受理")
    page.get_by_role("link", name="反馈函").click()
    expect(page.locator("body")).to_contain_text(number)
    judge.screenshot("matters-judge-feedback-letter")
    for watched in (judge, office, chair):
        watched.assert_self_contained()
