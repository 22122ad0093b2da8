"""The follow-up after harm in a real browser, in Chinese: a judge reports that a
colleague was pushed to the ground by a party (an incident of harm to the person); at
that moment a checklist opens on four desks; the union sees its item on the home page
and closes it with what was done; the counsellor records only that the offer was
declined; the personnel office and the committee office see theirs still open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

PLACE = "第三审判庭门口走廊"


def test_an_incident_of_harm_opens_the_follow_up_on_every_desk(demo: Any, open_page: OpenPage) -> None:
    from benchguard.welfare.models import FollowUp

    password = demo.DEMO_PASSWORD
    judge = signed_in(open_page, "judge", password)
    page = judge.page
    page.locator('nav [data-nav="incidents"]').click()
    page.get_by_role("link", name="报告事件").click()
    page.get_by_role("link", name="法官受到恐吓威胁、滋事骚扰（第八条）").click()
    when = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page.select_option("select[name=nature]", "harm_person")
    page.fill("input[name=occurred_at]", when)
    page.fill("input[name=place]", PLACE)
    page.fill("textarea[name=description]", "庭审结束后，一方当事人在走廊推搡书记员李静致其摔倒。")
    page.select_option("select[name=targets]", label="李静")
    page.click("main button[type=submit]")
    expect(page.locator('[data-testid="targets"]')).to_have_text("李静")
    followup = FollowUp.objects.get(incident__place=PLACE, person__name="李静")

    # The union's home page shows the item; the union closes it.
    union = signed_in(open_page, "union", password)
    up = union.page
    panel = up.locator('[data-testid="welfare-desk"]')
    expect(panel).to_be_visible()
    panel.locator(f'a[href$="/welfare/followups/{followup.pk}/"]').first.click()
    visit = up.locator('[data-testid="item-condolence_visit"]')
    visit.get_by_role("link").click()
    up.fill("textarea[name=outcome]", "工会主席当天到医务室看望，转达慰问。")
    up.click("main button[type=submit]")
    expect(up.locator('[data-testid="item-condolence_visit"] [data-testid="item-status"]')).to_have_attribute(
        "data-status", "done"
    )
    union.screenshot("welfare-followup-union")
    union.assert_self_contained()

    # The counsellor records only whether the offer was accepted or declined.
    counsellor = signed_in(open_page, "counsellor", password)
    cp = counsellor.page
    cp.goto(f"/welfare/followups/{followup.pk}/")
    cp.locator('[data-testid="item-counselling_offer"]').get_by_role("link").click()
    cp.fill("textarea[name=outcome]", "已电话联系本人。")
    cp.select_option("select[name=counselling]", "declined")
    cp.click("main button[type=submit]")
    expect(
        cp.locator('[data-testid="item-counselling_offer"] [data-testid="item-status"]')
    ).to_have_attribute("data-status", "done")
    counsellor.assert_self_contained()

    # The personnel office sees its item still open, and cannot close the union's.
    personnel = signed_in(open_page, "personnel", password)
    pp = personnel.page
    pp.goto(f"/welfare/followups/{followup.pk}/")
    expect(pp.locator('[data-testid="item-insurance_claim"]').get_by_role("link")).to_be_visible()
    expect(pp.locator('[data-testid="item-condolence_visit"]').get_by_role("link")).to_have_count(0)
    personnel.screenshot("welfare-followup-personnel")
    personnel.assert_self_contained()

    # A colleague of the court sees nothing of it.
    leader = signed_in(open_page, "leader", password)
    response = leader.page.goto(f"/welfare/followups/{followup.pk}/")
    assert response is not None and response.status == 404
