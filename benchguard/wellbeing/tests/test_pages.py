"""The area's list pages, home panels and API lists keep a flat query count as rows
grow; a stale click is refused and keeps the stored row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Account, Court, Department, Person
from benchguard.organization.tests.factories import PersonFactory
from benchguard.wellbeing import services
from benchguard.wellbeing.choices import ActivityKind, LeaveKind, PayKind, PayProblem
from benchguard.wellbeing.models import LeaveRecord

pytestmark = pytest.mark.django_db


def _grow(count: int, personnel: Account, union: Account, court: Court) -> None:
    """`count` more people, each with a service start, a day of leave, a pay problem, an
    exam and an attendance."""
    department = Department.objects.filter(court=court).first()
    people = PersonFactory.create_batch(
        count, court=court, department=department, category=PersonCategory.SUPPORT_STAFF
    )
    activity = services.add_activity(
        actor=union, court=court, kind=ActivityKind.EVENT, title=f"活动{count}", starts_at=timezone.now()
    )
    for p in people:
        services.set_service_start(actor=personnel, person=p, service_start=dt.date(2015, 1, 1))
        services.record_leave(
            actor=personnel,
            person=p,
            kind=LeaveKind.ANNUAL,
            starts_on=dt.date(2025, 3, 3),
            ends_on=dt.date(2025, 3, 3),
        )
        services.report_pay_issue(
            actor=union,
            person=p,
            kind=PayKind.WAGES,
            problem=PayProblem.LATE,
            period="2025-03",
            description="迟发",
        )
        services.schedule_exam(actor=personnel, person=p, scheduled_on=timezone.localdate())
    services.record_attendance(actor=union, activity=activity, people=people)


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("personnel", "/wellbeing/leave/?year=2025"),
        ("personnel", "/wellbeing/pay/"),
        ("personnel", "/wellbeing/health/"),
        ("personnel", "/wellbeing/report/?year=2025"),
        ("union", "/wellbeing/activities/"),
        ("judge", "/wellbeing/"),
        ("counsellor", "/wellbeing/counselling/"),
        ("personnel", "/"),
        ("union", "/"),
        ("counsellor", "/"),
        ("personnel", "/api/wellbeing/leave/"),
        ("personnel", "/api/wellbeing/pay-issues/"),
        ("union", "/api/wellbeing/activities/"),
    ],
)
def test_pages_do_not_grow_queries_with_rows(
    client_as: Callable[[str | None], Client],
    persona: Callable[[str], Account],
    court: Court,
    who: str,
    url: str,
) -> None:
    client = client_as(who)
    personnel, union = persona("personnel"), persona("union")
    _grow(2, personnel, union, court)
    small = _queries(client, url)
    _grow(12, personnel, union, court)
    assert _queries(client, url) == small


def test_a_stale_cancel_is_refused_and_the_record_kept(
    client_as: Callable[[str | None], Client],
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
) -> None:
    chief = person_of("chief")
    personnel = persona("personnel")
    services.set_service_start(actor=personnel, person=chief, service_start=dt.date(2010, 1, 1))
    record = services.record_leave(
        actor=personnel,
        person=chief,
        kind=LeaveKind.SICK,
        starts_on=dt.date(2025, 3, 3),
        ends_on=dt.date(2025, 3, 4),
    )
    client = client_as("personnel")
    client.post(f"/wellbeing/leave/{record.pk}/cancel/", {"version": record.version + 1})
    assert not LeaveRecord.objects.get(pk=record.pk).is_cancelled
    client.post(f"/wellbeing/leave/{record.pk}/cancel/", {"version": record.version})
    assert LeaveRecord.objects.get(pk=record.pk).is_cancelled


def test_every_tab_of_the_nav_opens_for_everyone_who_sees_it(client_as: Callable[[str], Client]) -> None:
    """A tab that would answer 403 (or 404) is not offered: the city administrator, for
    one, reads no activities and no reading room, so is not shown those tabs."""
    import re

    from django.urls import reverse

    from benchguard.organization.demo import PERSONA_USERNAMES

    culture = {reverse("wellbeing:activity_list"), reverse("wellbeing:holding_list")}
    seen = set()
    for name in PERSONA_USERNAMES:
        client = client_as(name)
        html = client.get(reverse("wellbeing:mine")).content.decode()
        if 'data-testid="wellbeing-nav"' not in html:
            continue
        nav = html[html.index('data-testid="wellbeing-nav"') :].split("</ul>")[0]
        links = re.findall(r'href="([^"]+)"', nav)
        assert links, name
        seen.add(name)
        answers = {link: client.get(link).status_code for link in links}
        assert not {link: status for link, status in answers.items() if status in (403, 404)}, name
        if name == "cityadmin":
            assert not culture & set(links)
        if name == "union":
            assert culture <= set(links)
    assert {"cityadmin", "union", "judge"} <= seen
