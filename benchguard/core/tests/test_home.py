"""The home page: a column for each panel that has something to show, and the city-wide
administrator's workbench says what they look after instead of "no role"."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client

from benchguard.core.models import AuditEntry


def _columns(page: str) -> dict[str, str]:
    grid = page[page.index('<div class="row g-3">') : page.index("</main>")]
    keys = re.findall(r'<div class="col-12 col-lg-6" data-panel="([^"]+)">', grid)
    parts = re.split(r'<div class="col-12 col-lg-6" data-panel="[^"]+">', grid)[1:]
    return dict(zip(keys, parts, strict=True))


def test_the_judge_sees_no_empty_column(client_as: Callable[[str | None], Client]) -> None:
    response = client_as("judge").get("/")
    columns = _columns(response.content.decode())

    # Nothing waits at the gate or in the incident register and no task or committee
    # action was given to the judge: those panels take no column.
    assert list(columns) == ["me", "notifications", "matters_mine", "duties", "training-mine", "directory"]
    for key, html in columns.items():
        assert 'class="card' in html, key
    # The panels' data is still computed for the page (and other tests).
    keys = {panel["key"] for panel in response.context["panels"]}
    assert {"gate_my_visitors", "incidents_waiting", "matters_tasks", "committee-actions"} <= keys


def test_the_city_administrator_sees_what_they_look_after(
    client_as: Callable[[str | None], Client],
) -> None:
    page = client_as("cityadmin").get("/").content.decode()
    columns = _columns(page)

    assert "尚未分配角色" not in page
    assert re.search(r'data-testid="workbench-title">\s*全市系统管理工作台\s*</h1>', page)
    assert "全市各法院系统管理员" in columns["me"]
    assert "维护全市各法院的法院、部门、人员、账号和角色" in columns["duties"]
    entries = AuditEntry.objects.count()
    assert f"审计日志共有{entries}条记录。" in columns["administration"]
    # The holiday-table notice ("calendar") comes and goes with the years seeded: its own
    # tests are in test_deadlines.py. The offer to set up two-step sign-in comes first
    # while they have not (signin; an administrator needs it).
    assert [c for c in columns if c != "calendar"] == [
        "second_factor",
        "me",
        "notifications",
        "duties",
        "administration",
        "directory",
    ]


def test_an_account_without_a_role_is_still_told_to_ask_for_one(
    client_as: Callable[[str | None], Client],
) -> None:
    page = client_as("outsider").get("/").content.decode()
    assert "此账号尚未分配角色。请联系本院系统管理员。" in page
    assert "administration" not in _columns(page)
