"""Legal time limits (A26.4): the one module that turns a start date and a number of
days into a due date. Nothing else computes deadlines; matters store what this returns.

The rule
--------
Chinese procedural law counts periods in the same way everywhere:

- 《民事诉讼法》(2023) 第八十五条: 期间开始的时和日，不计算在期间内。期间届满的最后一日是
  法定休假日的，以法定休假日后的第一日为期间届满的日期。
- 《民法典》第二百零一条 (开始的当日不计入，自下一日开始计算) and 第二百零三条 (期间的最后
  一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).

So, for a period of N days that starts on day S (the acceptance date, A26.4):

1. Day S is not counted; the first counted day is S + 1.
2. Counting calendar days (the default), the last day is S + N. If that day is not a
   working day, the period ends on the first working day after it.
3. Counting working days (`calendar_days=False`, a per-court setting), the last day is
   the N-th working day after S; it is a working day by construction.

"法定休假日" is read as every day off: the statutory holidays of 《全国年节及纪念日放假
办法》, the weekdays given off by the State Council's 调休 schedule, and ordinary
Saturdays and Sundays — as courts apply it. A weekend day that the schedule makes a
make-up workday (调休上班) is a working day: a period ending on it ends there.

Suspension (中止) and extension (延长)
-------------------------------------
"中止期间不计入": while a matter is suspended, its days are not counted. A pause is a pair
`(suspended_on, resumed_on)`: the clock runs on `suspended_on` (that day was used) and
restarts after `resumed_on` (like a fresh start, the day of resumption is not counted).
So the days `suspended_on + 1 … resumed_on` are not counted and a pause adds exactly
`resumed_on − suspended_on` days. Pauses that overlap count once. A pause beginning on
or after the period's last counted day has no effect: the period has already run out.

An extension (延长) of M days continues the period from its end as the law fixes it —
the due date after any holiday roll, which Civil Code art. 203 makes "the last day of
the period" — counted in the same way: that day is not counted, the extension's last
day rolls to a working day. So a 2-day extension of a period that rolled from Saturday
to Monday ends on Wednesday, not on Monday. Pass the approved extensions in order:
`due_date(start, 30, extensions=[15], pauses=[...])`; `extend(due, 15)` is the same
step on its own.

Due dates are always recomputed from the facts (start, days, extensions, pauses) — never
by moving a stored due date by the length of a suspension, which would count a holiday
roll that no longer applies (a period ending on Saturday → Monday, suspended 2 days,
ends on Monday, not on Wednesday).

The calendar
------------
Working days come from the `CalendarDay` table (exceptions to the normal week) which
`seed_calendar` fills from the State Council's published schedule as carried by the
`chinese-calendar` package, and which the city administrator can correct in the admin.
A year whose schedule is not published yet holds the statutory holidays worked out from
the law and is *provisional* (`is_provisional`) until the official table arrives or the
city administrator confirms it (see "Provisional years" below). A year that was never
seeded at all has no calendar: computing a date in it raises `CalendarNotSeeded`, never
a silent fallback to plain weekdays. Each computation reads the table afresh (one query
for the seeded years, one for their days), so an administrator's correction applies at
once and no cache goes stale.

Provisional years (an assumption, labelled provisional everywhere)
-----------------------------------------------------------------
For a year the installed `chinese-calendar` does not carry, `seed_calendar` enters:

1. The statutory days themselves, with the lengths of 《全国年节及纪念日放假办法》 as
   amended by State Council Decree No. 795 (in force 1 January 2025), art. 2:
   元旦 1 Jan (1 day); 春节 除夕 and 正月初一–初三 (4 days); 清明 the day of the solar
   term 清明 (1 day); 劳动节 1–2 May (2 days); 端午 五月初五 (1 day); 中秋 八月十五
   (1 day); 国庆节 1–3 Oct (3 days). Lunar dates come from `lunardate`, the day of 清明
   from `chinese-calendar`'s solar terms; 除夕 is the day before 正月初一 (the 29th or
   30th of the twelfth month).
2. A make-up day off (补假) for each such day that falls on a Saturday or Sunday, on the
   first weekday after the festival that is not already a holiday — art. 6 of the same
   rules: "适逢星期六、星期日，应当在工作日补假" — and, by the same reasoning, for a day
   two festivals share (中秋 on 3 October 2028).

It does *not* guess the State Council's 调休 (the bridge days off and the weekend make-up
workdays that stretch 春节 and 国庆节 to the usual 8 or 9 days): those are a yearly
decision. So a provisional year has fewer days off than its official table will most
likely have, and a due date in it may move later — never silently: the year stays
provisional, the matter page says so, and the city administrator's home page shows a
notice until the official schedule is entered (by a newer `chinese-calendar` or by hand
and confirmed in the admin).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.choices import CalendarDayKind, CalendarSource
from benchguard.core.models import CalendarDay, CalendarYear
from benchguard.core.services import create_versioned, update_versioned
from benchguard.core.types import Actor

Pause = tuple[dt.date, dt.date]
P = ParamSpec("P")
R = TypeVar("R")
"""`(suspended_on, resumed_on)`: days `suspended_on + 1 … resumed_on` are not counted."""

calendar_changed = Signal()
"""Sent after commit when calendar rows changed, with `years` (a sorted list of ints).
Receivers (the matters area) recompute the stored due dates of open matters."""

ONE_DAY = dt.timedelta(days=1)

# The fixed-date statutory holidays of 《全国年节及纪念日放假办法》 as amended by State
# Council Decree No. 795 (in force 1 January 2025): 元旦 1 day, 劳动节 2 days, 国庆节 3
# days. The lunar ones and 清明 are worked out per year (`_statutory_festivals`).
FIXED_STATUTORY_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)

# The package names holidays in English; the table shows the names the schedule uses.
_CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

ADMINISTRATOR_SOURCE = "administrator"
PROVISIONAL_SOURCE = "statutory holidays and 补假 worked out from the law, no 调休 (provisional)"
FIRST_SEEDABLE_YEAR, LAST_SEEDABLE_YEAR = 2000, 2099  # lunardate stops before 2100


# --- Working days ----------------------------------------------------------------------


class CalendarNotSeeded(ValidationError):
    """A date was asked of a year that has no calendar yet (never seeded).

    A ValidationError, so a form's service call (core.forms.call_service) shows it as a
    message instead of failing; the fix is `benchguard seed-calendar YEAR` (or the daily
    job), which enters at least the provisional statutory holidays.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            _(
                "The holiday calendar for %(year)s has not been entered, so no time limit "
                "can be counted into that year. Ask the city administrator to seed it "
                "(benchguard seed-calendar %(year)s)."
            ),
            code="calendar_not_seeded",
            params={"year": year},
        )

    def __reduce__(self) -> tuple[type[CalendarNotSeeded], tuple[int]]:
        return (CalendarNotSeeded, (self.year,))  # copied or pickled by its year


