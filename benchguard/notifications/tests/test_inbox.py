"""The inbox, the read endpoint, the navbar badge and the home panel."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from benchguard.notifications.context_processors import unread
from benchguard.notifications.models import Notification
from benchguard.notifications.services import mark_read, notify
from benchguard.organization.models import Account

ClientAs = Callable[[str | None], Client]
Persona = Callable[[str], Account]


def _notify(account: Account, title: str, url: str = "/directory/") -> Notification:
    [notification] = notify(recipients=[account], kind="tests.inbox", title=title, url=url, email=False)
    return notification


def _add(account: Account, count: int) -> None:
    for n in range(count):
        _notify(account, f"第{n}条通知")


def test_the_inbox_lists_unread_first_then_newest(client_as: ClientAs, persona: Persona) -> None:
    judge = persona("judge")
    oldest = _notify(judge, "最早的通知")
    read_one = _notify(judge, "已读的通知")
    newest = _notify(judge, "最新的通知")
    mark_read(actor=judge, notification=read_one)
    _notify(persona("office"), "办公室的通知")

    page = client_as("judge").get("/notifications/")

    assert [n.title for n in page.context["page"].object_list] == ["最新的通知", "最早的通知", "已读的通知"]
    assert "办公室的通知" not in page.content.decode()
    assert {newest.pk, oldest.pk} < {n.pk for n in page.context["page"].object_list}


def test_the_inbox_is_paginated(client_as: ClientAs, persona: Persona) -> None:
    _add(persona("judge"), 31)
    client = client_as("judge")
    assert len(client.get("/notifications/").context["page"].object_list) == 30
    assert len(client.get("/notifications/", {"page": 2}).context["page"].object_list) == 1


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(
    client_as: ClientAs, persona: Persona
) -> None:
    notification = _notify(persona("judge"), "请查看", url="/directory/people/?q=wlm")

    response = client_as("judge").post(f"/notifications/{notification.pk}/read/")

    assert response.status_code == 302 and response["Location"] == "/directory/people/?q=wlm"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize("other", ["office", "judge2", "cityadmin", "outsider"])
def test_another_accounts_notification_answers_404_and_stays_unread(
    client_as: ClientAs, persona: Persona, other: str
) -> None:
    notification = _notify(persona("judge"), "法官本人的通知")

    assert client_as(other).post(f"/notifications/{notification.pk}/read/").status_code == 404
    assert client_as(other).post(f"/api/notifications/{notification.pk}/read/").status_code == 404
    assert client_as(other).get(f"/api/notifications/{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_signing_in_is_needed_to_read(client_as: ClientAs, persona: Persona) -> None:
    notification = _notify(persona("judge"), "法官本人的通知")
    response = client_as(None).post(f"/notifications/{notification.pk}/read/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "stored", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_a_stored_link_to_another_site_is_never_followed(
    client_as: ClientAs, persona: Persona, stored: str
) -> None:
    notification = _notify(persona("judge"), "被篡改的链接")
    # notify() refuses such links; this row stands for one changed behind its back.
    Notification.objects.filter(pk=notification.pk).update(url=stored)

    response = client_as("judge").post(f"/notifications/{notification.pk}/read/")

    assert response.status_code == 302 and response["Location"] == "/notifications/"


def test_a_notification_without_a_link_returns_to_the_inbox(client_as: ClientAs, persona: Persona) -> None:
    notification = _notify(persona("judge"), "没有链接", url="")
    response = client_as("judge").post(f"/notifications/{notification.pk}/read/")
    assert response["Location"] == "/notifications/"


def test_mark_all_read_marks_only_my_own(client_as: ClientAs, persona: Persona) -> None:
    judge, office = persona("judge"), persona("office")
    _add(judge, 3)
    _add(office, 2)

    response = client_as("judge").post("/notifications/read-all/", follow=True)

    assert response.redirect_chain == [("/notifications/", 302)]
    assert not Notification.objects.filter(recipient=judge, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=office, read_at__isnull=True).count() == 2
    assert 'data-testid="mark-all-read"' not in response.content.decode()


def test_the_navbar_shows_my_unread_count(client_as: ClientAs, persona: Persona) -> None:
    judge = persona("judge")
    _add(judge, 2)
    _add(persona("office"), 5)
    client = client_as("judge")

    page = client.get("/").content.decode()
    assert 'data-nav="notifications"' in page
    assert 'data-testid="unread-count">2<' in page

    client.post("/notifications/read-all/")
    assert 'data-testid="unread-count"' not in client.get("/").content.decode()


def test_the_unread_count_is_one_query_and_only_when_shown(persona: Persona) -> None:
    request = RequestFactory().get("/")
    request.user = persona("judge")
    _add(request.user, 3)

    with CaptureQueriesContext(connection) as captured:
        context = unread(request)
    assert len(captured) == 0  # a page that never shows the badge pays nothing

    with CaptureQueriesContext(connection) as captured:
        assert context["unread_notifications"] == 3
        assert str(context["unread_notifications"]) == "3"
    assert len(captured) == 1
    assert "COUNT" in captured[0]["sql"].upper()


def test_anonymous_visitors_pay_no_query_for_the_badge(client_as: ClientAs) -> None:
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as captured:
        assert not unread(request)["unread_notifications"]
    assert len(captured) == 0


def test_the_home_panel_lists_my_five_latest_unread(client_as: ClientAs, persona: Persona) -> None:
    judge = persona("judge")
    _add(judge, 7)
    mark_read(actor=judge, notification=Notification.objects.filter(recipient=judge).latest("id"))

    response = client_as("judge").get("/")

    [panel] = [p for p in response.context["panels"] if p["key"] == "notifications"]
    assert [n.title for n in panel["latest_unread"]] == [f"第{n}条通知" for n in (5, 4, 3, 2, 1)]
    assert 'data-panel="notifications"' in response.content.decode()


def test_every_signed_in_persona_sees_the_panel_and_the_menu_entry(client_as: ClientAs) -> None:
    for name in ("outsider", "guard", "cityadmin"):
        page = client_as(name).get("/").content.decode()
        assert 'data-panel="notifications"' in page and 'data-nav="notifications"' in page


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/notifications/", "/", "/api/notifications/", "/api/notifications/?unread=1"]
)
def test_pages_do_not_grow_queries_with_notifications(
    client_as: ClientAs, persona: Persona, url: str
) -> None:
    judge = persona("judge")
    client = client_as("judge")
    _add(judge, 3)
    small = _queries(client, url)
    _add(judge, 40)
    assert _queries(client, url) == small
