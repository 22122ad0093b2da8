"""Legal time limits (A26.4): every expected date below was worked out by hand from the
State Council schedules as carried by chinese-calendar, and the first test checks that
our table agrees with that package day by day.

The 2026 schedule (weekday → what the table says):
  元旦   Thu 1 Jan – Sat 3 Jan off; Sun 4 Jan make-up workday
  春节   Sun 15 Feb – Mon 23 Feb off; Sat 14 Feb and Sat 28 Feb make-up workdays
  清明   Sat 4 Apr – Mon 6 Apr off
  劳动节 Fri 1 May – Tue 5 May off; Sat 9 May make-up workday
  端午   Fri 19 Jun – Sun 21 Jun off
  中秋   Fri 25 Sep – Sun 27 Sep off; Sun 20 Sep make-up workday
  国庆节 Thu 1 Oct – Wed 7 Oct off; Sat 10 Oct make-up workday
2025: 春节 Tue 28 Jan – Tue 4 Feb off (Sun 26 Jan, Sat 8 Feb make-up workdays).
2027 is provisional (the package stops at 2026). Its statutory days, worked out by hand
(lunar dates checked against lunardate, 清明 against chinese-calendar's solar terms):
  元旦   Fri 1 Jan
  春节   除夕 Fri 5 Feb, 初一 Sat 6, 初二 Sun 7, 初三 Mon 8 → 补假 Tue 9, Wed 10 Feb
  清明   Mon 5 Apr
  劳动节 Sat 1, Sun 2 May → 补假 Mon 3, Tue 4 May
  端午   (五月初五) Wed 9 Jun
  中秋   (八月十五) Wed 15 Sep
  国庆节 Fri 1, Sat 2, Sun 3 Oct → 补假 Mon 4, Tue 5 Oct
No 调休 (bridge days, make-up workdays): that is the State Council's to publish.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterator
from datetime import date
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
import time_machine
from chinese_calendar import constants
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchguard.core import deadlines, jobs
from benchguard.core.choices import CalendarDayKind, CalendarSource
from benchguard.core.deadlines import (
    days_left,
    due_date,
    extend,
    is_provisional,
    is_working_day,
    provisional_years,
    seed_calendar,
)
from benchguard.core.models import AuditEntry, CalendarDay, CalendarYear
from benchguard.core.tasks import seed_calendar as seed_calendar_job

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


# The demo seeds 2025–2027 and the years around the day it runs: from 2027 on, the table
# would also hold 2028 (and more), and the tests of a year never seeded would depend on
# the date the suite runs. They start from the table as the demo leaves it in 2026.
SEEDED_IN_2026 = (2025, 2026, 2027)


@pytest.fixture
def calendar_seeded_in_2026() -> None:
    CalendarDay.objects.exclude(date__year__in=SEEDED_IN_2026).delete()
    CalendarYear.objects.exclude(year__in=SEEDED_IN_2026).delete()


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


# --- The table agrees with the official schedule -------------------------------------


def test_the_table_agrees_with_the_official_schedule_for_every_day_of_2025_and_2026() -> None:
    calendar = deadlines.WorkingCalendar()
    wrong = [
        day
        for day in _days(date(2025, 1, 1), date(2026, 12, 31))
        if calendar.is_working_day(day) != chinese_calendar.is_workday(day)
    ]
    assert wrong == []


def test_only_exceptions_to_the_normal_week_are_stored() -> None:
    rows = CalendarDay.objects.filter(date__year=2026)
    assert all(r.date.weekday() < 5 for r in rows if r.kind == CalendarDayKind.HOLIDAY)
    assert all(r.date.weekday() >= 5 for r in rows if r.kind == CalendarDayKind.WORKDAY)
    assert str(CalendarDay.objects.get(date=date(2026, 2, 16))) == "2026-02-16 春节"


def test_working_days_by_hand() -> None:
    assert is_working_day(date(2026, 3, 2))  # an ordinary Monday
    assert not is_working_day(date(2026, 3, 7))  # an ordinary Saturday
    assert not is_working_day(date(2026, 2, 16))  # Monday in 春节
    assert is_working_day(date(2026, 2, 14))  # Saturday, make-up workday before 春节
    assert is_working_day(date(2026, 1, 4))  # Sunday, make-up workday after 元旦
    assert not is_working_day(date(2027, 1, 1))  # provisional 2027: 元旦 is fixed


# --- Calendar days: the start day not counted, the last day rolled --------------------

CALENDAR_CASES = [
    # (a) Mon 2 Mar + 30: 2 Mar + 29 = 31 Mar, + 30 = Wed 1 Apr, a working day.
    (date(2026, 3, 2), date(2026, 4, 1)),
    # (b) Thu 12 Mar + 30: 12 Mar + 19 = 31 Mar, + 30 = Sat 11 Apr → Mon 13 Apr.
    (date(2026, 3, 12), date(2026, 4, 13)),
    # (c) Mon 19 Jan + 30: 19 Jan + 12 = 31 Jan, + 30 = Wed 18 Feb, inside 春节 (15–23 Feb)
    #     → Tue 24 Feb (the make-up Saturday 28 Feb comes later and does not matter).
    (date(2026, 1, 19), date(2026, 2, 24)),
    # (c) Thu 15 Jan + 30: 15 Jan + 16 = 31 Jan, + 30 = Sat 14 Feb, a make-up workday: stays.
    (date(2026, 1, 15), date(2026, 2, 14)),
    # (c) Thu 29 Jan + 30: 29 Jan + 2 = 31 Jan, + 30 = Sat 28 Feb, a make-up workday: stays.
    (date(2026, 1, 29), date(2026, 2, 28)),
    # (d) Wed 1 Apr + 30: 1 Apr + 29 = 30 Apr, + 30 = Fri 1 May, 劳动节 (1–5 May) → Wed 6 May.
    (date(2026, 4, 1), date(2026, 5, 6)),
    # (d) Thu 9 Apr + 30: 9 Apr + 21 = 30 Apr, + 30 = Sat 9 May, a make-up workday: stays.
    (date(2026, 4, 9), date(2026, 5, 9)),
    # (e) Thu 3 Sep + 30: 3 Sep + 27 = 30 Sep, + 30 = Sat 3 Oct, 国庆节 (1–7 Oct) → Thu 8 Oct.
    (date(2026, 9, 3), date(2026, 10, 8)),
    # (e) Thu 10 Sep + 30: 10 Sep + 20 = 30 Sep, + 30 = Sat 10 Oct, a make-up workday: stays.
    (date(2026, 9, 10), date(2026, 10, 10)),
    # (e) Fri 21 Aug + 30: 21 Aug + 10 = 31 Aug, + 30 = Sun 20 Sep, a make-up workday: stays.
    (date(2026, 8, 21), date(2026, 9, 20)),
    # 中秋: Wed 26 Aug + 30: 26 Aug + 5 = 31 Aug, + 30 = Fri 25 Sep (25–27 Sep off) → Mon 28 Sep.
    (date(2026, 8, 26), date(2026, 9, 28)),
    # 清明: Thu 5 Mar + 30: 5 Mar + 26 = 31 Mar, + 30 = Sat 4 Apr (4–6 Apr off) → Tue 7 Apr.
    (date(2026, 3, 5), date(2026, 4, 7)),
    # Accepted on a holiday: Thu 1 Oct + 30 = Sat 31 Oct → Mon 2 Nov (the start day is not
    # counted whatever it is).
    (date(2026, 10, 1), date(2026, 11, 2)),
    # 2025 春节: Wed 1 Jan + 30 = Fri 31 Jan (28 Jan – 4 Feb off) → Wed 5 Feb 2025.
    (date(2025, 1, 1), date(2025, 2, 5)),
    # Across 2025→2026: Tue 2 Dec 2025 + 29 = 31 Dec, + 30 = Thu 1 Jan 2026 (元旦, 1–3 Jan
    # off) → Sun 4 Jan 2026, a make-up workday: the period ends on a Sunday.
    (date(2025, 12, 2), date(2026, 1, 4)),
    # (f) Across 2026→2027: Wed 2 Dec 2026 + 30 = Fri 1 Jan 2027 (元旦, provisional) →
    # Sat 2, Sun 3 → Mon 4 Jan 2027.
    (date(2026, 12, 2), date(2027, 1, 4)),
]


@pytest.mark.parametrize(("start", "expected"), CALENDAR_CASES)
def test_it_rolls_a_holiday_deadline_to_the_next_working_day(start: date, expected: date) -> None:
    assert due_date(start, 30) == expected
    assert chinese_calendar.is_workday(expected) if expected.year <= 2026 else True


def test_a_due_date_in_a_provisional_year_says_so() -> None:
    start = date(2026, 12, 2)
    due = due_date(start, 30)  # Mon 4 Jan 2027, see CALENDAR_CASES (f)
    assert provisional_years(start, due) == [2027]
    assert is_provisional(2027)
    assert not is_provisional(2026)
    assert provisional_years(date(2026, 3, 2), due_date(date(2026, 3, 2), 30)) == []


def test_a_provisional_year_knows_its_lunar_holidays() -> None:
    # Thu 7 Jan 2027 + 24 = 31 Jan, + 30 = Sat 6 Feb 2027 = 春节 (正月初一); Sun 7 (初二),
    # Mon 8 (初三), Tue 9 and Wed 10 (补假 for 初一 and 初二 on the weekend) → Thu 11 Feb.
    # It may still move when the official 2027 table arrives: the year stays provisional.
    due = due_date(date(2027, 1, 7), 30)
    assert due == date(2027, 2, 11)
    assert is_provisional(2027)
    for holiday in (date(2027, 2, 5), date(2027, 2, 8), date(2027, 2, 9), date(2027, 2, 10)):
        assert not is_working_day(holiday)


PROVISIONAL_2027 = {
    "2027-01-01": "元旦",
    "2027-02-05": "春节",
    "2027-02-08": "春节",
    "2027-02-09": "春节补假",
    "2027-02-10": "春节补假",
    "2027-04-05": "清明节",
    "2027-05-03": "劳动节补假",
    "2027-05-04": "劳动节补假",
    "2027-06-09": "端午节",
    "2027-09-15": "中秋节",
    "2027-10-01": "国庆节",
    "2027-10-04": "国庆节补假",
    "2027-10-05": "国庆节补假",
}


def test_a_provisional_year_holds_the_statutory_days_worked_out_by_hand() -> None:
    rows = CalendarDay.objects.filter(date__year=2027)
    assert {row.date.isoformat(): row.name for row in rows} == PROVISIONAL_2027
    assert {(row.kind, row.source) for row in rows} == {(CalendarDayKind.HOLIDAY, CalendarSource.STATUTORY)}
    assert all("provisional" in row.note for row in rows)
    # Each statutory day on a weekday, and 4 + 1 + 1 + 1 + 1 + 2 + 3 = 13 statutory days
    # in all: the ones on weekends are made up by the 补假.
    assert len(PROVISIONAL_2027) == 13


@pytest.mark.usefixtures("calendar_seeded_in_2026")
def test_a_year_never_seeded_has_no_calendar_and_says_so() -> None:
    # 2029 was never seeded: no silent fallback to plain weekdays.
    with pytest.raises(deadlines.CalendarNotSeeded) as refused:
        is_working_day(date(2029, 3, 1))
    assert refused.value.year == 2029
    assert copy.deepcopy(refused.value).messages == refused.value.messages
    assert "2029" in " ".join(refused.value.messages)
    # Wed 5 Dec 2027 + 30 = 4 Jan 2028: 2028 was not seeded either.
    with pytest.raises(deadlines.CalendarNotSeeded):
        due_date(date(2027, 12, 5), 30)
    # A period that stays in a seeded year is not troubled by the unseeded next one.
    assert due_date(date(2027, 11, 1), 30) == date(2027, 12, 1)
    seed_calendar([2028])
    # Once seeded: Tue 4 Jan 2028 is a working day (元旦's 补假 was Mon 3 Jan).
    assert due_date(date(2027, 12, 5), 30) == date(2028, 1, 4)


@pytest.mark.usefixtures("calendar_seeded_in_2026")
def test_a_refused_service_call_shows_the_missing_calendar_as_a_message() -> None:
    from django import forms

    from benchguard.core.forms import call_service

    form = forms.Form(data={})
    form.is_valid()
    result, _current = call_service(form, lambda: due_date(date(2029, 1, 2), 30))
    assert result is None
    assert any("2029" in error for error in form.non_field_errors())


# --- (g) Working days ------------------------------------------------------------------

WORKING_DAY_CASES = [
    # Mon 2 Mar + 10 working days: 3,4,5,6 (4), 9–13 (9), Mon 16 Mar (10).
    (date(2026, 3, 2), 10, date(2026, 3, 16)),
    # Mon 28 Sep + 5: Tue 29 (1), Wed 30 (2), 1–7 Oct off, Thu 8 (3), Fri 9 (4),
    # Sat 10 Oct make-up workday (5).
    (date(2026, 9, 28), 5, date(2026, 10, 10)),
    # Fri 13 Feb + 3: Sat 14 Feb make-up workday (1), 15–23 off, Tue 24 (2), Wed 25 (3).
    (date(2026, 2, 13), 3, date(2026, 2, 25)),
    # Sat 3 Oct (a holiday) + 1: 4–7 Oct off → Thu 8 Oct.
    (date(2026, 10, 3), 1, date(2026, 10, 8)),
]


@pytest.mark.parametrize(("start", "days", "expected"), WORKING_DAY_CASES)
def test_it_counts_working_days_when_the_court_says_so(start: date, days: int, expected: date) -> None:
    assert due_date(start, days, calendar_days=False) == expected


# --- Suspension: the paused days are not counted ---------------------------------------

PAUSE_CASES = [
    # Suspended 10 Mar, resumed 17 Mar: 11–17 Mar not counted (7 days).
    # Counted: 3–10 Mar (8), then from 18 Mar: 22 more → 18 Mar + 21 = Wed 8 Apr.
    (date(2026, 3, 2), [(date(2026, 3, 10), date(2026, 3, 17))], date(2026, 4, 8)),
    # 3 days paused: 1 Apr + 3 = Sat 4 Apr (清明 4–6 Apr) → Tue 7 Apr.
    (date(2026, 3, 2), [(date(2026, 3, 10), date(2026, 3, 13))], date(2026, 4, 7)),
    # Recomputed, not shifted: 12 Mar + 30 = Sat 11 Apr → Mon 13 Apr; with 2 days paused
    # 12 Mar + 32 = Mon 13 Apr. Shifting the rolled Monday by 2 would wrongly give 15 Apr.
    (date(2026, 3, 12), [(date(2026, 3, 20), date(2026, 3, 22))], date(2026, 4, 13)),
    # Overlapping pauses count once: (10, 17] ∪ (15, 20] = (10, 20] = 10 days:
    # 2 Mar + 40 = Sat 11 Apr → Mon 13 Apr.
    (
        date(2026, 3, 2),
        [(date(2026, 3, 10), date(2026, 3, 17)), (date(2026, 3, 15), date(2026, 3, 20))],
        date(2026, 4, 13),
    ),
    # Suspended and resumed the same day: nothing paused → Wed 1 Apr.
    (date(2026, 3, 2), [(date(2026, 3, 10), date(2026, 3, 10))], date(2026, 4, 1)),
    # Suspended on the last day (1 Apr): the clock has already run out → Wed 1 Apr.
    (date(2026, 3, 2), [(date(2026, 4, 1), date(2026, 4, 10))], date(2026, 4, 1)),
    # Suspended the day before (31 Mar, 29 days used), resumed Fri 10 Apr: the 30th day
    # is Sat 11 Apr → Mon 13 Apr.
    (date(2026, 3, 2), [(date(2026, 3, 31), date(2026, 4, 10))], date(2026, 4, 13)),
    # A pause reaching back before acceptance counts only after it: (2 Mar, 5 Mar] = 3
    # days → 2 Mar + 33 = Sat 4 Apr (清明) → Tue 7 Apr.
    (date(2026, 3, 2), [(date(2026, 2, 20), date(2026, 3, 5))], date(2026, 4, 7)),
]


@pytest.mark.parametrize(("start", "pauses", "expected"), PAUSE_CASES)
def test_suspended_days_are_not_counted(start: date, pauses: list[deadlines.Pause], expected: date) -> None:
    assert due_date(start, 30, pauses=pauses) == expected


def test_suspension_when_counting_working_days() -> None:
    # Mon 28 Sep + 5 working days, suspended Tue 29 Sep (counted: 1), resumed Fri 9 Oct:
    # Sat 10 Oct make-up (2), Mon 12 (3), Tue 13 (4), Wed 14 Oct (5).
    pauses = [(date(2026, 9, 29), date(2026, 10, 9))]
    assert due_date(date(2026, 9, 28), 5, calendar_days=False, pauses=pauses) == date(2026, 10, 14)


def test_a_pause_cannot_end_before_it_begins() -> None:
    with pytest.raises(ValueError, match="before it begins"):
        due_date(date(2026, 3, 2), 30, pauses=[(date(2026, 3, 10), date(2026, 3, 9))])


def test_a_period_needs_a_day() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        due_date(date(2026, 3, 2), 0)


# --- Extension: continues from the due date -------------------------------------------


def test_an_extension_runs_on_from_the_due_date() -> None:
    # 2 Mar + 30 = Wed 1 Apr; + 15 = Thu 16 Apr.
    assert due_date(date(2026, 3, 2), 30, extensions=[15]) == date(2026, 4, 16)
    assert extend(date(2026, 4, 1), 15) == date(2026, 4, 16)


def test_an_extension_starts_from_the_rolled_due_date() -> None:
    # 12 Mar + 30 = Sat 11 Apr → Mon 13 Apr (the legal last day); + 2 = Wed 15 Apr.
    assert due_date(date(2026, 3, 12), 30, extensions=[2]) == date(2026, 4, 15)


def test_an_extension_and_a_suspension_together() -> None:
    # Paused (10, 17 Mar] → Wed 8 Apr (see PAUSE_CASES); + 15 = Thu 23 Apr.
    pauses = [(date(2026, 3, 10), date(2026, 3, 17))]
    assert due_date(date(2026, 3, 2), 30, extensions=[15], pauses=pauses) == date(2026, 4, 23)


# --- Days left ---------------------------------------------------------------------------


def test_days_left_counts_down_to_the_due_date_and_below() -> None:
    due = date(2026, 2, 24)
    with time_machine.travel(dt.datetime(2026, 2, 20, 23, 30, tzinfo=SHANGHAI), tick=False):
        assert days_left(due) == 4  # the court's date, not UTC's (15:30 UTC, same day)
    with time_machine.travel(dt.datetime(2026, 2, 24, 0, 5, tzinfo=SHANGHAI), tick=False):
        assert days_left(due) == 0  # 2026-02-23 16:05 UTC, but 24 Feb in Qingdao
    assert days_left(due, date(2026, 2, 26)) == -2


# --- The administrator's corrections ---------------------------------------------------


def _day_form(**values: Any) -> dict[str, Any]:
    return {"kind": CalendarDayKind.HOLIDAY, "name": "", "note": "", **values}


def test_an_administrators_holiday_changes_a_due_date(client_as: Callable[[str | None], Client]) -> None:
    assert due_date(date(2026, 3, 2), 30) == date(2026, 4, 1)
    response = client_as("cityadmin").post(
        "/admin/core/calendarday/add/",
        _day_form(date="2026-04-01", name="地方假日", note="市政府通知"),
    )
    assert response.status_code == 302
    # 2 Mar + 30 = Wed 1 Apr, now a holiday → Thu 2 Apr.
    assert due_date(date(2026, 3, 2), 30) == date(2026, 4, 2)
    row = CalendarDay.objects.get(date=date(2026, 4, 1))
    assert row.source == CalendarSource.ADMINISTRATOR
    entry = AuditEntry.objects.filter(action="core.calendar_day.create").latest("id")
    assert entry.object_id == str(row.pk)
    assert entry.data["after"]["source"] == "administrator"
    # Seeding leaves it alone.
    seed_calendar([2026])
    assert CalendarDay.objects.get(date=date(2026, 4, 1)).source == CalendarSource.ADMINISTRATOR


def test_an_administrators_correction_of_an_official_day_is_kept(
    client_as: Callable[[str | None], Client],
) -> None:
    official = CalendarDay.objects.get(date=date(2026, 10, 10))  # make-up Saturday
    response = client_as("cityadmin").post(
        f"/admin/core/calendarday/{official.pk}/change/",
        _day_form(date="2026-10-10", name="国庆节", loaded_version=official.version),
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert (official.kind, official.source, official.version) == ("holiday", "administrator", 2)
    before = AuditEntry.objects.count()
    report = seed_calendar([2026])
    assert report[2026]["kept"] == ["2026-10-10"]
    assert AuditEntry.objects.count() == before  # nothing changed, nothing logged
    official.refresh_from_db()
    assert official.kind == CalendarDayKind.HOLIDAY
    # Thu 10 Sep + 30 = Sat 10 Oct, now a day off → Mon 12 Oct.
    assert due_date(date(2026, 9, 10), 30) == date(2026, 10, 12)


def test_a_stale_calendar_edit_is_refused(client_as: Callable[[str | None], Client]) -> None:
    row = CalendarDay.objects.get(date=date(2026, 10, 10))
    url = f"/admin/core/calendarday/{row.pk}/change/"
    form = _day_form(date="2026-10-10", kind=CalendarDayKind.WORKDAY, name="国庆节", loaded_version=1)
    assert client_as("cityadmin").post(url, {**form, "note": "核对"}).status_code == 302
    stale = client_as("cityadmin").post(url, {**form, "kind": CalendarDayKind.HOLIDAY})
    assert stale.status_code == 200
    row.refresh_from_db()
    assert (row.kind, row.note) == ("workday", "核对")


def test_only_the_city_administrator_edits_the_table(client_as: Callable[[str | None], Client]) -> None:
    assert client_as("admin").get("/admin/core/calendarday/").status_code == 403
    assert (
        client_as("admin").post("/admin/core/calendarday/add/", _day_form(date="2026-04-01")).status_code
        == 403
    )
    assert client_as("cityadmin").get("/admin/core/calendarday/").status_code == 200
    assert not CalendarDay.objects.filter(date=date(2026, 4, 1)).exists()


def test_an_administrator_removes_only_their_own_days(client_as: Callable[[str | None], Client]) -> None:
    client = client_as("cityadmin")
    official = CalendarDay.objects.get(date=date(2026, 10, 1))
    assert client.get(f"/admin/core/calendarday/{official.pk}/delete/").status_code == 403
    client.post("/admin/core/calendarday/add/", _day_form(date="2026-04-01"))
    own = CalendarDay.objects.get(date=date(2026, 4, 1))
    assert client.post(f"/admin/core/calendarday/{own.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not CalendarDay.objects.filter(date=date(2026, 4, 1)).exists()
    entry = AuditEntry.objects.filter(action="core.calendar_day.delete").latest("id")
    assert entry.data["before"]["date"] == "2026-04-01"


def test_an_administrator_confirms_a_year(client_as: Callable[[str | None], Client]) -> None:
    year = CalendarYear.objects.get(year=2027)
    response = client_as("cityadmin").post(
        f"/admin/core/calendaryear/{year.pk}/change/",
        {"year": 2027, "confirmed": "on", "loaded_version": year.version},
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert (year.confirmed, year.source) == (True, "administrator")
    assert year.confirmed_by and year.confirmed_at is not None
    assert not is_provisional(2027)
    assert seed_calendar([2027])[2027]["status"] == "kept"


# --- Seeding --------------------------------------------------------------------------


def test_seeding_twice_changes_nothing_the_second_time() -> None:
    # The demo data seeded 2025–2027 already (organization.demo.load_demo).
    before = AuditEntry.objects.count()
    report = seed_calendar([2025, 2026, 2027])
    assert {year: r["status"] for year, r in report.items()} == {
        2025: "official",
        2026: "official",
        2027: "provisional",
    }
    assert all(not (r["created"] or r["updated"] or r["removed"]) for r in report.values())
    assert AuditEntry.objects.count() == before


@pytest.mark.usefixtures("calendar_seeded_in_2026")
def test_a_year_without_an_official_table_gets_its_statutory_holidays_and_stays_provisional() -> None:
    report = seed_calendar([2028])
    # 2028: 元旦 Sat 1 Jan → 补假 Mon 3 Jan; 春节 (正月初一 Wed 26 Jan) 除夕 Tue 25 – 初三
    # Fri 28 Jan; 清明 Tue 4 Apr; 劳动节 Mon 1 + Tue 2 May; 端午 Sun 28 May → 补假 Mon 29
    # May; 国庆节 Sun 1 (weekend), Mon 2, Tue 3 Oct, and 中秋 falls on Tue 3 Oct too → two
    # 补假, Wed 4 and Thu 5 Oct.
    assert report[2028]["created"] == [
        "2028-01-03",
        "2028-01-25",
        "2028-01-26",
        "2028-01-27",
        "2028-01-28",
        "2028-04-04",
        "2028-05-01",
        "2028-05-02",
        "2028-05-29",
        "2028-10-02",
        "2028-10-03",
        "2028-10-04",
        "2028-10-05",
    ]
    assert is_provisional(2028)
    year = CalendarYear.objects.get(year=2028)
    assert (year.confirmed, year.confirmed_by) == (False, "")
    event = AuditEntry.objects.filter(action="core.calendar.seeded").latest("id")
    assert (event.data["year"], event.data["status"]) == (2028, "provisional")


def test_the_official_table_replaces_a_provisional_year_when_it_arrives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An invented 2027 table, as a newer chinese-calendar would carry one.
    holidays = {**constants.holidays, date(2027, 1, 1): "New Year's Day", date(2027, 2, 8): "Spring Festival"}
    workdays = {**constants.workdays, date(2027, 2, 20): "Spring Festival"}
    monkeypatch.setattr(constants, "holidays", holidays)
    monkeypatch.setattr(constants, "workdays", workdays)

    report = seed_calendar([2027])[2027]

    assert report["status"] == "official"
    assert report["created"] == ["2027-02-20"]
    assert report["updated"] == ["2027-01-01", "2027-02-08"]  # were provisional rows
    # The provisional rows not in the (invented) official table go.
    assert report["removed"] == sorted(set(PROVISIONAL_2027) - {"2027-01-01", "2027-02-08"})
    assert not is_provisional(2027)
    assert CalendarYear.objects.get(year=2027).source.startswith("official table (chinese-calendar ")
    # Thu 7 Jan 2027 + 30 = Sat 6 Feb → Mon 8 Feb, now a holiday → Tue 9 Feb.
    assert due_date(date(2027, 1, 7), 30) == date(2027, 2, 9)


def test_the_daily_job_seeds_this_year_and_next_and_is_safe_to_repeat() -> None:
    assert "core.seed_calendar" in {job.name for job in jobs.registered_jobs()}
    with time_machine.travel(dt.datetime(2028, 3, 1, 2, 30, tzinfo=SHANGHAI), tick=False):
        assert seed_calendar_job.call() == {"2028": "provisional", "2029": "provisional"}
        before = AuditEntry.objects.count()
        assert seed_calendar_job.call() == {"2028": "provisional", "2029": "provisional"}
        assert AuditEntry.objects.count() == before
    assert CalendarYear.objects.filter(year__in=[2028, 2029]).count() == 2


def test_the_command_says_when_a_year_is_provisional() -> None:
    out = StringIO()
    call_command("seed_calendar", "2026", "2028", stdout=out)
    assert "2026: official table" in out.getvalue()
    assert "2028: PROVISIONAL" in out.getvalue()


def test_a_computation_reads_the_table_once(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(2):  # which of 2026 and 2027 are seeded, then their days
        due_date(date(2026, 12, 2), 30)


# --- Properties -------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 10, 31)),
    days=st.integers(min_value=1, max_value=40),
    calendar_days=st.booleans(),
)
def test_a_due_date_is_the_first_working_day_the_rule_allows(
    start: date, days: int, calendar_days: bool
) -> None:
    due = due_date(start, days, calendar_days=calendar_days)
    assert due >= start + dt.timedelta(days=days)
    if due.year > 2026:  # past what the package knows: our own (provisional) table
        assert is_working_day(due)
        return
    assert chinese_calendar.is_workday(due)
    if calendar_days:
        # Every day between the 30th day and the due date is a day off.
        assert not any(
            chinese_calendar.is_workday(d) for d in list(_days(start + dt.timedelta(days=days), due))[:-1]
        )
    else:
        counted = [d for d in _days(start + dt.timedelta(days=1), due) if chinese_calendar.is_workday(d)]
        assert len(counted) == days


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 6, 30)),
    days=st.integers(min_value=1, max_value=60),
    pause_at=st.integers(min_value=0, max_value=60),
    pause_for=st.integers(min_value=0, max_value=30),
)
def test_a_suspension_never_brings_a_due_date_forward(
    start: date, days: int, pause_at: int, pause_for: int
) -> None:
    suspended_on = start + dt.timedelta(days=pause_at)
    pauses = [(suspended_on, suspended_on + dt.timedelta(days=pause_for))]
    plain = due_date(start, days)
    paused = due_date(start, days, pauses=pauses)
    assert paused >= plain
    assert is_working_day(paused)
    if pause_at < days:  # the clock was still running: exactly pause_for days are added
        assert paused == deadlines.next_working_day(start + dt.timedelta(days=days + pause_for))


# --- The city administrator's notice ----------------------------------------------------


@pytest.mark.usefixtures("calendar_seeded_in_2026")
def test_the_city_administrator_sees_a_notice_while_a_year_is_provisional(
    client_as: Callable[[str | None], Client],
) -> None:
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI), tick=False):
        page = client_as("cityadmin").get("/")
        assert page.context["panels"][0]["provisional_years"] == [2027]
        assert 'data-panel="calendar"' in page.content.decode()
        assert 'data-testid="calendar-provisional"' in page.content.decode()
        # Nobody else is told (a court's administrator does not keep the table).
        for persona in ("admin", "office", "judge"):
            assert 'data-panel="calendar"' not in client_as(persona).get("/").content.decode()
        # Confirmed (the official schedule entered in full): the notice goes.
        year = CalendarYear.objects.get(year=2027)
        deadlines.save_calendar_year(actor=None, year=2027, confirmed=True, pk=year.pk)
        assert 'data-panel="calendar"' not in client_as("cityadmin").get("/").content.decode()


@pytest.mark.usefixtures("calendar_seeded_in_2026")
def test_the_notice_names_a_year_that_was_never_seeded(client_as: Callable[[str | None], Client]) -> None:
    with time_machine.travel(dt.datetime(2027, 12, 1, 9, 0, tzinfo=SHANGHAI), tick=False):
        page = client_as("cityadmin").get("/")
    panel = next(p for p in page.context["panels"] if p["key"] == "calendar")
    assert (panel["provisional_years"], panel["unseeded_years"]) == ([2027], [2028])
    assert 'data-testid="calendar-unseeded"' in page.content.decode()