class WorkingCalendar:
    """The calendar table as read for one computation.

    Loads whole years on first use (which years are seeded, then their exceptions: two
    queries per range of years); create a new one for each computation (or one per
    request when computing many due dates at once). A day in a year that was never
    seeded raises `CalendarNotSeeded`.
    """

    def __init__(self) -> None:
        self._exceptions: dict[dt.date, str] = {}
        self._loaded: set[int] = set()
        self._seeded: set[int] = set()

    def _load(self, first_year: int, last_year: int) -> None:
        missing = [y for y in range(first_year, last_year + 1) if y not in self._loaded]
        if not missing:
            return
        self._seeded.update(
            CalendarYear.objects.filter(year__gte=min(missing), year__lte=max(missing)).values_list(
                "year", flat=True
            )
        )
        rows = CalendarDay.objects.filter(
            date__gte=dt.date(min(missing), 1, 1), date__lte=dt.date(max(missing), 12, 31)
        ).values_list("date", "kind")
        self._exceptions.update(rows)
        self._loaded.update(range(min(missing), max(missing) + 1))

    def is_working_day(self, day: dt.date) -> bool:
        """Whether courts work on `day`: weekdays, unless a holiday; make-up workdays."""
        if day.year not in self._loaded:
            # Most periods stay within a year or run into the next: load both at once.
            self._load(day.year, day.year + 1)
        if day.year not in self._seeded:
            raise CalendarNotSeeded(day.year)
        kind = self._exceptions.get(day)
        if kind == CalendarDayKind.WORKDAY:
            return True
        if kind == CalendarDayKind.HOLIDAY:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def due_date(
        self,
        start: dt.date,
        days: int,
        *,
        calendar_days: bool = True,
        extensions: Iterable[int] = (),
        pauses: Iterable[Pause] = (),
    ) -> dt.date:
        """The last day of a period of `days` starting on `start` (A26.4).

        `start` is not counted. With `calendar_days`, the last day is the `days`-th day
        after `start`, moved to the next working day when it is not one; otherwise it is the
        `days`-th working day after `start`. Each of `extensions` (in days, in the order
        granted) continues the period from its due date the same way. Days inside `pauses`
        (suspensions) are not counted. See the module docstring for the legal sources.
        """
        stops = _merged(start, pauses)
        due = self._period(start, days, calendar_days, stops)
        for extension in extensions:
            due = self._period(due, extension, calendar_days, stops)
        return due

    def _period(self, start: dt.date, days: int, calendar_days: bool, stops: Sequence[Pause]) -> dt.date:
        if days < 1:
            raise ValueError(f"a period needs at least one day, got {days}")
        counted = 0
        day = start
        while counted < days:
            day += ONE_DAY
            if _paused(day, stops):
                continue
            if calendar_days or self.is_working_day(day):
                counted += 1
        return self.next_working_day(day) if calendar_days else day


