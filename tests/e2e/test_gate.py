"""The gatehouse desk in a real browser, in Chinese (A12.2): a guard registers a visitor
with the keyboard alone (as an ID-card reader types), the host confirms, the visitor
leaves; a visitor on the controlled list goes on hold and a judicial police officer
decides."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, WatchedPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def _type_visitor(
    watched: WatchedPage, *, number: str, name: str, host: str, purpose: str, slot: str
) -> None:
    """Keyboard only: the number field has the focus when the desk opens."""
    keyboard = watched.page.keyboard
    expect(watched.page.locator("input[name=document_number]")).to_be_focused()
    keyboard.type(number)
    keyboard.press("Enter")  # as a card reader ends the number: on to the name, nothing sent
    expect(watched.page.locator("input[name=visitor_name]")).to_be_focused()
    keyboard.type(name)
    keyboard.press("Tab")  # the document type stays 居民身份证
    keyboard.press("Tab")
    keyboard.type(host)
    keyboard.press("Tab")
    keyboard.type(purpose)
    keyboard.press("Tab")
    keyboard.type(slot)
    keyboard.press("Enter")


def test_a_guard_registers_by_keyboard_and_the_police_decide_on_a_hit(demo: Any, open_page: OpenPage) -> None:
    from benchguard.gate.models import Visit
    from benchguard.organization.demo import demo_id_number

    password = demo.DEMO_PASSWORD
    guard = signed_in(open_page, "guard", password)
    page = guard.page
    page.locator('nav [data-nav="gate"]').click()
    visitor_id = demo_id_number("19880808", "246")
    _type_visitor(guard, number=visitor_id, name="孙晓梅", host="wlm", purpose="递交证据材料", slot="K1")
    expect(page.locator(".alert-success")).to_contain_text("孙晓梅")
    row = page.locator('[data-testid="visits"] tr', has_text="孙晓梅")
    expect(row).to_contain_text("等待被访人确认")
    expect(page.locator('[data-testid="held"]')).to_contain_text("K1")
    guard.screenshot("gate-desk-registered")
    guard.assert_self_contained()

    # The host confirms from the home page; the visitor is admitted and leaves.
    judge = signed_in(open_page, "judge", password)
    judge.page.locator('[data-testid="my-visitors"] button[type=submit]').first.click()
    expect(judge.page.locator(".alert-success")).to_be_visible()
    page.reload()
    row = page.locator('[data-testid="visits"] tr', has_text="孙晓梅")
    expect(row).to_contain_text("已入内")
    row.locator('[data-testid="check-out"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="visits"] tr', has_text="孙晓梅")).to_contain_text("已离开")
    expect(page.locator('[data-testid="held"]')).not_to_contain_text("K1")

    # 单立新 is on the controlled list: the desk says only to hold and call the police.
    shan_id = demo_id_number("19750308", "031")
    _type_visitor(guard, number=shan_id, name="单立新", host="wlm", purpose="找法官", slot="K2")
    expect(page.locator(".alert-danger")).to_contain_text("不得放行")
    expect(page.locator('[data-testid="visits"] tr', has_text="单立新")).to_contain_text("不得放行")
    assert "persons-of-concern" not in page.content()  # the guard never sees the list
    guard.screenshot("gate-desk-hold")

    police = signed_in(open_page, "police", password)
    pp = police.page
    pp.goto("/gate/holds/")
    card = pp.locator("[data-hold]", has_text="单立新")
    expect(card).to_contain_text("单立新")
    card.locator("select[name=decision]").select_option("refuse")
    card.locator("textarea[name=reason]").fill("管控名单在列，拒绝入内。")
    card.locator("button[type=submit]").click()
    expect(pp.locator('[data-testid="no-holds"]')).to_be_visible()
    police.screenshot("gate-police-decided")

    visit = Visit.objects.filter(visitor_name="单立新").latest("arrived_at")  # today's, not the demo's
    assert visit.status == "closed" and visit.decision.decision == "refuse"
    assert visit.deposit.returned_at is not None and visit.deposit.returned_how == "closed"
    first = Visit.objects.get(visitor_name="孙晓梅")
    assert first.status == "departed" and first.confirmed_via == "system"
