"""The duty pages and API: the week's roster (who reads, who keeps), a refused shift
keeps what was typed, the home panel of who is on duty now, the alerts with their one
button, and query counts that stay flat as the roster grows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from benchguard.duty import services
from benchguard.duty.choices import DutyRole
from benchguard.duty.models import DutyShift
from benchguard.duty.tests.conftest import later
from benchguard.organization.models import Person

pytestmark = pytest.mark.django_db
ROSTER = "/duty/"
API = "/api/duty/shifts/"


def _week(court, day: dt.datetime) -> str:
    return f"{ROSTER}?court={court.pk}&week={day.date().isoformat()}"


def test_the_roster_shows_the_week_and_only_keepers_get_the_buttons(client_as, court, put_on_duty) -> None:
    put_on_duty("police", later(hour=8), note="东门值守")
    put_on_duty("leader", later(hour=8), role=DutyRole.LEADER)
    page = client_as("guard").get(_week(court, later()))
    html = page.content.decode()
    assert page.status_code == 200
    assert "东门值守" in html and "马军" in html and "郑伟" in html
    assert reverse("duty:shift_add") not in html and "/remove/" not in html
    html = client_as("police").get(_week(court, later())).content.decode()
    assert reverse("duty:shift_add") in html and "/remove/" in html
    assert client_as("judge").get(ROSTER).status_code == 403


def test_a_keeper_adds_a_shift_on_the_page_and_an_overlap_keeps_what_was_typed(
    client_as, court, put_on_duty
) -> None:
    police = client_as("police")
    person = Person.objects.get(account__username="police")
    data = {
        "court": court.pk,
        "person": person.pk,
        "role": DutyRole.POLICE,
        "starts_at": later(hour=8).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": later(hour=20).strftime("%Y-%m-%dT%H:%M"),
        "note": "第一班",
    }
    done = police.post(reverse("duty:shift_add"), data)
    assert done.status_code == 302 and f"week={later().date().isoformat()}" in done["Location"]
    assert DutyShift.objects.filter(person=person, note="第一班").count() == 1
    again = police.post(reverse("duty:shift_add"), {**data, "note": "重复的一班"})
    assert again.status_code == 200
    assert "重复的一班" in again.content.decode()
    assert again.context["form"].has_error("starts_at", "overlap")
    assert not DutyShift.objects.filter(note="重复的一班").exists()


def test_the_guard_cannot_add_edit_or_remove(client_as, put_on_duty) -> None:
    shift = put_on_duty("police", later(hour=8))
    guard = client_as("guard")
    assert guard.get(reverse("duty:shift_add")).status_code == 403
    assert guard.get(reverse("duty:shift_edit", args=[shift.pk])).status_code == 403
    assert guard.post(reverse("duty:shift_remove", args=[shift.pk])).status_code == 403
    assert client_as("judge2").get(reverse("duty:shift_edit", args=[shift.pk])).status_code == 404
    shift.refresh_from_db()
    assert shift.is_active


def test_a_keeper_removes_a_shift_with_one_click(client_as, put_on_duty) -> None:
    shift = put_on_duty("police", later(hour=8))
    leader = client_as("leader")
    url = reverse("duty:shift_remove", args=[shift.pk])
    assert leader.post(url, {"version": shift.version}).status_code == 302
    assert leader.post(url, {"version": shift.version}).status_code == 302  # a second click: told, no change
    shift.refresh_from_db()
    assert shift.is_active is False and shift.version == 2


def test_a_shift_changed_since_the_roster_was_shown_is_not_removed_blind(client_as, put_on_duty) -> None:
    shift = put_on_duty("police", later(hour=8))
    shown = shift.version
    DutyShift.objects.filter(pk=shift.pk).update(version=shown + 1, note="改为夜班")  # edited meanwhile
    response = client_as("leader").post(
        reverse("duty:shift_remove", args=[shift.pk]), {"version": shown}, follow=True
    )
    assert any(m.level_tag == "error" for m in response.context["messages"])
    shift.refresh_from_db()
    assert shift.is_active


def test_the_roster_reads_the_same_queries_with_four_times_the_shifts(client_as, court, put_on_duty) -> None:
    police = client_as("police")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert police.get(_week(court, later())).status_code == 200
        return len(captured)

    put_on_duty("police", later(hour=8))
    put_on_duty("leader", later(hour=8), role=DutyRole.LEADER)
    few = count()
    # Every other day of the same week (whichever weekday `later()` falls on: the week's
    # own day is taken by the shifts above).
    monday = later(hour=0) - dt.timedelta(days=later().weekday())
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        if day.date() == later().date():
            continue
        put_on_duty("police", day, hours=8)
        put_on_duty("leader", day + dt.timedelta(hours=8), role=DutyRole.LEADER)
    assert DutyShift.objects.filter(starts_at__gte=later(hour=0) - dt.timedelta(days=7)).count() >= 8
    assert count() == few


def test_who_is_on_duty_now_is_on_the_home_page_of_the_police_and_the_guard(client_as, put_on_duty) -> None:
    put_on_duty("police", later(hour=8))
    with time_machine.travel(later(hour=10), tick=False):
        for who in ("guard", "police"):
            html = client_as(who).get("/").content.decode()
            assert 'data-testid="on-duty"' in html and "马军" in html
        assert 'data-testid="on-duty-panel"' not in client_as("judge").get("/").content.decode()
    with time_machine.travel(later(hour=21), tick=False):
        html = client_as("guard").get("/").content.decode()
        assert 'data-testid="on-duty-panel"' in html and 'data-testid="on-duty"' not in html


def test_the_acknowledge_button_is_shown_only_to_those_alerted(
    client_as, court, put_on_duty, persona
) -> None:
    put_on_duty("police", later(hour=8))
    with time_machine.travel(later(hour=9), tick=False):
        alert = services.alert_on_duty(
            court=court, kind="test.hold", title="门岗留置", occasion="test.page:1", url="/gate/holds/"
        )
        button = reverse("duty:alert_acknowledge", args=[alert.pk])
        police = client_as("police")
        assert button in police.get("/").content.decode()
        assert button in police.get(reverse("duty:alerts")).content.decode()
        for who in ("guard", "leader", "judge"):
            assert button not in client_as(who).get(reverse("duty:alerts")).content.decode()
            assert client_as(who).post(button).status_code == 404
        assert police.post(button).status_code == 302
        assert police.post(button).status_code == 302  # idempotent
    alert.refresh_from_db()
    assert alert.acknowledged_by == persona("police")
    assert button not in police.get(reverse("duty:alerts")).content.decode()


def test_the_api_reads_and_keeps_the_roster_through_the_services(client_as, court) -> None:
    police = client_as("police")
    person = Person.objects.get(account__username="police")
    body = {
        "court": court.pk,
        "person": person.pk,
        "role": "police",
        "starts_at": later(hour=8).isoformat(),
        "ends_at": later(hour=20).isoformat(),
    }
    created = police.post(API, body, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert police.post(API, body, content_type="application/json").status_code == 400  # overlap
    assert client_as("guard").post(API, body, content_type="application/json").status_code == 403
    stale = police.patch(f"{API}{pk}/", {"version": 9, "note": "x"}, content_type="application/json")
    assert stale.status_code == 409
    edited = police.patch(f"{API}{pk}/", {"version": 1, "note": "改"}, content_type="application/json")
    assert edited.status_code == 200 and edited.json()["note"] == "改"
    assert client_as("guard").get(f"{API}{pk}/").json()["person_name"] == "马军"
    assert client_as("judge").get(API).json()["count"] == 0
    assert police.post(f"{API}{pk}/remove/").status_code == 200
    assert not DutyShift.objects.get(pk=pk).is_active


def test_the_api_list_does_not_grow_queries_with_rows(client_as, put_on_duty) -> None:
    guard = client_as("guard")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert guard.get(API).status_code == 200
        return len(captured)

    few = count()
    for day in range(5):
        put_on_duty("police", later(days=50 + day))
    assert count() == few


def test_the_alert_page_shows_the_alert_in_the_readers_language(client_as, court, persona) -> None:
    police = persona("police")
    police.language = "en"
    police.save(update_fields=["language"])
    with time_machine.travel(later(hour=9), tick=False), translation.override("zh-hans"):
        services.alert_on_duty(
            court=court,
            kind="test.hold",
            title=gettext_lazy("A visitor at the gate is on hold"),
            body="东门",
            occasion="test.page:2",
        )
    html = client_as("police").get(reverse("duty:alerts")).content.decode()
    assert "A visitor at the gate is on hold" in html and "东门" in html


def test_a_stale_edit_is_refused_and_keeps_the_second_keepers_input(client_as, put_on_duty) -> None:
    shift = put_on_duty("police", later(hour=8))
    url = reverse("duty:shift_edit", args=[shift.pk])
    police, leader = client_as("police"), client_as("leader")
    form = police.get(url).context["form"]
    data = {
        "person": shift.person_id,
        "role": shift.role,
        "starts_at": later(hour=8).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": later(hour=20).strftime("%Y-%m-%dT%H:%M"),
        "version": form.initial["version"],
    }
    assert police.post(url, {**data, "note": "先保存"}).status_code == 302
    second = leader.post(url, {**data, "note": "后保存"})
    assert second.status_code == 200
    assert "后保存" in second.content.decode()
    assert second.context["current"] is not None
    shift.refresh_from_db()
    assert (shift.note, shift.version) == ("先保存", 2)


def test_a_shift_ending_before_it_starts_is_refused_next_to_its_field(client_as, court, person_of) -> None:
    data = {
        "court": court.pk,
        "person": person_of("police").pk,
        "role": DutyRole.POLICE,
        "starts_at": later(hour=20).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": later(hour=8).strftime("%Y-%m-%dT%H:%M"),
        "note": "倒班",
    }
    page = client_as("police").post(reverse("duty:shift_add"), data)
    assert page.status_code == 200 and "倒班" in page.content.decode()
    assert page.context["form"].has_error("ends_at", "ends_before_start")
    assert not DutyShift.objects.filter(note="倒班").exists()