def _merged(start: dt.date, pauses: Iterable[Pause]) -> list[Pause]:
    """Pauses as disjoint, ordered (suspended_on, resumed_on) pairs, clipped to start."""
    spans = []
    for suspended_on, resumed_on in pauses:
        if resumed_on < suspended_on:
            raise ValueError(f"a pause cannot end ({resumed_on}) before it begins ({suspended_on})")
        spans.append((max(suspended_on, start), max(resumed_on, start)))
    merged: list[Pause] = []
    for suspended_on, resumed_on in sorted(spans):
        if merged and suspended_on <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], resumed_on))
        else:
            merged.append((suspended_on, resumed_on))
    return merged


def _paused(day: dt.date, stops: Sequence[Pause]) -> bool:
    return any(suspended_on < day <= resumed_on for suspended_on, resumed_on in stops)


def _on_a_new_calendar(method: Callable[Concatenate[WorkingCalendar, P], R]) -> Callable[P, R]:
    """A calendar's method as a function that reads the calendar table afresh each call."""

    @wraps(method)
    def function(*args: P.args, **kwargs: P.kwargs) -> R:
        return method(WorkingCalendar(), *args, **kwargs)

    return function


is_working_day = _on_a_new_calendar(WorkingCalendar.is_working_day)
next_working_day = _on_a_new_calendar(WorkingCalendar.next_working_day)
due_date = _on_a_new_calendar(WorkingCalendar.due_date)


def extend(due: dt.date, days: int, *, calendar_days: bool = True, pauses: Iterable[Pause] = ()) -> dt.date:
    """The due date after an extension of `days` granted on a period ending on `due`:
    `due` is not counted, and the new last day rolls to a working day (A26.4)."""
    return WorkingCalendar().due_date(due, days, calendar_days=calendar_days, pauses=pauses)


def days_left(due: dt.date, today: dt.date | None = None) -> int:
    """Calendar days from `today` (the court's local date by default) to `due`.

    0 on the due day itself (the period ends at 24:00 that day); negative when overdue.
    """
    return (due - (today or timezone.localdate())).days


def is_provisional(year: int) -> bool:
    """True unless the State Council's schedule for `year` is confirmed in the table."""
    return not CalendarYear.objects.filter(year=year, confirmed=True).exists()


def provisional_years(start: dt.date, end: dt.date) -> list[int]:
    """The years from `start` to `end` whose schedule is not confirmed yet: a due date
    in this range may still move when the official table arrives."""
    years = range(start.year, end.year + 1)
    confirmed = set(
        CalendarYear.objects.filter(year__in=years, confirmed=True).values_list("year", flat=True)
    )
    return [year for year in years if year not in confirmed]


