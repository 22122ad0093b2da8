"""A double click in a real browser sends a form once (issue 9, point 3): the judge's
online application and the guard's check-in at the desk each make one record, and
going Back and sending the application again lands on the first one's page; going
Back to the desk and registering the next visitor registers them."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_a_double_clicked_application_is_one_matter_even_after_back(demo: Any, open_page: OpenPage) -> None:
    from benchguard.matters.models import Matter

    judge = signed_in(open_page, "judge", demo.DEMO_PASSWORD)
    page = judge.page
    page.goto("/matters/apply/")
    facts = "开庭后当事人在停车场拦住法官车辆，双击提交测试。"
    page.select_option("select[name=subject]", "threat")
    page.fill("textarea[name=facts]", facts)
    page.fill("input[name=infringer]", "当事人某某")
    page.fill("textarea[name=request]", "请求委员会协调处理。")
    page.fill("input[name=reported_to_department_on]", timezone.localdate().isoformat())
    page.fill("textarea[name=department_response]", "庭里已处理，但仍在继续。")
    token = page.locator("input[name=_once]").input_value()
    page.locator("main button[type=submit]").dblclick()
    expect(page.locator("main h1")).to_contain_text("权保〔")
    matter_url = page.url
    assert Matter.objects.filter(facts=facts).count() == 1

    # Back to the filled-in form and send it again: the first matter's page, no second.
    page.go_back()
    expect(page.locator("textarea[name=facts]")).to_have_value(facts)
    assert page.locator("input[name=_once]").input_value() == token
    page.locator("main button[type=submit]").click()
    expect(page.locator(".alert-info")).to_contain_text("已经提交过")
    assert page.url == matter_url
    assert Matter.objects.filter(facts=facts).count() == 1
    judge.screenshot("once-application-resubmitted")
    judge.assert_self_contained()


def _fill_desk(page: Page, *, number: str, name: str, slot: str) -> None:
    """The desk's form filled in for a visitor who brings documents for 王立明 (wlm)."""
    page.fill("input[name=document_number]", number)
    page.fill("input[name=visitor_name]", name)
    page.fill("input[name=host_query]", "wlm")
    page.fill("input[name=purpose]", "递交材料")
    page.fill("input[name=slot]", slot)


def test_a_double_clicked_check_in_is_one_visit(demo: Any, open_page: OpenPage) -> None:
    from benchguard.gate.models import Visit
    from benchguard.organization.demo import demo_id_number

    guard = signed_in(open_page, "guard", demo.DEMO_PASSWORD)
    page = guard.page
    page.locator('nav [data-nav="gate"]').click()
    _fill_desk(page, number=demo_id_number("19900101", "357"), name="双击测", slot="K7")
    page.locator("form[data-enter-advances] button[type=submit]").dblclick()
    expect(page.locator(".alert-success")).to_contain_text("双击测")
    expect(page.locator('[data-testid="visits"] tr', has_text="双击测")).to_have_count(1)
    assert Visit.objects.filter(visitor_name="双击测").count() == 1

    # The guard opens that visit, goes Back to the desk and registers the next visitor:
    # the desk's form must not get the sent token back (kept by address, it could be,
    # when the browser fetches the page anew, and the next check-in would be dropped).
    page.locator('[data-testid="visits"] a', has_text="双击测").click()
    expect(page.locator("main h1")).to_be_visible()
    page.go_back()
    expect(page.locator("input[name=document_number]")).to_be_visible()
    _fill_desk(page, number=demo_id_number("19900102", "358"), name="下一位", slot="K8")
    page.locator("form[data-enter-advances] button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("下一位")
    assert Visit.objects.filter(visitor_name="下一位").count() == 1
    guard.assert_self_contained()
