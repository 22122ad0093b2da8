"""The notifications API: the caller's own notifications, read by an explicit POST."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from benchguard.notifications.models import Notification
from benchguard.notifications.services import mark_read, notify
from benchguard.organization.models import Account

ClientAs = Callable[[str | None], Client]
Persona = Callable[[str], Account]


def _notify(account: Account, title: str) -> Notification:
    [notification] = notify(recipients=[account], kind="tests.api", title=title, url="/", email=False)
    return notification


def test_the_list_holds_only_my_own_and_filters_unread(client_as: ClientAs, persona: Persona) -> None:
    judge = persona("judge")
    read_one = _notify(judge, "已读")
    _notify(judge, "未读")
    _notify(persona("office"), "别人的")
    mark_read(actor=judge, notification=read_one)
    client = client_as("judge")

    everything = client.get("/api/notifications/").json()
    unread_only = client.get("/api/notifications/", {"unread": "true"}).json()

    assert [n["title"] for n in everything["results"]] == ["未读", "已读"]
    assert [(n["title"], n["is_unread"]) for n in unread_only["results"]] == [("未读", True)]
    assert "dedupe_key" not in everything["results"][0]


def test_posting_read_marks_it_and_returns_it(client_as: ClientAs, persona: Persona) -> None:
    notification = _notify(persona("judge"), "请阅")
    response = client_as("judge").post(f"/api/notifications/{notification.pk}/read/")
    assert response.status_code == 200
    assert response.json()["is_unread"] is False and response.json()["read_at"]
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_read_all_marks_mine_and_says_how_many(client_as: ClientAs, persona: Persona) -> None:
    judge = persona("judge")
    _notify(judge, "一")
    _notify(judge, "二")
    other = _notify(persona("office"), "三")

    response = client_as("judge").post("/api/notifications/read-all/")

    assert response.json() == {"marked": 2}
    other.refresh_from_db()
    assert other.read_at is None


def test_the_openapi_schema_describes_the_endpoints(client_as: ClientAs) -> None:
    schema = client_as("judge").get("/api/schema/", {"format": "json"}).json()
    assert {"/api/notifications/", "/api/notifications/{id}/read/", "/api/notifications/read-all/"} <= set(
        schema["paths"]
    )
    parameters = schema["paths"]["/api/notifications/"]["get"]["parameters"]
    assert "unread" in {p["name"] for p in parameters}