# --- Seeding from the official table ---------------------------------------------------


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chinese-calendar")
    except PackageNotFoundError:  # pragma: no cover - it is a declared dependency
        return "unknown"


def official_source() -> str:
    return f"official table (chinese-calendar {package_version()})"


def _official_exceptions(year: int) -> dict[dt.date, tuple[str, str]] | None:
    """The year's exceptions from the published schedule, or None if not published."""
    from chinese_calendar import constants

    if not any(day.year == year for day in constants.holidays):
        return None
    exceptions: dict[dt.date, tuple[str, str]] = {}
    for day, name in constants.holidays.items():
        if day.year == year and day.weekday() < 5:
            exceptions[day] = (CalendarDayKind.HOLIDAY, _CHINESE_NAMES.get(name, name))
    for day, name in constants.workdays.items():
        if day.year == year and day.weekday() >= 5:
            exceptions[day] = (CalendarDayKind.WORKDAY, _CHINESE_NAMES.get(name, name))
    return exceptions


def _statutory_festivals(year: int) -> list[tuple[str, list[dt.date]]]:
    """Each statutory festival of `year` with its days (Decree No. 795, art. 2)."""
    from chinese_calendar import get_solar_terms
    from lunardate import LunarDate

    if not FIRST_SEEDABLE_YEAR <= year <= LAST_SEEDABLE_YEAR:
        raise ValueError(f"years must be between {FIRST_SEEDABLE_YEAR} and {LAST_SEEDABLE_YEAR}, got {year}")

    def lunar(month: int, day: int) -> dt.date:
        return LunarDate(year, month, day).to_solar_date()

    new_year = lunar(1, 1)
    terms = get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10))
    qingming = [day for day, term in terms if term == "清明"]
    fixed: dict[str, list[dt.date]] = {}
    for month, day, name in FIXED_STATUTORY_HOLIDAYS:
        fixed.setdefault(name, []).append(dt.date(year, month, day))
    festivals = [
        ("元旦", fixed["元旦"]),
        ("春节", [new_year - ONE_DAY, new_year, new_year + ONE_DAY, new_year + 2 * ONE_DAY]),
        ("清明节", qingming),
        ("劳动节", fixed["劳动节"]),
        ("端午节", [lunar(5, 5)]),
        ("中秋节", [lunar(8, 15)]),
        ("国庆节", fixed["国庆节"]),
    ]
    return sorted(festivals, key=lambda festival: festival[1][0])


def _provisional_exceptions(year: int) -> dict[dt.date, tuple[str, str]]:
    """A year without an official table: its statutory days off that fall on weekdays,
    and a make-up day off (补假) on the first free weekday after the festival for each
    one that falls on a weekend (art. 6) or on another festival's day. No 调休: that is
    the State Council's yearly decision. See "Provisional years" in the module docstring."""
    festivals = _statutory_festivals(year)
    statutory = {day for _name, days in festivals for day in days}
    exceptions: dict[dt.date, tuple[str, str]] = {}
    for name, days in festivals:
        owed = 0
        for day in days:
            if day.weekday() < 5 and day not in exceptions:
                exceptions[day] = (CalendarDayKind.HOLIDAY, name)
            else:  # on a weekend, or on another festival's day (中秋 on 3 October 2028)
                owed += 1
        day = max(days)
        while owed:
            day += ONE_DAY
            if day.weekday() < 5 and day not in statutory and day not in exceptions:
                exceptions[day] = (CalendarDayKind.HOLIDAY, f"{name}补假")
                owed -= 1
    # Each year's rows stay in their year (no festival ends late enough to spill over).
    return {day: value for day, value in exceptions.items() if day.year == year}


