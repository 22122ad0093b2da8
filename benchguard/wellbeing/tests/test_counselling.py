"""Confidential counselling (A23): a session's content and even the fact that it exists
are visible to its counsellor and its person only — not to the court's leaders, the
committee office, the personnel office, the court's system administrator or the city
administrator: not in pages, the API, exports, the admin or the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from benchguard.core.audit_visibility import AuditView, withheld
from benchguard.core.models import AuditEntry
from benchguard.notifications.models import Notification
from benchguard.organization.models import Account, Person
from benchguard.wellbeing import selectors, services
from benchguard.wellbeing.choices import SessionStatus
from benchguard.wellbeing.models import CounsellingRoom, CounsellingSession

pytestmark = pytest.mark.django_db

OTHERS = [
    "leader",
    "chair",
    "office",
    "personnel",
    "union",
    "admin",
    "cityadmin",
    "staff",
    "judge2",
    "outsider",
]


def _at(days: int, hour: int) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour))
    )


@pytest.fixture
def room(db: None) -> CounsellingRoom:
    return CounsellingRoom.objects.get(court__division_code="370200", name="心理咨询室")


@pytest.fixture
def booked(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], room: CounsellingRoom
) -> CounsellingSession:
    """李静 books her own session with 吕佳 in five days."""
    return services.book_session(
        actor=persona("staff"),
        person=person_of("staff"),
        counsellor=persona("counsellor"),
        room=room,
        starts_at=_at(5, 10),
        ends_at=_at(5, 11),
    )


def _counsellor_books(
    persona: Callable[[str], Account],
    person: Person,
    room: CounsellingRoom,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
) -> CounsellingSession:
    """吕佳 books a session with herself as the counsellor for `person`."""
    counsellor = persona("counsellor")
    return services.book_session(
        actor=counsellor,
        person=person,
        counsellor=counsellor,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
    )


def test_only_the_counsellor_and_the_person_see_a_session(
    booked: CounsellingSession, persona: Callable[[str], Account]
) -> None:
    assert booked in selectors.sessions_for(persona("staff"))
    assert booked in selectors.sessions_for(persona("counsellor"))
    for who in OTHERS:
        if who == "staff":
            continue
        assert not selectors.sessions_for(persona(who)).filter(pk=booked.pk).exists(), who
        with pytest.raises(PermissionDenied):
            services.open_session(actor=persona(who), session=booked)


@pytest.mark.parametrize("who", [w for w in OTHERS if w != "staff"])
def test_no_page_or_api_shows_it_to_anyone_else(
    booked: CounsellingSession, client_as: Callable[[str | None], Client], who: str
) -> None:
    client = client_as(who)
    assert client.get(f"/wellbeing/counselling/{booked.pk}/").status_code == 404
    assert client.get(f"/api/wellbeing/counselling/{booked.pk}/").status_code == 404
    listed = client.get("/api/wellbeing/counselling/").json()
    assert booked.pk not in [row["id"] for row in listed["results"]]
    for page in ("/wellbeing/counselling/", "/wellbeing/report/", "/", "/wellbeing/leave/export/"):
        response = client.get(page)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            text = response.content.decode()
            assert f"/wellbeing/counselling/{booked.pk}/" not in text
            assert (
                booked.starts_at.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d %H:%M")
                not in text
            )


def test_the_two_parties_open_it_and_the_look_is_logged(
    booked: CounsellingSession, client_as: Callable[[str | None], Client]
) -> None:
    for who in ("staff", "counsellor"):
        page = client_as(who).get(f"/wellbeing/counselling/{booked.pk}/")
        assert page.status_code == 200 and "李静" in page.content.decode()
    api = client_as("staff").get(f"/api/wellbeing/counselling/{booked.pk}/").json()
    assert "notes" not in api and api["status"] == "booked"
    assert AuditEntry.objects.filter(action="wellbeing.session.open", object_id=str(booked.pk)).count() == 3


def test_it_is_not_in_the_admin_and_the_audit_trail_withholds_even_who_acted(
    booked: CounsellingSession, client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    assert CounsellingSession not in admin.site._registry
    line = AuditEntry.objects.filter(action="wellbeing.session.book", object_id=str(booked.pk)).get()
    assert line.actor_name == "李静"  # stored as written: the chain still verifies
    for who in ("admin", "cityadmin", "leader", "office"):
        shown = AuditView(persona(who)).shown(line)
        assert shown.actor_name == withheld() and shown.actor_id is None
        assert shown.object_repr == withheld()
        assert shown.data["after"]["person"] == withheld()
    for who in ("admin", "cityadmin"):
        client = client_as(who)
        found_by_action = client.get("/admin/core/auditentry/", {"q": "wellbeing.session"})
        listing = found_by_action.content.decode()
        assert "李静" not in listing and "吕佳" not in listing
        # Not even the line: its time beside a named sign-in would say whose session it is.
        assert found_by_action.context["cl"].result_count == 0
        everything = client.get("/admin/core/auditentry/").context["cl"].result_list
        assert line.pk not in {entry.pk for entry in everything}
        assert client.get(f"/admin/core/auditentry/{line.pk}/change/").status_code in (302, 404)
        # Searching for her name does not find the line (the count would tell).
        found = client.get("/admin/core/auditentry/", {"q": "李静"})
        assert f"/admin/core/auditentry/{line.pk}/" not in found.content.decode()
        detail = client.get(f"/admin/core/auditentry/{line.pk}/change/").content.decode()
        assert "李静" not in detail


def test_no_notification_names_a_session(booked: CounsellingSession) -> None:
    assert not Notification.objects.filter(url__contains="/wellbeing/counselling/").exists()


def test_a_counsellor_cannot_book_herself_as_the_client(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], room: CounsellingRoom
) -> None:
    with pytest.raises(ValidationError) as refused:
        _counsellor_books(persona, person_of("counsellor"), room, _at(5, 10), _at(5, 11))
    assert refused.value.error_dict["counsellor"][0].code == "self"
    assert not CounsellingSession.objects.filter(person=person_of("counsellor")).exists()


def test_the_room_and_the_counsellor_are_never_booked_twice(
    booked: CounsellingSession,
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
    room: CounsellingRoom,
) -> None:
    with pytest.raises(ValidationError) as taken:
        _counsellor_books(
            persona, person_of("police"), room, _at(5, 10) + dt.timedelta(minutes=30), _at(5, 12)
        )
    assert taken.value.error_dict["starts_at"][0].code == "room_taken"
    # Right after it, the room is free again.
    _counsellor_books(persona, person_of("police"), room, _at(5, 11), _at(5, 12))
    # A cancelled session frees its slot.
    services.cancel_session(actor=persona("staff"), session=booked, expected_version=booked.version)
    _counsellor_books(persona, person_of("police"), room, _at(5, 10), _at(5, 11))


def test_the_refusals_of_a_booking(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], room: CounsellingRoom
) -> None:
    def code(actor: str, person: str, counsellor: str = "counsellor", **times: dt.datetime) -> str:
        facts = {"starts_at": _at(6, 9), "ends_at": _at(6, 10), **times}
        with pytest.raises((ValidationError, PermissionDenied)) as refused:
            services.book_session(
                actor=persona(actor),
                person=person_of(person),
                counsellor=persona(counsellor),
                room=room,
                **facts,
            )
        error = refused.value
        if not isinstance(error, ValidationError):
            return "denied"
        return str(next(iter(error.error_dict.values()))[0].code)

    assert code("leader", "judge") == "denied"  # nobody books for someone else but a counsellor
    assert code("staff", "staff", counsellor="personnel") == "not_counsellor"
    assert code("staff", "staff", ends_at=_at(6, 8)) == "order"
    assert code("staff", "staff", starts_at=_at(-1, 9), ends_at=_at(-1, 10)) == "past"
    assert code("judge2", "judge2") == "not_counsellor"  # no counsellor in the base court


def test_the_counsellor_records_the_session_and_the_notes_stay_out_of_the_trail(
    booked: CounsellingSession, persona: Callable[[str], Account]
) -> None:
    with pytest.raises(PermissionDenied):
        services.record_session(actor=persona("staff"), session=booked, notes="…")
    held = services.record_session(actor=persona("counsellor"), session=booked, notes="睡眠问题，建议复诊。")
    assert held.status == SessionStatus.HELD
    line = AuditEntry.objects.filter(action="wellbeing.session.record").latest("id")
    assert line.data["after"]["notes"] == "***"
    assert "睡眠" not in str(line.data)
    held.refresh_from_db()
    assert held.notes == "睡眠问题，建议复诊。"


def test_the_counsellor_sees_counts_by_category_never_other_names(
    booked: CounsellingSession, client_as: Callable[[str | None], Client]
) -> None:
    page = client_as("counsellor").get("/wellbeing/counselling/")
    counts = {label: (held, b) for label, held, b in page.context["counts"]}
    assert sum(b for _h, b in counts.values()) >= 2  # the demo's and this one
    for who in ("leader", "personnel", "staff"):
        text = client_as(who).get("/wellbeing/counselling/").content.decode()
        assert 'data-testid="session-counts"' not in text  # counts are the counsellor's
