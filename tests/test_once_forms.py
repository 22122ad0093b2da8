"""Every create form, sent twice with its one-time token (a double click, or Back and
send again), makes one record, and the second POST lands on the first one's page
(issue 9, point 3; the mechanism is `core.once`, its own tests are in
`core/tests/test_once.py`, which also covers the online application)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.committee.models import Meeting
from benchguard.gate.demo import GATEHOUSE
from benchguard.gate.models import CheckpointShift, Post, Visit
from benchguard.gate.selectors import checkpoint_officers
from benchguard.gate.tests.conftest import CHECKPOINT, desk_data
from benchguard.incidents.choices import Nature
from benchguard.incidents.models import Incident
from benchguard.matters.choices import Subject
from benchguard.matters.models import Matter
from benchguard.organization.models import Court
from benchguard.persons_of_concern.models import PersonOfConcern

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="_once" value="([A-Za-z0-9]{32})"')


def local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def post_twice(client: Client, page: str, data: dict[str, Any], model: type[Model], action: str = "") -> None:
    """Open the page, send its form twice with the token it carries: one new row, and
    the second answer sends the user where the first did."""
    body = client.get(page).content.decode()
    tokens = TOKEN.findall(body)
    assert tokens, f"{page} has no one-time token"
    data = {**data, "_once": tokens[0]}
    before = model._default_manager.count()
    first = client.post(action or page, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    second = client.post(action or page, data)
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert model._default_manager.count() == before + 1


def test_an_ex_officio_matter_opened_twice_is_one_matter(client_as: Callable[[str | None], Client]) -> None:
    data = {"subject": Subject.DEFAMATION, "facts": "网络上散布针对法官的不实信息。", "applicant": ""}
    post_twice(client_as("office"), reverse("matters:open"), data, Matter)


def test_an_incident_reported_twice_is_one_incident(
    client_as: Callable[[str | None], Client], court: Court, person_of: Callable[[str], Any]
) -> None:
    data = {
        "court": court.pk,
        "nature": Nature.STALKING,
        "occurred_at": local(timezone.now() - dt.timedelta(days=1)),
        "place": "法官住所楼下停车场",
        "description": "当事人连续两晚在法官住所楼下守候。",
        "targets": [person_of("judge").pk],
        "case_number": "（2026）鲁02民终777号",
        "perpetrator_description": "戴黑色帽子的中年男子",
    }
    post_twice(client_as("judge"), reverse("incidents:report", args=["threat"]), data, Incident)


def test_a_meeting_scheduled_twice_is_one_meeting(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    data = {
        "kind": "ad_hoc",
        "title": "临时全体会议",
        "scheduled_at": local(timezone.now() + dt.timedelta(days=3)),
        "place": "第五会议室",
    }
    post_twice(client_as("office"), reverse("committee:meeting_add", args=[court.pk]), data, Meeting)


def test_a_visitor_checked_in_twice_at_the_desk_is_one_visit(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    gatehouse = Post.objects.get(court=court, name=GATEHOUSE)
    post_twice(client_as("guard"), f"{reverse('gate:desk')}?post={gatehouse.pk}", desk_data(gatehouse), Visit)


def test_a_checkpoint_shift_recorded_twice_is_one_shift(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    checkpoint = Post.objects.get(court=court, name=CHECKPOINT)
    data = {
        "post": checkpoint.pk,
        "day": timezone.localdate().isoformat(),
        "shift": "night",
        "people_checked": 120,
        "bags_checked": 80,
        "officers": [person.pk for person in checkpoint_officers(court.pk)[:2]],
    }
    post_twice(client_as("police"), reverse("gate:checkpoint"), data, CheckpointShift)


def test_a_person_of_concern_recorded_twice_is_one_person(client_as: Callable[[str | None], Client]) -> None:
    data = {
        "name": "黄十四",
        "aliases": "",
        "document_kind": "resident_id",
        "document_number": "11010519491231002X",
        "phone": "",
        "description": "",
    }
    post_twice(client_as("office"), reverse("persons_of_concern:person_create"), data, PersonOfConcern)