def seed_calendar(years: Iterable[int], *, actor: Actor = None) -> dict[int, dict[str, Any]]:
    """Fill the calendar table for `years` (A26.4); safe to run any number of times.

    A year the installed `chinese-calendar` carries gets the State Council's official
    schedule (holidays on weekdays, make-up workdays on weekends) and is marked
    confirmed with source "official table (chinese-calendar x.y)"; official or
    provisional rows no longer in the schedule are removed.

    A year the package does not know gets the statutory days off worked out from the
    law — the fixed-date ones, 春节, 端午 and 中秋 from the lunar calendar, 清明 from the
    solar terms, and a 补假 for each that falls on a weekend (see "Provisional years" in
    the module docstring) — and stays provisional: the State Council's 调休 (bridge days
    and make-up workdays) arrives only with the official table.

    Never overwritten: rows an administrator entered or changed, and a year an
    administrator confirmed. One audit event per year whose rows changed.
    Returns, per year: status ("official", "provisional", "kept"), and the created,
    updated, removed and kept (administrator) dates.
    """
    report: dict[int, dict[str, Any]] = {}
    changed_years: list[int] = []
    with transaction.atomic():
        for year in sorted(set(years)):
            report[year] = result = _seed_year(year, actor=actor)
            if result["created"] or result["updated"] or result["removed"] or result["year_changed"]:
                changed_years.append(year)
                year_row = CalendarYear.objects.get(year=year)
                audit.record_event(
                    actor=actor,
                    action="core.calendar.seeded",
                    obj=year_row,
                    year=year,
                    status=result["status"],
                    source=year_row.source,
                    created=result["created"],
                    updated=result["updated"],
                    removed=result["removed"],
                    kept=result["kept"],
                )
        _announce(changed_years)
    return report


def _seed_year(year: int, *, actor: Actor) -> dict[str, Any]:
    result: dict[str, Any] = {
        "status": "",
        "created": [],
        "updated": [],
        "removed": [],
        "kept": [],
        "year_changed": False,
    }
    year_row = CalendarYear.objects.select_for_update().filter(year=year).first()
    if year_row is not None and year_row.confirmed and year_row.source == ADMINISTRATOR_SOURCE:
        result["status"] = "kept"
        return result
    official = _official_exceptions(year)
    if official is None and year_row is not None and year_row.confirmed:
        # Confirmed earlier from a newer package than the one installed now: keep it.
        result["status"] = "kept"
        return result
    wanted = official if official is not None else _provisional_exceptions(year)
    source = CalendarSource.OFFICIAL if official is not None else CalendarSource.STATUTORY
    note = official_source() if official is not None else PROVISIONAL_SOURCE
    existing = {
        row.date: row
        for row in CalendarDay.objects.select_for_update().filter(
            date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31)
        )
    }
    now = timezone.now()
    for day, (kind, name) in sorted(wanted.items()):
        row = existing.get(day)
        if row is None:
            CalendarDay.objects.create(date=day, kind=kind, name=name, source=source, note=note)
            result["created"].append(day.isoformat())
        elif row.source == CalendarSource.ADMINISTRATOR:
            result["kept"].append(day.isoformat())
        elif (row.kind, row.name, row.source, row.note) != (kind, name, source, note):
            row.kind, row.name, row.source, row.note = kind, name, source, note
            row.version += 1
            row.updated_at = now
            row.save(update_fields=["kind", "name", "source", "note", "version", "updated_at"])
            result["updated"].append(day.isoformat())
    # A row the table no longer holds goes (an administrator's row stays).
    stale = [
        row
        for day, row in existing.items()
        if day not in wanted and row.source != CalendarSource.ADMINISTRATOR
    ]
    for row in stale:
        result["removed"].append(row.date.isoformat())
        row.delete()
    result["removed"].sort()
    result["status"] = "official" if official is not None else "provisional"
    year_fields = {
        "confirmed": official is not None,
        "source": official_source() if official is not None else PROVISIONAL_SOURCE,
    }
    if year_row is None:
        CalendarYear.objects.create(
            year=year,
            confirmed_by=_seeder_name(actor) if official is not None else "",
            confirmed_at=now if official is not None else None,
            **year_fields,
        )
        result["year_changed"] = True
    elif any(getattr(year_row, field) != value for field, value in year_fields.items()):
        for field, value in year_fields.items():
            setattr(year_row, field, value)
        year_row.confirmed_by = _seeder_name(actor) if official is not None else ""
        year_row.confirmed_at = now if official is not None else None
        year_row.version += 1
        year_row.updated_at = now
        year_row.save()
        result["year_changed"] = True
    return result


