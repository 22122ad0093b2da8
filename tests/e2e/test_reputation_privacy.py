"""A judge's exposed address in a real browser, in Chinese (issue 13 part 5; A18): the
committee office registers the exposure case with a screenshot, drafts the takedown
notice from the court's template, records it sent, then refused, and escalates it to
the police — every step a row of the notice's history; the judge sees their case and
the notice's status. Then a public-opinion event (A17) gets its pursuit of liability."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_the_office_takes_an_exposure_to_the_police(demo: Any, open_page: OpenPage, tmp_path: Path) -> None:
    from benchguard.privacy.models import ExposureCase
    from benchguard.reputation.demo import tiny_png

    password = demo.DEMO_PASSWORD
    url = "https://demo.example.cn/thread/e2e"
    shot = tmp_path / "截图.png"
    shot.write_bytes(tiny_png("e2e").read())

    office = signed_in(open_page, "office", password)
    page = office.page
    page.locator('nav [data-nav="privacy"]').click()
    page.locator('a[href$="/privacy/register/"]').click()
    page.select_option("select[name=kind]", "online")
    page.select_option("select[name=person]", label="王立明")
    page.locator("input[name=exposed][value=address]").check()
    page.locator("input[name=exposed][value=phone]").check()
    page.fill("input[name=platform]", "某论坛")
    page.fill("input[name=url]", url)
    page.fill("textarea[name=description]", "帖子公开了王立明法官的住址和手机号码")
    page.fill("input[name=found_on]", timezone.localdate().isoformat())
    page.locator("main form button[type=submit]").click()
    case = ExposureCase.objects.get(url=url)
    assert case.exposed == ["address", "phone"] and case.person.name == "王立明"
    expect(page.locator("main h1")).to_contain_text("王立明")

    page.locator(f'a[href$="/privacy/{case.pk}/evidence/add/"]').click()
    page.set_input_files("input[name=file]", str(shot))
    page.fill("input[name=captured_at]", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-testid="evidence"]')).to_contain_text("SHA-256")

    page.locator(f'a[href$="/privacy/{case.pk}/notices/draft/"]').click()
    page.fill("input[name=recipient]", "某论坛运营公司")
    page.fill("input[name=contact]", "0532-8088103")
    page.locator("main form button[type=submit]").click()
    body = page.locator('[data-testid="notice-body"]')
    expect(body).to_contain_text("第四十七条")
    expect(body).to_contain_text("网络暴力信息治理规定")
    expect(body).to_contain_text("SHA-256")

    page.locator('a[href$="/send/"]').click()
    page.fill("input[name=sent_via]", "平台侵权投诉通道")
    page.locator("main form button[type=submit]").click()
    notice = case.notices.get()
    notice.refresh_from_db()
    assert notice.follow_up_due is not None
    expect(page.locator('[data-testid="follow-up"]')).to_contain_text(notice.follow_up_due.isoformat())
    page.locator('a[href$="/refused/"]').click()
    page.fill("textarea[name=refusal_reason]", "平台称属于舆论监督")
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-testid="history"] li')).to_have_count(3)
    notice.refresh_from_db()
    assert notice.status == "refused" and notice.refusal_reason == "平台称属于舆论监督"
    page.locator('a[href$="/escalate/"]').click()
    page.select_option("select[name=escalated_to]", "police")
    page.fill("input[name=escalation_reference]", "青中法函〔2026〕99号")
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-testid="escalated-to"]')).to_contain_text("青中法函〔2026〕99号")
    expect(page.locator('[data-testid="history"] li')).to_have_count(4)
    notice.refresh_from_db()
    assert notice.status == "escalated" and notice.escalated_to == "police"
    steps = [(t.from_status, t.to_status) for t in notice.transitions.all()]
    assert steps == [("", "drafted"), ("drafted", "sent"), ("sent", "refused"), ("refused", "escalated")]
    office.screenshot("takedown-escalated")
    office.assert_self_contained()

    # The judge sees their case and where the notice stands.
    judge = signed_in(open_page, "judge", password)
    judge.page.goto(f"/privacy/{case.pk}/")
    expect(judge.page.locator('[data-testid="notices"]')).to_contain_text("某论坛运营公司")
    expect(judge.page.locator('[data-testid="notice-status"]')).to_have_count(1)
    judge.assert_self_contained()


def test_the_office_records_the_pursuit_of_liability_of_an_event(demo: Any, open_page: OpenPage) -> None:
    from benchguard.reputation.demo import BASE_URL
    from benchguard.reputation.models import OpinionEvent

    event = OpinionEvent.objects.get(url=f"{BASE_URL}1002")
    office = signed_in(open_page, "office", demo.DEMO_PASSWORD)
    page = office.page
    page.goto(f"/reputation/{event.pk}/")
    page.locator(f'a[href$="/reputation/liability/event/{event.pk}/add/"]').click()
    page.fill("input[name=infringer]", "网民“某甲”")
    page.fill("textarea[name=conduct]", "发帖捏造法官与律师串通")
    page.select_option("select[name=referred_to]", "platform")
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-testid="liability-row"]')).to_contain_text("某甲")
    office.screenshot("event-liability")
    office.assert_self_contained()


def test_the_printed_takedown_notice_wraps_the_demand_and_the_evidence(
    demo: Any, open_page: OpenPage
) -> None:
    """On paper (print media, A4) the notice's long lines wrap: the legal demand and a
    long evidence address are there in full, nothing runs past the page's edge."""
    from benchguard.organization.models import Account, Court, Person
    from benchguard.privacy import services
    from benchguard.privacy.choices import CaseKind, Notifier
    from benchguard.reputation.demo import tiny_png

    office_account = Account.objects.get(username="office")
    long_url = "https://demo.example.cn/thread/" + "a1b2c3d4e5" * 16 + "/end-of-address"
    case = services.register_case(
        actor=office_account, court=Court.objects.get(division_code="370200"), kind=CaseKind.ONLINE,
        person=Person.objects.get(account__username="judge"), platform="某论坛", url=long_url,
        description="长网址", found_on=timezone.localdate(),
    )  # fmt: skip
    services.add_evidence(
        actor=office_account,
        exposure=case,
        upload=tiny_png("print"),
        captured_at=timezone.now(),
        url=long_url,
    )
    notice = services.draft_notice(
        actor=office_account, exposure=case, recipient="某论坛运营公司", notifier=Notifier.COURT,
        contact="青岛市中级人民法院法官权益保障委员会办公室 0532-8088103",
    )  # fmt: skip
    office = signed_in(open_page, "office", demo.DEMO_PASSWORD)
    page = office.page
    page.goto(f"/privacy/notices/{notice.pk}/print/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    body = page.locator('[data-testid="notice-body"]')
    expect(body).to_contain_text("/end-of-address")
    style = body.evaluate("e => [getComputedStyle(e).whiteSpace, getComputedStyle(e).overflowWrap]")
    assert style == ["pre-wrap", "anywhere"]
    assert body.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert office.horizontal_overflow() == 0
    office.screenshot("takedown-notice-printed")
    assert page.pdf(format="A4")[:5] == b"%PDF-"
    office.assert_self_contained()
