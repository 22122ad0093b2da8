"""The alarm's pages and API: the button, the officers' screen that shows a new alarm on
its next poll (no reload), who sees what, and query counts that stay flat."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchguard.alarm import services
from benchguard.alarm.choices import AlarmStatus
from benchguard.alarm.models import Alarm
from benchguard.alarm.tests.conftest import later
from benchguard.core import once

pytestmark = pytest.mark.django_db
FEED = "/alarm/board/feed/"


def post(client, url, **data):
    return client.post(url, {**data, once.FIELD: once.new_token()})


def test_a_press_on_the_page_reaches_the_officers_open_screen_on_its_next_poll(client_as, court, courtroom):
    police = client_as("police")
    assert 'hx-trigger="every 2s"' in police.get("/alarm/board/").content.decode()
    assert "data-alarm=" not in police.get(FEED).content.decode()
    judge = client_as("judge")
    response = post(judge, reverse("alarm:press_mine"), place="第三法庭旁听席")
    alarm = Alarm.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/alarm/{alarm.pk}/"
    feed = police.get(FEED).content.decode()
    assert f'data-alarm="{alarm.pk}"' in feed and "第三法庭旁听席" in feed
    # The judge's own page shows that the officer took it on, by itself too.
    post(police, reverse("alarm:acknowledge", args=[alarm.pk]))
    state = judge.get(f"/alarm/{alarm.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "马军" in state and 'data-testid="alarm-state"' in state
    assert Alarm.objects.get().status == AlarmStatus.ACKNOWLEDGED


def test_the_terminal_button_presses_for_its_courtroom(client_as, courtroom):
    clerk = client_as("clerk")
    assert "alarm-button" in clerk.get(f"/alarm/points/{courtroom.pk}/").content.decode()
    post(
        clerk,
        reverse("alarm:set_hearing", args=[courtroom.pk]),
        case_number="（2026）鲁02民初9号",
        procedure="civil",
    )
    post(clerk, reverse("alarm:press_point", args=[courtroom.pk]))
    alarm = Alarm.objects.get()
    assert alarm.point == courtroom and alarm.incident.case_number == "（2026）鲁02民初9号"


def test_the_screen_escalates_on_its_poll(client_as, court, courtroom, persona):
    start = later()
    with time_machine.travel(start, tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        leader = client_as("leader")
        assert f'data-alarm="{alarm.pk}"' not in leader.get(FEED).content.decode()
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert f'data-alarm="{alarm.pk}"' in leader.get(FEED).content.decode()


def test_who_sees_an_alarm(client_as, court, courtroom, persona):
    with time_machine.travel(later(), tick=False):
        alarm = services.press_alarm(actor=persona("staff"), court=court, point=courtroom)
    url = f"/alarm/{alarm.pk}/"
    for who in ("police", "office", "leader", "chair", "staff"):
        assert client_as(who).get(url).status_code == 200, who
    for who in ("judge", "clerk", "judge2", "outsider", "cityadmin"):
        assert client_as(who).get(url).status_code == 404, who
    assert client_as("judge").get("/alarm/board/").status_code == 403
    assert client_as("office").post(reverse("alarm:acknowledge", args=[alarm.pk])).status_code == 403
    assert client_as("judge2").get(f"/alarm/points/{courtroom.pk}/").status_code == 404


def test_the_api_presses_and_answers(client_as, court, courtroom):
    staff = client_as("staff")
    response = staff.post(
        "/api/alarm/alarms/press/", {"point": courtroom.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    again = staff.post("/api/alarm/alarms/press/", {"point": courtroom.pk}, content_type="application/json")
    assert again.json()["id"] == pk and again.json()["presses"] == 2
    assert (
        client_as("judge2")
        .post("/api/alarm/alarms/press/", {"point": courtroom.pk}, content_type="application/json")
        .status_code
        == 400
    )
    police = client_as("police")
    assert [a["id"] for a in police.get("/api/alarm/alarms/?open=1").json()["results"]] == [pk]
    assert police.post(f"/api/alarm/alarms/{pk}/acknowledge/").json()["status"] == "acknowledged"
    assert police.post(f"/api/alarm/alarms/{pk}/acknowledge/").status_code == 400
    assert police.post(f"/api/alarm/alarms/{pk}/arrive/").json()["status"] == "arrived"
    assert client_as("judge").get(f"/api/alarm/alarms/{pk}/").status_code == 404
    mine = client_as("judge").post("/api/alarm/alarms/press/", {}, content_type="application/json")
    assert mine.status_code == 201 and mine.json()["point"] is None


def _press_many(court, courtroom, persona, n):
    for i in range(n):
        with time_machine.travel(later(minute=0) + dt.timedelta(minutes=11 * i), tick=False):
            services.press_alarm(actor=persona("staff"), court=court, point=courtroom)


@pytest.mark.parametrize("url", ["/alarm/board/feed/", "/alarm/list/", "/api/alarm/alarms/", "/"])
def test_pages_do_not_grow_queries_with_alarms(client_as, court, courtroom, persona, url):
    police = client_as("police")
    _press_many(court, courtroom, persona, 2)
    police.get(url)
    with CaptureQueriesContext(connection) as few:
        assert police.get(url).status_code == 200
    _press_many(court, courtroom, persona, 6)
    with CaptureQueriesContext(connection) as many:
        police.get(url)
    assert len(many) == len(few), url


def test_closing_without_an_outcome_is_refused_on_the_page_and_keeps_the_page(client_as, court, courtroom):
    """An alarm closed with nothing said of what was found is refused; the officer's page
    comes back with the message beside the box; with an outcome it closes."""
    judge, police = client_as("judge"), client_as("police")
    post(judge, reverse("alarm:press_mine"), place="第三法庭")
    alarm = Alarm.objects.get()
    post(police, reverse("alarm:arrive", args=[alarm.pk]))
    refused = post(police, reverse("alarm:close", args=[alarm.pk]), outcome="   ")
    assert refused.status_code == 200 and refused.context["close_form"].errors["outcome"]
    assert Alarm.objects.get().status == AlarmStatus.ARRIVED
    closed = post(police, reverse("alarm:close", args=[alarm.pk]), outcome="误触，现场无异常")
    assert closed.status_code == 302
    alarm.refresh_from_db()
    assert alarm.status == AlarmStatus.CLOSED and alarm.outcome == "误触，现场无异常"
    # The API refuses the same with a 400 naming the field.
    post(judge, reverse("alarm:press_mine"), place="第三法庭")
    second = Alarm.objects.exclude(pk=alarm.pk).get()
    url = f"/api/alarm/alarms/{second.pk}/close/"
    api = police.post(url, {"outcome": ""}, content_type="application/json")
    assert api.status_code == 400 and "outcome" in api.json()
    assert Alarm.objects.get(pk=second.pk).status != AlarmStatus.CLOSED
