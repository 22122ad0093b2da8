"""A risky case from filing to the gate in a real browser, in Chinese (issue 12; A14,
A16): the filing clerk registers a case with the risk checklist ticked and adds its
party; the judge in charge sees the alert and acknowledges it; the division chief sets
the level at 重大, which holds the case at filing until a plan is approved; when the
party arrives at the gatehouse the guard is told only to let the police see them, and
the judge and the judicial police on duty are told at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, signed_in
from tests.e2e.test_gate import _type_visitor

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_flag_alert_acknowledgement_and_the_partys_arrival(demo: Any, open_page: OpenPage) -> None:
    from benchguard.cases.models import Case
    from benchguard.organization.demo import demo_id_number

    password = demo.DEMO_PASSWORD
    number = f"（{timezone.localdate().year}）鲁02民初1777号"
    party_id = demo_id_number("19790214", "275")

    # The filing clerk registers the case, ticks 有信访苗头 and says why.
    clerk = signed_in(open_page, "clerk", password)
    page = clerk.page
    page.locator('nav [data-nav="cases"]').click()
    page.locator('a[href$="/cases/file/"]').click()
    page.fill("input[name=number]", number)
    page.fill("input[name=cause]", "房屋买卖合同纠纷")
    page.fill("input[name=filed_on]", timezone.localdate().isoformat())
    page.select_option("select[name=division]", label="民事审判第一庭")
    page.select_option("select[name=judge]", label="王立明")
    page.get_by_label("有信访苗头").check()
    page.fill("textarea[name=risk_reason]", "原告多次扬言到院聚集")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main h1")).to_contain_text(number)
    expect(page.locator('[data-testid="risk-flags"]')).to_contain_text("有信访苗头")
    page.locator('a[href$="/parties/add/"]').click()
    page.select_option("select[name=kind]", "person")
    page.select_option("select[name=role]", "plaintiff")
    page.fill("input[name=name]", "祁振华")
    page.select_option("select[name=document_kind]", "resident_id")
    page.fill("input[name=document_number]", party_id)
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-testid="parties"]')).to_contain_text("祁振华")
    clerk.screenshot("case-flagged")
    clerk.assert_self_contained()
    case = Case.objects.get(number=number)

    # The judge in charge sees the alert and acknowledges it, once.
    judge = signed_in(open_page, "judge", password)
    judge.page.goto(f"/cases/{case.pk}/")
    alerts = judge.page.locator('[data-testid="alerts"]')
    expect(alerts).to_contain_text("承办法官")
    alerts.locator("button[type=submit]").first.click()
    expect(judge.page.locator(".alert-success")).to_be_visible()
    expect(judge.page.locator('[data-testid="alerts"] button[type=submit]')).to_have_count(0)

    # The chief sets 重大: the case now needs an approved plan before it moves on.
    chief = signed_in(open_page, "chief", password)
    chief.page.goto(f"/cases/{case.pk}/")
    chief.page.locator(f'a[href$="/cases/{case.pk}/risk/level/"]').click()
    chief.page.select_option("select[name=level]", label="重大")
    chief.page.fill("textarea[name=reason]", "涉众，有聚集苗头")
    chief.page.locator("main form button[type=submit]").click()
    expect(chief.page.locator('[data-testid="risk-level"]')).to_contain_text("重大")
    expect(chief.page.locator('[data-testid="plan"]')).to_contain_text("预案")
    chief.assert_self_contained()

    # The party arrives: the guard gets an instruction, never the case.
    guard = signed_in(open_page, "guard", password)
    guard.page.locator('nav [data-nav="gate"]').click()
    _type_visitor(guard, number=party_id, name="祁振华", host="wlm", purpose="询问案件进度", slot="R7")
    expect(guard.page.locator(".alert-warning")).to_contain_text("司法警察")
    expect(guard.page.locator("main")).not_to_contain_text(number)
    expect(guard.page.locator("main")).not_to_contain_text("重大")
    guard.screenshot("gate-flagged-party")

    # The judge and the police on duty are told at once.
    judge.page.goto("/notifications/")
    expect(judge.page.locator("main")).to_contain_text(number)
    police = signed_in(open_page, "police", password)
    police.page.goto("/notifications/")
    expect(police.page.locator("main")).to_contain_text("重大")
    expect(police.page.locator("main")).not_to_contain_text(number)
    police.assert_self_contained()
