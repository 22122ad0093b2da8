"""Safety training and drills (A11; issue 15 part 4): courses, sessions and attendance;
the list of people not trained within the court's period, right at its boundary; the
untrained judges at risk flagged to the committee office; drills on the emergency plans
with their follow-ups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchguard.after_hours import services as after_hours
from benchguard.core.services import StaleEditError
from benchguard.notifications.models import Notification
from benchguard.organization import services as organization
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Account, Court, Person
from benchguard.training import selectors, services
from benchguard.training.choices import CourseKind, FollowUpStatus
from benchguard.training.models import Attendance, Course, Drill, DrillFollowUp, Session

pytestmark = pytest.mark.django_db

Persona = Callable[[str], Account]
PersonOf = Callable[[str], Person]
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 12, 2)
NOON = dt.datetime(2026, 12, 2, 12, tzinfo=SHANGHAI)


def _newcomer(court: Court, name: str) -> Person:
    return organization.create_person(
        actor=None, court=court, name=name, category=PersonCategory.SUPPORT_STAFF, position="书记员"
    )


def _listed(court_id: int, today: dt.date | None = None) -> dict[int, Any]:
    """The untrained list by person id (each with `last_trained` and `at_risk`)."""
    return {person.pk: person for person in selectors.untrained_in(court_id, today)}


def _session(persona: Persona, court: Court, held_on: dt.date, kind: str = CourseKind.RISK) -> Session:
    course = Course.objects.filter(court=court, kind=kind).first() or services.create_course(
        actor=persona("personnel"), court=court, title=f"课程-{kind}", kind=kind
    )
    return services.add_session(
        actor=persona("personnel"), course=course, held_on=held_on, place="多功能厅", trainer="讲师",
        hours=Decimal("2"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-12-02", 12, "2025-12-02"),
        ("2026-03-31", 1, "2026-02-28"),  # no 31 February: the month's last day
        ("2024-03-31", 1, "2024-02-29"),  # a leap year
        ("2026-01-15", 1, "2025-12-15"),  # across the year
        ("2026-05-31", 6, "2025-11-30"),
    ],
)
def test_months_before_is_worked_out_by_hand(day: str, months: int, expected: str) -> None:
    assert selectors.months_before(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)


@time_machine.travel(NOON, tick=False)
def test_the_untrained_list_is_right_at_the_periods_boundary(court: Court, persona: Persona) -> None:
    on_the_day, day_before, never = (_newcomer(court, name) for name in ("边界甲", "边界乙", "边界丙"))
    # 12 months by default: a session on 2025-12-02 still counts on 2026-12-02, one on
    # 2025-12-01 no longer does.
    with time_machine.travel(dt.datetime(2025, 12, 2, 12, tzinfo=SHANGHAI), tick=False):
        services.record_attendance(
            actor=persona("personnel"),
            session=_session(persona, court, dt.date(2025, 12, 2)),
            people=[on_the_day],
        )
    with time_machine.travel(dt.datetime(2025, 12, 1, 12, tzinfo=SHANGHAI), tick=False):
        services.record_attendance(
            actor=persona("personnel"),
            session=_session(persona, court, dt.date(2025, 12, 1)),
            people=[day_before],
        )

    assert selectors.counts_from(court.pk, TODAY) == dt.date(2025, 12, 2)
    listed = _listed(court.pk, TODAY)
    assert on_the_day.pk not in listed
    assert listed[day_before.pk].last_trained == dt.date(2025, 12, 1)
    assert listed[never.pk].last_trained is None

    # A court that counts six months: both are due again.
    rules = selectors.settings_for(court.pk)
    rules.period_months = 6
    rules.save()
    assert on_the_day.pk in {person.pk for person in selectors.untrained_in(court.pk, TODAY)}


@time_machine.travel(NOON, tick=False)
def test_a_course_that_is_not_safety_training_does_not_count(court: Court, persona: Persona) -> None:
    reader = _newcomer(court, "读书会")
    session = _session(persona, court, TODAY - dt.timedelta(days=3), kind=CourseKind.OTHER)
    services.record_attendance(actor=persona("personnel"), session=session, people=[reader])
    assert reader.pk in {person.pk for person in selectors.untrained_in(court.pk, TODAY)}


def test_a_judge_under_protection_is_at_risk_until_it_ends(
    court: Court, persona: Persona, person_of: PersonOf
) -> None:
    judge = _newcomer(court, "风险法官")
    organization_judge = person_of("judge")
    now = timezone.now()
    after_hours.request_protection(
        actor=persona("judge"), judge=organization_judge, risk="当事人扬言报复。", place="住所",
        starts_at=now, ends_at=now + dt.timedelta(days=3),
    )  # fmt: skip
    rows = _listed(court.pk)
    assert rows[organization_judge.pk].at_risk is True
    assert rows[judge.pk].at_risk is False
    with time_machine.travel(now + dt.timedelta(days=4)):
        rows = _listed(court.pk)
        protection_over = rows[organization_judge.pk].at_risk
    flagged = organization_judge.cases_in_charge.exclude(stage="closed").exclude(
        flagged_at=None, risk_level=None
    )
    assert protection_over is flagged.exists()  # still at risk only if a flagged case of theirs is open


def test_attendance_is_recorded_once_whatever_the_clicks(court: Court, persona: Persona) -> None:
    person = _newcomer(court, "重复点击")
    session = _session(persona, court, timezone.localdate() - dt.timedelta(days=1))
    assert (
        services.record_attendance(actor=persona("personnel"), session=session, people=[person, person]) == 1
    )
    assert services.record_attendance(actor=persona("personnel"), session=session, people=[person]) == 0
    assert Attendance.objects.filter(session=session, person=person).count() == 1


def test_attendance_of_a_session_not_yet_held_is_refused(court: Court, persona: Persona) -> None:
    session = _session(persona, court, timezone.localdate() + dt.timedelta(days=7))
    with pytest.raises(ValidationError) as refused:
        services.record_attendance(
            actor=persona("personnel"), session=session, people=[_newcomer(court, "未来")]
        )
    assert "people" in refused.value.error_dict
    assert not session.attendance.exists()


def test_another_courts_person_or_keeper_is_refused(
    court: Court, persona: Persona, person_of: PersonOf
) -> None:
    session = _session(persona, court, timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.record_attendance(actor=persona("personnel"), session=session, people=[person_of("judge2")])
    for username in ("judge", "office", "leader", "judge2", "cityadmin"):
        with pytest.raises(PermissionDenied):
            services.record_attendance(actor=persona(username), session=session, people=[person_of("judge")])


def test_a_course_title_is_one_per_court(court: Court, persona: Persona) -> None:
    services.create_course(
        actor=persona("personnel"), court=court, title="同名课程", kind=CourseKind.SECURITY
    )
    with pytest.raises(ValidationError) as refused:
        services.create_course(
            actor=persona("personnel"), court=court, title=" 同名课程 ", kind=CourseKind.RISK
        )
    assert [e.code for e in refused.value.error_dict["title"]] == ["duplicate"]


def _drill_with_follow_up(
    court: Court, persona: Persona, person_of: PersonOf, *, by: str
) -> tuple[Drill, DrillFollowUp]:
    """Yesterday's evacuation drill and its follow-up (emergency lights, the police's, due in
    five days) added by `by`."""
    drill = services.record_drill(
        actor=persona("police"), court=court, held_on=timezone.localdate() - dt.timedelta(days=1),
        scenario="疏散演练", participants=[person_of("police"), person_of("guard")],
    )  # fmt: skip
    item = services.add_follow_up(
        actor=persona(by), drill=drill, action="补充应急灯", owner=person_of("police"),
        due_on=timezone.localdate() + dt.timedelta(days=5),
    )  # fmt: skip
    return drill, item


def test_a_drill_and_its_follow_up_closed_once(court: Court, persona: Persona, person_of: PersonOf) -> None:
    _drill, item = _drill_with_follow_up(court, persona, person_of, by="office")
    assert Notification.objects.filter(kind="training.follow_up", recipient__username="police").exists()
    with pytest.raises(ValidationError):
        services.close_follow_up(
            actor=persona("police"), follow_up=item, note="  ", expected_version=item.version
        )
    closed = services.close_follow_up(
        actor=persona("police"), follow_up=item, note="已补充。", expected_version=item.version
    )
    assert closed.status == FollowUpStatus.DONE
    with pytest.raises(StaleEditError):
        services.close_follow_up(
            actor=persona("police"), follow_up=item, note="再次", expected_version=item.version
        )
    with pytest.raises(ValidationError):
        services.close_follow_up(
            actor=persona("police"), follow_up=item, note="再次", expected_version=closed.version
        )


def test_a_drill_in_the_future_or_without_participants_is_refused(
    court: Court, persona: Persona, person_of: PersonOf
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.record_drill(
            actor=persona("police"), court=court, held_on=timezone.localdate() + dt.timedelta(days=1),
            scenario="演练", participants=[person_of("police")],
        )  # fmt: skip
    assert "held_on" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.record_drill(
            actor=persona("police"),
            court=court,
            held_on=timezone.localdate(),
            scenario="演练",
            participants=[],
        )
    assert "participants" in refused.value.error_dict
    with pytest.raises(PermissionDenied):
        services.record_drill(
            actor=persona("personnel"), court=court, held_on=timezone.localdate(), scenario="演练",
            participants=[person_of("police")],
        )  # fmt: skip


def test_the_office_is_told_once_of_each_untrained_judge_at_risk(
    court: Court, persona: Persona, person_of: PersonOf
) -> None:
    now = timezone.now()
    after_hours.request_protection(
        actor=persona("judge"), judge=person_of("judge"), risk="当事人扬言报复。", place="住所",
        starts_at=now, ends_at=now + dt.timedelta(days=3),
    )  # fmt: skip
    services.flag_untrained_at_risk()
    services.flag_untrained_at_risk()  # a second run sends nothing new

    told = Notification.objects.filter(kind="training.untrained", recipient__username="office")
    assert told.filter(title__contains="王立明").count() == 1
    assert not Notification.objects.filter(kind="training.untrained", recipient__username="leader").exists()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_untrained_list_does_not_grow_queries_with_people(
    court: Court, client_as: Callable[[str | None], Client]
) -> None:
    client = client_as("personnel")
    url = reverse("training:untrained")
    for index in range(3):
        _newcomer(court, f"新人{index}")
    small = _queries(client, url)
    for index in range(3, 40):
        _newcomer(court, f"新人{index}")
    assert _queries(client, url) == small


def test_a_refused_course_keeps_what_was_typed(
    court: Court, client_as: Callable[[str | None], Client]
) -> None:
    client = client_as("personnel")
    client.post(reverse("training:course_list"), {"court": court.pk, "title": "重名", "kind": "risk"})
    again = client.post(
        reverse("training:course_list"),
        {"court": court.pk, "title": "重名", "kind": "security", "description": "说明文字"},
    )
    assert again.context["form"].errors["title"]
    assert "说明文字" in again.content.decode()
    assert Course.objects.filter(court=court, title="重名").count() == 1


def test_the_demo_sessions_and_drill_are_on_working_days(db: None) -> None:
    """Whenever the demo is loaded (a Saturday included), its courses and its drill are
    held Monday to Friday."""
    from benchguard.training.demo import RISK_COURSE, SECURITY_COURSE
    from benchguard.training.models import Session

    sessions = Session.objects.filter(course__title__in=[RISK_COURSE, SECURITY_COURSE])
    days = [*sessions.values_list("held_on", flat=True), *Drill.objects.values_list("held_on", flat=True)]
    assert len(days) >= 4
    assert all(day.weekday() < 5 for day in days), days


def test_the_demo_drill_follows_the_plan_for_sudden_events_at_hearings(db: None) -> None:
    """The demo drill's scenario is a threat in the trial area: its plan is the hearing plan."""
    from benchguard.incidents.choices import PlanKind

    drill = Drill.objects.select_related("plan").get(scenario__startswith="当事人在审判区")
    assert drill.plan is not None
    assert drill.plan.kind == PlanKind.HEARING


def test_closing_a_follow_up_without_saying_what_was_done_says_so_beside_the_box(
    court: Court, persona: Persona, person_of: PersonOf, client_as: Callable[[str], Client]
) -> None:
    drill, item = _drill_with_follow_up(court, persona, person_of, by="police")
    url = reverse("training:close_follow_up", args=[drill.pk, item.pk])
    page = client_as("police").post(url, {"version": item.version, "note": "  "})
    assert page.status_code == 200
    body = page.content.decode()
    error = body.split('data-testid="note-error">')[1].split("<")[0]
    assert error == "请填写为办结整改事项所采取的措施。"
    assert "完成期限" in body  # the deadline's column, not 操作人 ("by whom")
    item.refresh_from_db()
    assert item.status == FollowUpStatus.OPEN
