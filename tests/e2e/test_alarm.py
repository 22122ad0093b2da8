"""The one-press alarm in two real browsers, in Chinese (issue 15 part 5; A8, A9.3, A12):
the judicial police officer 马军 leaves the officers' screen open; the judge 王立明
presses the alarm on his phone; the alarm appears on the officer's screen by itself
(the page is never reloaded), the officer takes it on, and the judge's page shows who
is coming, again without a reload."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TABLET, OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_a_press_in_one_browser_arrives_in_another(demo: Any, open_page: OpenPage) -> None:
    password = demo.DEMO_PASSWORD

    police = signed_in(open_page, "police", password)
    police.page.goto("/alarm/board/")
    expect(police.page.locator('[data-testid="no-alarms"]')).to_be_visible()
    police.page.evaluate("window.__notReloaded = true")

    judge = open_page(TABLET)  # a portrait screen: the phone's page
    judge.login("judge", password)
    expect(judge.page.locator("main h1")).to_contain_text("工作台")
    judge.page.goto("/alarm/")
    judge.page.fill('[data-testid="alarm-place"]', "城阳区执行现场")
    judge.page.locator('[data-testid="alarm-button"]').click()
    expect(judge.page.locator('[data-testid="alarm-status"]')).to_be_visible()
    expect(judge.page.locator('[data-testid="acknowledged"]')).to_have_text("—")
    judge.screenshot("alarm-pressed")

    # Within a poll or two, without a reload, the officer's screen shows it.
    card = police.page.locator('[data-testid="alarm"]')
    expect(card).to_contain_text("城阳区执行现场", timeout=10_000)
    expect(card).to_contain_text("王立明")
    assert police.page.evaluate("window.__notReloaded === true")
    police.screenshot("alarm-on-the-officers-screen")
    police.assert_self_contained()
    card.locator('[data-testid="acknowledge"]').click()
    expect(police.page.locator('[data-testid="acknowledged"]')).to_contain_text("马军")
    expect(police.page.locator('[data-testid="arrive"]')).to_be_visible()

    # The judge's page says who is coming, by itself.
    expect(judge.page.locator('[data-testid="acknowledged"]')).to_contain_text("马军", timeout=10_000)
    judge.assert_self_contained()

    # The officer arrives; the alarm opened a threat incident for the judge.
    police.page.locator('[data-testid="arrive"]').click()
    expect(police.page.locator('[data-testid="arrived"]')).to_contain_text("马军")
    police.page.locator('[data-testid="incident"]').click()
    expect(police.page.locator("main")).to_contain_text("城阳区执行现场")
