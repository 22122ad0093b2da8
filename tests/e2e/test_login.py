"""Signing in and finding one's way, in a real headless Chromium, in Chinese.

These are the checks a court's IT department does by hand after an installation: the
login page is Chinese, the demo judge and the committee office clerk land on their home
page, a wrong password says so in Chinese, the menu works on a 1280 px desktop and on a
tablet, and nothing is fetched from outside the site (courts run on closed networks).
Screenshots go to test-output/e2e/ for a person to look at.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import ViewportSize, expect

from tests.e2e.conftest import DESKTOP, LOGIN_PATH, TABLET, OpenPage

# One xdist worker runs them all, so one Chromium serves the whole module.
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def display_name(username: str) -> str:
    """The name the home page greets this account with: its person's name if it has one."""
    from benchguard.organization.models import Account, Person

    person = Person.objects.filter(account__username=username).first()
    return person.name if person else Account.objects.get(username=username).get_full_name()


@pytest.mark.parametrize("username", ["judge", "office"])
def test_demo_persona_signs_in_in_chinese_and_lands_on_home(
    demo: Any, open_page: OpenPage, live_server: Any, username: str
) -> None:
    watched = open_page()
    page = watched.page
    name = display_name(username)

    page.goto(LOGIN_PATH)
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("main")).to_contain_text("登录")

    page.fill("input[name=username]", username)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("main h1")).to_contain_text("工作台")
    expect(page.locator("main")).to_contain_text(name)
    # The menu offers only what this person may open: neither persona administers.
    expect(page.locator('nav [data-nav="directory"]')).to_have_count(1)
    expect(page.locator('nav [data-nav="admin"]')).to_have_count(0)

    assert watched.screenshot(f"{username}-home").stat().st_size > 0
    watched.assert_self_contained()


def test_wrong_password_shows_a_chinese_error_on_the_login_page(demo: Any, open_page: OpenPage) -> None:
    watched = open_page()
    page = watched.page

    watched.login("judge", "not-the-demo-password")

    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    error = page.locator("main .alert-danger")
    expect(error).to_be_visible()
    expect(error).to_contain_text("密码")  # "password": the message names what was wrong
    expect(error).to_have_text(CHINESE)
    expect(error).not_to_contain_text("password")
    # What was typed as the username stays, so the person only retypes the password.
    expect(page.locator("input[name=username]")).to_have_value("judge")
    expect(page.locator("input[name=password]")).to_have_value("")

    # And no session was opened: the home page still sends us to sign in.
    page.goto("/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    watched.assert_self_contained()


@pytest.mark.parametrize(
    ("viewport", "menu_collapsed"),
    [pytest.param(DESKTOP, False, id="1280px"), pytest.param(TABLET, True, id="tablet")],
)
def test_navigation_is_usable_on_desktop_and_tablet(
    demo: Any, open_page: OpenPage, viewport: ViewportSize, menu_collapsed: bool
) -> None:
    watched = open_page(viewport)
    page = watched.page

    page.goto(LOGIN_PATH)
    assert watched.horizontal_overflow() == 0
    watched.login("judge", demo.DEMO_PASSWORD)
    expect(page.locator("main h1")).to_contain_text("工作台")
    assert watched.horizontal_overflow() == 0

    toggler = page.locator("nav .navbar-toggler")
    directory = page.locator('nav [data-nav="directory"]')
    if menu_collapsed:
        # Below Bootstrap's lg breakpoint the menu hides behind the toggler button;
        # opening it needs the vendored Bootstrap JS to have loaded and run.
        expect(toggler).to_be_visible()
        expect(directory).to_be_hidden()
        toggler.click()
        expect(toggler).to_have_attribute("aria-expanded", "true")
        # Bootstrap adds .show once the opening transition has ended.
        expect(page.locator("nav .navbar-collapse")).to_have_class(re.compile(r"\bshow\b"))
    else:
        expect(toggler).to_be_hidden()
    expect(directory).to_be_visible()

    # The account menu (password change, language, sign out) opens too.
    page.locator("nav #user-menu").click()
    expect(page.locator("nav .dropdown-menu")).to_have_class(re.compile(r"\bshow\b"))
    expect(page.locator('nav a[href="/accounts/password/"]')).to_be_visible()
    size = f"{viewport['width']}x{viewport['height']}"
    watched.screenshot(f"judge-home-menu-{size}")

    page.keyboard.press("Escape")
    directory.click()
    expect(page).to_have_url(re.compile(r"/directory/"))
    expect(page.locator("main h1")).to_be_visible()
    assert watched.horizontal_overflow() == 0
    watched.screenshot(f"judge-directory-{size}")
    watched.assert_self_contained()


def test_a_presidents_long_menu_and_the_overview_fit_a_desktop(demo: Any, open_page: OpenPage) -> None:
    """The president holds the most roles, so the longest menu: it wraps, and neither the
    home page nor the city overview is wider than a 1280 px window."""
    watched = open_page(DESKTOP)
    watched.login("chair", demo.DEMO_PASSWORD)
    expect(watched.page.locator("main h1")).to_contain_text("工作台")
    assert watched.horizontal_overflow() == 0
    watched.page.goto("/overview/")
    expect(watched.page.locator('[data-testid="figure"]').first).to_be_visible()
    assert watched.horizontal_overflow() == 0
    watched.assert_self_contained()
