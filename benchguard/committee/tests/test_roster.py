"""The roster (A4.1–A4.3): terms with history, one chair at a time, the size warning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchguard.committee import selectors, services
from benchguard.committee.choices import Position
from benchguard.committee.models import CommitteeMembership
from benchguard.core.models import AuditEntry
from benchguard.organization.models import Account, Court, Person


def _roster_url(court: Court) -> str:
    return f"/committee/courts/{court.pk}/"


def test_the_roster_shows_current_terms_and_the_history(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    response = client_as("office").get(_roster_url(court))
    assert response.status_code == 200
    current = [m.person.name for m in response.context["current"]]
    assert current[:2] == ["刘建国", "陈志强"]  # chair first, then the vice-chair
    assert {"孙丽", "赵敏"} <= set(current)
    history = list(response.context["history"])
    assert [(m.person.name, m.term_to, m.end_reason) for m in history] == [
        ("杨帆", dt.date(2023, 12, 31), "任期届满")
    ]
    assert "任期届满" in response.content.decode()


def test_ending_a_term_keeps_the_row_and_moves_it_to_the_history(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    membership = CommitteeMembership.objects.get(person__account__username="member")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client_as("chair").post(
        f"/committee/members/{membership.pk}/end/",
        {"term_to": yesterday.isoformat(), "end_reason": "调离本院", "version": membership.version},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.term_to, membership.end_reason, membership.version) == (yesterday, "调离本院", 2)
    assert membership not in selectors.current_roster(court)
    assert membership in selectors.roster_history(court)
    entry = AuditEntry.objects.filter(action="committee.membership.end", object_id=str(membership.pk)).get()
    assert entry.actor_name == "刘建国"
    assert entry.data["after"]["end_reason"] == "调离本院"
    assert entry.court_id == court.pk


def test_a_term_cannot_end_twice_or_before_it_began(end_term: Callable[..., CommitteeMembership]) -> None:
    membership = CommitteeMembership.objects.get(person__account__username="member")
    with pytest.raises(ValidationError) as early:
        end_term(membership, dt.date(2023, 12, 31))
    assert "term_to" in early.value.message_dict
    ended = CommitteeMembership.objects.get(person__name="杨帆")
    with pytest.raises(ValidationError) as twice:
        end_term(ended, dt.date(2024, 1, 1))
    assert "2023-12-31" in twice.value.message_dict["term_to"][0]


def test_a_second_chair_for_overlapping_dates_is_refused_next_to_the_field(
    client_as: Callable[[str | None], Client], court: Court, person_of: Callable[[str], Person]
) -> None:
    leader = person_of("leader")
    response = client_as("office").post(
        f"/committee/courts/{court.pk}/members/add/",
        {"person": leader.pk, "position": Position.CHAIR, "term_from": "2026-01-01"},
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["position"]
    assert "刘建国" in message
    assert 'data-field-error="position"' in response.content.decode()
    assert not CommitteeMembership.objects.filter(person=leader).exists()


def test_a_new_chair_may_follow_when_the_old_term_has_ended(
    office: Account,
    court: Court,
    person_of: Callable[[str], Person],
    end_term: Callable[..., CommitteeMembership],
) -> None:
    chair = CommitteeMembership.objects.get(court=court, position=Position.CHAIR)
    end_term(chair, dt.date(2026, 6, 30), end_reason="换届")
    with pytest.raises(ValidationError):  # still overlaps the last day of the old term
        services.create_membership(
            actor=office,
            court=court,
            person=person_of("leader"),
            position=Position.CHAIR,
            term_from=dt.date(2026, 6, 30),
        )
    new = services.create_membership(
        actor=office,
        court=court,
        person=person_of("leader"),
        position=Position.CHAIR,
        term_from=dt.date(2026, 7, 1),
    )
    assert new.position == Position.CHAIR


def test_the_database_itself_refuses_two_open_chairs(
    court: Court, person_of: Callable[[str], Person]
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeMembership.objects.create(
            court=court, person=person_of("leader"), position=Position.CHAIR, term_from=dt.date(2026, 1, 1)
        )


@pytest.mark.parametrize(
    ("person", "position", "field"),
    [
        ("leader", Position.MEMBER, "member_kind"),
        ("judge2", Position.VICE_CHAIR, "person"),
        ("member", Position.VICE_CHAIR, "person"),
    ],
    ids=["a-member-needs-a-kind", "a-person-of-this-court", "one-seat-at-a-time"],
)
def test_a_term_is_refused_at_the_field_at_fault(
    office: Account,
    court: Court,
    person_of: Callable[[str], Person],
    person: str,
    position: Position,
    field: str,
) -> None:
    """A member needs a kind and a person of this court; a person holds one seat at a
    time (the member already sits)."""
    with pytest.raises(ValidationError) as refused:
        services.create_membership(
            actor=office,
            court=court,
            person=person_of(person),
            position=position,
            term_from=dt.date(2026, 1, 1),
        )
    assert field in refused.value.message_dict


def test_the_size_warning_shows_while_the_roster_differs_from_the_setting(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    client = client_as("office")
    page = client.get(_roster_url(court))
    assert page.context["size"].configured == 35
    assert page.context["size"].actual == 7  # chair, vice-chair, five members; the office does not count
    assert 'data-testid="size-warning"' in page.content.decode()
    settings = services.settings_of(court)
    saved = client.post(
        f"/committee/courts/{court.pk}/settings/",
        {"configured_size": 7, "quorum_percent": 50, "version": settings.version},
    )
    assert saved.status_code == 302
    assert 'data-testid="size-warning"' not in client.get(_roster_url(court)).content.decode()


def test_a_stale_settings_edit_is_refused_and_keeps_both_versions(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    url = f"/committee/courts/{court.pk}/settings/"
    version = services.settings_of(court).version
    first = client_as("office").post(url, {"configured_size": 30, "quorum_percent": 50, "version": version})
    assert first.status_code == 302
    second = client_as("chair").post(url, {"configured_size": 40, "quorum_percent": 60, "version": version})
    assert second.status_code == 200
    [error] = second.context["form"].non_field_errors().as_data()
    assert error.code == "stale"
    assert services.settings_of(court).configured_size == 30
    page = second.content.decode()
    assert 'value="40"' in page and 'data-testid="stale-current"' in page


def test_a_stale_membership_edit_is_refused(client_as: Callable[[str | None], Client]) -> None:
    membership = CommitteeMembership.objects.get(person__account__username="member")
    url = f"/committee/members/{membership.pk}/edit/"
    data = {"position": Position.MEMBER, "term_from": "2024-01-01", "version": membership.version}
    assert client_as("office").post(url, {**data, "member_kind": "unit_representative"}).status_code == 302
    second = client_as("vicechair").post(url, {**data, "member_kind": "judge_representative"})
    assert second.status_code == 200
    assert second.context["current"].member_kind == "unit_representative"
    membership.refresh_from_db()
    assert membership.member_kind == "unit_representative"


def test_bad_settings_are_shown_next_to_the_field(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    version = services.settings_of(court).version
    response = client_as("office").post(
        f"/committee/courts/{court.pk}/settings/",
        {"configured_size": 0, "quorum_percent": 100, "version": version},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"configured_size", "quorum_percent"}


def test_the_roster_page_does_not_grow_queries_with_rows(
    client_as: Callable[[str | None], Client], court: Court, seat: Callable[..., CommitteeMembership]
) -> None:
    client = client_as("member")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_roster_url(court)).status_code == 200
        return len(captured)

    seat()
    small = count()
    for _ in range(15):
        seat()
    assert count() == small
