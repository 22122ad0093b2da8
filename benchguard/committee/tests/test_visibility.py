"""Who sees the committee: managers manage, members see the roster and the meetings
they are invited to (only what the agenda shares), everyone else finds nothing (404)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from benchguard.committee.demo import HELD_TITLE
from benchguard.committee.models import Meeting
from benchguard.organization.models import Court

OUTSIDERS = ["judge", "chief", "leader", "personnel", "judge2", "outsider", "cityadmin"]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_nobody_else_finds_the_roster_or_the_meetings(
    client_as: Callable[[str | None], Client], court: Court, persona: str
) -> None:
    client = client_as(persona)
    meeting = Meeting.objects.get(title=HELD_TITLE)
    # 周海 (chief) and 徐丽华 (personnel) sit on the roster and were invited, but
    # without the committee-member role they see nothing: the role opens the door.
    assert client.get(f"/committee/courts/{court.pk}/").status_code == 404
    assert client.get(f"/committee/courts/{court.pk}/meetings/").status_code == 404
    assert client.get(f"/committee/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/api/committee/meetings/{meeting.pk}/").status_code == 404
    assert client.get("/api/committee/meetings/").json()["results"] == []
    assert client.get("/api/committee/memberships/").json()["results"] == []
    assert 'data-nav="committee"' not in client.get("/").content.decode()


def test_a_member_sees_only_the_meetings_they_were_invited_to(
    client_as: Callable[[str | None], Client], court: Court, meeting_on: Callable[..., Meeting]
) -> None:
    before_her_term = meeting_on(dt.date(2023, 6, 1), title="2023年会议")  # she joined in 2024
    member = client_as("member")
    listed = {m.title for m in member.get(f"/committee/courts/{court.pk}/meetings/").context["meetings"]}
    assert HELD_TITLE in listed and "2023年会议" not in listed
    assert member.get(f"/committee/meetings/{before_her_term.pk}/").status_code == 404
    office = client_as("office")
    assert "2023年会议" in {
        m.title for m in office.get(f"/committee/courts/{court.pk}/meetings/").context["meetings"]
    }


def test_a_member_reads_only_what_the_agenda_shares(client_as: Callable[[str | None], Client]) -> None:
    meeting = Meeting.objects.get(title=HELD_TITLE)
    member_page = client_as("member").get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert "办公室汇报受理诉求" in member_page  # the shared summary
    assert "年度工作统计表" not in member_page  # the office's description
    assert "刘建国主持会议" not in member_page  # the minutes
    assert "通过本年度法官依法履职保护工作方案" in member_page  # the resolution and its vote
    office_page = client_as("office").get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert "年度工作统计表" in office_page and "刘建国主持会议" in office_page
    api = client_as("member").get(f"/api/committee/meetings/{meeting.pk}/").json()
    assert "minutes" not in api
    assert all("description" not in item for item in api["agenda_items"])
    assert client_as("office").get(f"/api/committee/meetings/{meeting.pk}/").json()["minutes"]


def test_a_member_sees_the_roster_without_the_buttons_to_change_it(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    response = client_as("member").get(f"/committee/courts/{court.pk}/")
    assert response.status_code == 200
    assert not response.context["can_manage"]
    assert "/members/add/" not in response.content.decode()
    assert client_as("member").get(f"/committee/courts/{court.pk}/members/add/").status_code == 403


@pytest.mark.parametrize("persona", ["office", "chair", "vicechair", "member"])
def test_the_menu_leads_committee_people_to_their_roster(
    client_as: Callable[[str | None], Client], court: Court, persona: str
) -> None:
    client = client_as(persona)
    assert 'data-nav="committee"' in client.get("/").content.decode()
    response = client.get("/committee/")
    assert response.status_code == 302 and response["Location"] == f"/committee/courts/{court.pk}/"


def test_the_api_lists_the_roster_scoped_like_the_pages(client_as: Callable[[str | None], Client]) -> None:
    rows = client_as("member").get("/api/committee/memberships/").json()["results"]
    assert {row["person_name"] for row in rows} >= {"刘建国", "孙丽", "杨帆"}
    assert client_as(None).get("/api/committee/memberships/").status_code == 401
