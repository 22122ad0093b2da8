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
A year whose schedule is not published yet holds only the fixed-date statutory holidays
and is *provisional* (`is_provisional`). Each computation reads the table afresh (one
query per range of years), so an administrator's correction applies at once and no
cache goes stale.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from benchguard.core import audit
from benchguard.core.choices import CalendarDayKind, CalendarSource
from benchguard.core.models import CalendarDay, CalendarYear
from benchguard.core.services import create_versioned, update_versioned

Pause = tuple[dt.date, dt.date]
"""`(suspended_on, resumed_on)`: days `suspended_on + 1 … resumed_on` are not counted."""

calendar_changed = Signal()
"""Sent after commit when calendar rows changed, with `years` (a sorted list of ints).
Receivers (the matters area) recompute the stored due dates of open matters."""

ONE_DAY = dt.timedelta(days=1)

# Days in the fixed-date statutory holidays of 《全国年节及纪念日放假办法》 as amended by
# State Council Decree No. 795 (in force 1 January 2025): 元旦 1 day, 劳动节 2 days,
# 国庆节 3 days. The lunar holidays (春节 4 days: eve and 1st–3rd of the first month;
# 端午 1; 中秋 1) and 清明 (a solar term) need a lunar or astronomical calendar, which we
# do not add as a dependency: they enter a year only with its official table.
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
PROVISIONAL_SOURCE = "fixed-date statutory holidays only (provisional)"


# --- Working days ----------------------------------------------------------------------


class WorkingCalendar:
    """The calendar table as read for one computation.

    Loads whole years on first use, one query per range of years; create a new one for
    each computation (or one per request when computing many due dates at once).
    """

    def __init__(self) -> None:
        self._exceptions: dict[dt.date, str] = {}
        self._loaded: set[int] = set()

    def _load(self, first_year: int, last_year: int) -> None:
        missing = [y for y in range(first_year, last_year + 1) if y not in self._loaded]
        if not missing:
            return
        rows = CalendarDay.objects.filter(
            date__gte=dt.date(min(missing), 1, 1), date__lte=dt.date(max(missing), 12, 31)
        ).values_list("date", "kind")
        self._exceptions.update(rows)
        self._loaded.update(range(min(missing), max(missing) + 1))

    def is_working_day(self, day: dt.date) -> bool:
        if day.year not in self._loaded:
            # Most periods stay within a year or run into the next: load both at once.
            self._load(day.year, day.year + 1)
        kind = self._exceptions.get(day)
        if kind == CalendarDayKind.WORKDAY:
            return True
        if kind == CalendarDayKind.HOLIDAY:
            return False
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
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


def is_working_day(day: dt.date) -> bool:
    """Whether courts work on `day`: weekdays, unless a holiday; make-up workdays."""
    return WorkingCalendar().is_working_day(day)


def next_working_day(day: dt.date) -> dt.date:
    """`day` when it is a working day, else the first working day after it."""
    return WorkingCalendar().next_working_day(day)


def due_date(
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
    return WorkingCalendar().due_date(
        start, days, calendar_days=calendar_days, extensions=extensions, pauses=pauses
    )


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


def _fixed_exceptions(year: int) -> dict[dt.date, tuple[str, str]]:
    """Fixed-date statutory holidays that fall on weekdays (weekends are off anyway; the
    make-up day off for one falling on a weekend is for the State Council to set)."""
    days = ((dt.date(year, month, day), name) for month, day, name in FIXED_STATUTORY_HOLIDAYS)
    return {day: (CalendarDayKind.HOLIDAY, name) for day, name in days if day.weekday() < 5}


def seed_calendar(years: Iterable[int], *, actor: Any = None) -> dict[int, dict[str, Any]]:
    """Fill the calendar table for `years` (A26.4); safe to run any number of times.

    A year the installed `chinese-calendar` carries gets the State Council's official
    schedule (holidays on weekdays, make-up workdays on weekends) and is marked
    confirmed with source "official table (chinese-calendar x.y)"; official or
    provisional rows no longer in the schedule are removed.

    A year the package does not know gets only the fixed-date statutory holidays that
    fall on weekdays (元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October) and stays
    provisional. The lunar holidays (春节, 端午, 中秋) and 清明 are entered only when the
    official table exists — we add no lunar calendar — so a provisional year may still
    gain days off, and make-up workdays, once the schedule is published.

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


def _seed_year(year: int, *, actor: Any) -> dict[str, Any]:
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
    wanted = official if official is not None else _fixed_exceptions(year)
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
    if official is not None:
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


def _actor_name(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return str(actor.get_full_name() or actor.get_username())


def _seeder_name(actor: Any) -> str:
    return _actor_name(actor) or "benchguard seed-calendar"


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


def _version_or_current(model: type[CalendarDay | CalendarYear], pk: int, expected: int | None) -> int:
    """The version the caller's edit is based on; a caller without a loaded form (a
    command) edits the row as it is now."""
    if expected is not None:
        return expected
    return int(model._default_manager.values_list("version", flat=True).get(pk=pk))


def save_calendar_day(
    *, actor: Any, change: DayChange, pk: int | None = None, expected_version: int | None = None
) -> CalendarDay:
    """Add (pk None) or correct a calendar day as the city administrator (A26.4).

    The row becomes the administrator's (source "administrator"), so seeding never
    overwrites it. Writes the change log; stale edits are refused.
    """
    fields = {"date": change.date, "kind": change.kind, "name": change.name, "note": change.note}
    with transaction.atomic():
        if pk is None:
            row = create_versioned(
                CalendarDay(source=CalendarSource.ADMINISTRATOR, **fields),
                actor=actor,
                action="core.calendar_day.create",
                fields=[*fields, "source"],
            )
            years = {row.date.year}
        else:
            before_year = CalendarDay.objects.values_list("date", flat=True).get(pk=pk).year
            row = update_versioned(
                CalendarDay,
                pk,
                actor=actor,
                action="core.calendar_day.update",
                expected_version=_version_or_current(CalendarDay, pk, expected_version),
                changes={**fields, "source": CalendarSource.ADMINISTRATOR},
            )
            years = {before_year, row.date.year}
        _announce(sorted(years))
    return row


def remove_calendar_day(*, actor: Any, day: CalendarDay) -> None:
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
    actor: Any,
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
        "confirmed_by": _actor_name(actor) if confirmed else "",
        "confirmed_at": timezone.now() if confirmed else None,
    }
    with transaction.atomic():
        if pk is None:
            row = create_versioned(
                CalendarYear(**fields), actor=actor, action="core.calendar_year.create", fields=list(fields)
            )
        else:
            current = CalendarYear.objects.get(pk=pk)
            if current.confirmed == confirmed and current.year == year:
                # Nothing but the timestamp would change; keep who confirmed it and when.
                fields.pop("confirmed_by")
                fields.pop("confirmed_at")
            row = update_versioned(
                CalendarYear,
                pk,
                actor=actor,
                action="core.calendar_year.update",
                expected_version=_version_or_current(CalendarYear, pk, expected_version),
                changes=fields,
            )
        _announce([year])
    return row
