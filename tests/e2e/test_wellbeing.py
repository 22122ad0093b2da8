"""Confidential counselling in a real browser, in Chinese (issue 14 part 4; A23): the
judge 王立明 books a session with the counsellor 吕佳 from the wellbeing page; a court
leader finds no trace of it — not in the list, and the session's own address answers
404; the counsellor sees it on her home page, opens it and records it as held. Then the
personnel office reads the annual-leave list (A22)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_a_counselling_session_is_seen_by_its_two_parties_only(demo: Any, open_page: OpenPage) -> None:
    from benchguard.wellbeing.models import CounsellingSession

    password = demo.DEMO_PASSWORD
    day = timezone.localdate() + dt.timedelta(days=4)

    judge = signed_in(open_page, "judge", password)
    page = judge.page
    page.locator('nav [data-nav="wellbeing"]').click()
    expect(page.locator('[data-testid="my-leave"]')).to_be_visible()
    page.locator('[data-testid="my-counselling"] a[href$="/wellbeing/counselling/book/"]').click()
    page.select_option("select[name=counsellor]", label="吕佳")
    page.select_option("select[name=room]", label="心理咨询室")
    page.fill("input[name=starts_at]", f"{day.isoformat()}T10:00")
    page.fill("input[name=ends_at]", f"{day.isoformat()}T11:00")
    page.locator("main form button[type=submit]").click()
    expect(page.locator('[data-testid="session-status"]')).to_be_visible()
    judge.screenshot("counselling-booked")
    judge.assert_self_contained()
    session = CounsellingSession.objects.filter(person__account__username="judge").latest("id")

    leader = signed_in(open_page, "leader", password)
    leader.page.goto("/wellbeing/counselling/")
    expect(leader.page.locator('[data-testid="session"]')).to_have_count(0)
    response = leader.page.goto(f"/wellbeing/counselling/{session.pk}/")
    assert response is not None and response.status == 404

    counsellor = signed_in(open_page, "counsellor", password)
    panel = counsellor.page.locator('[data-testid="wellbeing-counsellor"]')
    expect(panel.locator(f'a[href$="/wellbeing/counselling/{session.pk}/"]')).to_be_visible()
    panel.locator(f'a[href$="/wellbeing/counselling/{session.pk}/"]').click()
    expect(counsellor.page.locator('[data-testid="session"]')).to_contain_text("王立明")
    counsellor.page.locator(f'a[href$="/wellbeing/counselling/{session.pk}/record/"]').click()
    counsellor.page.fill("textarea[name=notes]", "工作压力较大，约两周后复谈。")
    counsellor.page.locator("main form button[type=submit]").click()
    expect(counsellor.page.locator('[data-testid="session-notes"]')).to_contain_text("约两周后复谈")
    counsellor.screenshot("counselling-recorded")
    counsellor.assert_self_contained()

    personnel = signed_in(open_page, "personnel", password)
    expect(personnel.page.locator('[data-testid="wellbeing-personnel"]')).to_be_visible()
    personnel.page.goto("/wellbeing/leave/")
    expect(personnel.page.locator('[data-testid="leave-years"]')).to_contain_text("王立明")
    personnel.assert_self_contained()