def _seeder_name(actor: Actor) -> str:
    return audit.actor_name(actor) or "benchguard seed-calendar"


def _announce(years: Sequence[int]) -> None:
    if years:
        changed = sorted(years)
        transaction.on_commit(lambda: calendar_changed.send(sender=CalendarDay, years=changed))


# --- Administrator's corrections -------------------------------------------------------


@dataclass(frozen=True)
class DayChange:
    date: dt.date
    kind: str
    name: str = ""
    note: str = ""


CalendarRow = TypeVar("CalendarRow", CalendarDay, CalendarYear)
# How the change log names the administrator's additions and corrections of each row.
CALENDAR_RECORDS = {CalendarDay: "core.calendar_day", CalendarYear: "core.calendar_year"}


def _save_calendar_row(
    model: type[CalendarRow],
    fields: dict[str, Any],
    *,
    pk: int | None,
    expected_version: int | None,
    actor: Actor,
) -> CalendarRow:
    """Add (pk None) or correct a calendar row with `fields`, logged as its record's
    .create or .update. The correction is based on `expected_version`; a caller without
    a loaded form (a command) corrects the row as it is now."""
    record = CALENDAR_RECORDS[model]
    if pk is None:
        return create_versioned(model(**fields), actor=actor, action=f"{record}.create", fields=list(fields))
    if expected_version is None:
        expected_version = int(model._default_manager.values_list("version", flat=True).get(pk=pk))
    return update_versioned(
        model, pk, actor=actor, action=f"{record}.update", expected_version=expected_version, changes=fields
    )


def save_calendar_day(
    *, actor: Actor, change: DayChange, pk: int | None = None, expected_version: int | None = None
) -> CalendarDay:
    """Add (pk None) or correct a calendar day as the city administrator (A26.4).

    The row becomes the administrator's (source "administrator"), so seeding never
    overwrites it. Writes the change log; stale edits are refused.
    """
    fields = {
        "date": change.date,
        "kind": change.kind,
        "name": change.name,
        "note": change.note,
        "source": CalendarSource.ADMINISTRATOR,
    }
    with transaction.atomic():
        years: set[int] = set()
        if pk is not None:
            years.add(CalendarDay.objects.values_list("date", flat=True).get(pk=pk).year)
        row = _save_calendar_row(CalendarDay, fields, pk=pk, expected_version=expected_version, actor=actor)
        years.add(row.date.year)
        _announce(sorted(years))
    return row


def remove_calendar_day(*, actor: Actor, day: CalendarDay) -> None:
    """Delete an administrator's calendar day, logging what it was (A26.4).

    Official rows are not removed (the next seeding would bring them back): change them
    instead, which makes them the administrator's.
    """
    if day.source != CalendarSource.ADMINISTRATOR:
        raise ValueError("only an administrator's calendar day can be removed")
    with transaction.atomic():
        audit.record_change(
            actor=actor,
            action="core.calendar_day.delete",
            obj=day,
            before=audit.snapshot(day, ["date", "kind", "name", "source", "note"]),
        )
        year = day.date.year
        day.delete()
        _announce([year])


def save_calendar_year(
    *,
    actor: Actor,
    year: int,
    confirmed: bool,
    pk: int | None = None,
    expected_version: int | None = None,
) -> CalendarYear:
    """Record whether `year`'s official schedule is entered in full (A26.4).

    Confirming names the administrator and the time; the year then keeps the
    administrator as its source and seeding leaves it alone.
    """
    fields: dict[str, Any] = {
        "year": year,
        "confirmed": confirmed,
        "source": ADMINISTRATOR_SOURCE,
        "confirmed_by": audit.actor_name(actor) if confirmed else "",
        "confirmed_at": timezone.now() if confirmed else None,
    }
    with transaction.atomic():
        if pk is not None:
            current = CalendarYear.objects.get(pk=pk)
            if current.confirmed == confirmed and current.year == year:
                # Nothing but the timestamp would change; keep who confirmed it and when.
                fields.pop("confirmed_by")
                fields.pop("confirmed_at")
        row = _save_calendar_row(CalendarYear, fields, pk=pk, expected_version=expected_version, actor=actor)
        _announce([year])
    return row
