"""Follow-up actions of resolutions (A6) on their owner's home page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchguard.committee import services
from benchguard.committee.choices import ActionStatus
from benchguard.committee.demo import HELD_TITLE
from benchguard.committee.models import FollowUpAction, Resolution
from benchguard.core.models import AuditEntry
from benchguard.organization.models import Account, Person


def test_the_owner_sees_the_action_on_the_home_page_and_marks_it_done(
    client_as: Callable[[str | None], Client],
) -> None:
    client = client_as("office")
    home = client.get("/")
    [panel] = [p for p in home.context["panels"] if p["key"] == "committee-actions"]
    [action] = panel["actions"]
    assert action.description == "向全院印发工作方案并报送上级法院"
    assert "向全院印发工作方案并报送上级法院" in home.content.decode()
    response = client.post(
        f"/committee/actions/{action.pk}/complete/", {"version": action.version, "next": "/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.done_at is not None
    assert "向全院印发工作方案并报送上级法院" not in response.content.decode()
    entry = AuditEntry.objects.filter(action="committee.action.complete", object_id=str(action.pk)).get()
    assert entry.actor_name == "赵敏"


def test_other_people_do_not_see_the_action_on_their_home_page(
    client_as: Callable[[str | None], Client],
) -> None:
    home = client_as("judge").get("/")
    [panel] = [p for p in home.context["panels"] if p["key"] == "committee-actions"]
    assert panel["actions"] == []


def test_only_the_owner_or_the_managers_may_complete_an_action(
    client_as: Callable[[str | None], Client],
) -> None:
    action = FollowUpAction.objects.get(owner__account__username="office")
    data = {"version": action.version}
    assert client_as("judge").post(f"/committee/actions/{action.pk}/complete/", data).status_code == 404
    assert client_as("member").post(f"/committee/actions/{action.pk}/complete/", data).status_code == 403
    assert client_as("chair").post(f"/committee/actions/{action.pk}/complete/", data).status_code == 302


def test_an_action_is_done_once(office: Account) -> None:
    action = FollowUpAction.objects.get(owner__account__username="office")
    done = services.complete_follow_up_action(actor=office, action=action, expected_version=action.version)
    with pytest.raises(ValidationError):
        services.complete_follow_up_action(actor=office, action=done, expected_version=done.version)


def test_an_action_needs_an_owner_of_this_court_and_a_date_after_the_meeting(
    office: Account, person_of: Callable[[str], Person]
) -> None:
    resolution = Resolution.objects.get(meeting__title=HELD_TITLE)
    with pytest.raises(ValidationError) as other_court:
        services.add_follow_up_action(
            actor=office, resolution=resolution, owner=person_of("judge2"), description="x",
            due_date=timezone.localdate(),
        )  # fmt: skip
    assert "owner" in other_court.value.message_dict
    with pytest.raises(ValidationError) as early:
        services.add_follow_up_action(
            actor=office, resolution=resolution, owner=person_of("judge"), description="x",
            due_date=dt.date(2020, 1, 1),
        )  # fmt: skip
    assert "due_date" in early.value.message_dict


def test_the_home_panel_does_not_grow_queries_with_actions(
    client_as: Callable[[str | None], Client], office: Account
) -> None:
    client = client_as("office")
    resolution = Resolution.objects.get(meeting__title=HELD_TITLE)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    small = count()
    for index in range(5):
        services.add_follow_up_action(
            actor=office, resolution=resolution, owner=office.person, description=f"任务{index}",
            due_date=timezone.localdate() + dt.timedelta(days=index),
        )  # fmt: skip
    assert count() == small
