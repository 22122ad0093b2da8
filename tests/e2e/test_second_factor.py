"""Two-step sign-in in a real browser, in Chinese, with the requirement on (issue 16
part 4): the committee office clerk 赵敏 signs in with her password and is sent to set up
an authenticator; she types the key's code, keeps her ten recovery codes and reaches her
workbench. Signed out and in again, she gives the app's next code; next time a recovery
code, which is refused the second time it is used.

The codes are computed from the key the page shows, as her phone would (RFC 6238);
the server's clock is moved on (time-machine) to the next 30-second step instead of
waiting for it.
"""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.e2e.conftest import LOGIN_PATH, OpenPage, WatchedPage

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def code_for(secret: str) -> str:
    return f"{totp(b32decode(secret.replace(' ', '')), step=30, t0=0, digits=6):06d}"


def sign_out(page: Page) -> None:
    page.locator("#user-menu").click()
    page.locator("nav form[action$='/accounts/logout/'] button").click()
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))


def password_then_code(watched: WatchedPage, password: str, code: str) -> None:
    watched.login("office", password)
    expect(watched.page).to_have_url(re.compile("/accounts/two-factor/verify/"))
    watched.page.fill("input[name=code]", code)
    watched.page.locator("main form button[type=submit]").first.click()


def test_the_office_clerk_enrols_and_signs_in_with_a_code_and_a_recovery_code(
    demo: Any, open_page: OpenPage, settings: Any, live_server: Any
) -> None:
    settings.BENCHGUARD_OTP_REQUIRED = True
    password = demo.DEMO_PASSWORD
    watched = open_page()
    page = watched.page

    watched.login("office", password)
    expect(page).to_have_url(re.compile("/accounts/two-factor/enrol/"))
    expect(page.locator('[data-testid="totp-qr"] svg')).to_be_visible()
    expect(page.locator("nav [data-nav]")).to_have_count(0)  # no menu before the second step
    watched.screenshot("second-factor-enrol")
    secret = page.locator('[data-testid="totp-secret"]').inner_text()
    page.fill("input[name=code]", code_for(secret))
    page.locator("main form button[type=submit]").click()

    codes = page.locator('[data-testid="recovery-codes"] li')
    expect(codes).to_have_count(10)
    recovery = codes.all_inner_texts()
    watched.screenshot("second-factor-recovery-codes")
    page.locator("main a.btn-primary").click()
    expect(page.locator("main h1")).to_contain_text("工作台")
    watched.assert_self_contained()
    sign_out(page)

    # The code used to enrol is spent: the phone shows the next one 30 seconds later.
    with time_machine.travel(timezone.now() + timedelta(seconds=40)):
        password_then_code(watched, password, code_for(secret))
        expect(page.locator("main h1")).to_contain_text("工作台")
        sign_out(page)

        password_then_code(watched, password, recovery[0])
        expect(page.locator("main h1")).to_contain_text("工作台")
        sign_out(page)

        password_then_code(watched, password, recovery[0])  # used once already
        expect(page).to_have_url(re.compile("/accounts/two-factor/verify/"))
        expect(page.locator('[data-field-error="code"]')).to_be_visible()
        page.goto("/persons-of-concern/")
        expect(page).to_have_url(re.compile("/accounts/two-factor/verify/"))
    watched.screenshot("second-factor-refused")
    watched.assert_self_contained()
