"""The figures of the leaders' overview (A30), each read through the owning area's
scoped queryset (`visible_to` or the list page's own selector), so every count is of
records the viewer may open, and each an aggregate: the page's queries do not grow
with the rows.

FIGURES is the one list of what the page shows, in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from benchguard.cases import permissions as case_permissions
from benchguard.cases import selectors as case_selectors
from benchguard.cases.choices import Stage
from benchguard.cases.models import Case, RiskLevel
from benchguard.core.access import court_ids_with
from benchguard.gate import permissions as gate_permissions
from benchguard.gate import selectors as gate_selectors
from benchguard.gate.choices import VisitStatus
from benchguard.gate.models import Visit
from benchguard.incidents import permissions as incident_permissions
from benchguard.incidents.choices import IncidentKind
from benchguard.incidents.models import Incident
from benchguard.interference import permissions as interference_permissions
from benchguard.interference.models import Entry
from benchguard.matters import selectors as matter_selectors
from benchguard.matters.choices import INBOX_STATUSES, MatterStatus
from benchguard.matters.models import Matter
from benchguard.organization.choices import CourtLevel, PersonCategory
from benchguard.organization.models import Court, Person, RightCategory
from benchguard.overview import permissions
from benchguard.overview.figures import Bar, Figure, FigureSource, Scope
from benchguard.persons_of_concern import permissions as poc_permissions
from benchguard.persons_of_concern.choices import ListLevel
from benchguard.persons_of_concern.models import ControlledListEntry
from benchguard.privacy import permissions as privacy_permissions
from benchguard.privacy.models import ExposureCase
from benchguard.reputation import permissions as reputation_permissions
from benchguard.reputation.models import OpinionEvent

PLACES_SHOWN = 10


def overview_courts(user: Any) -> QuerySet[Court]:
    """The courts the user's overview covers: those where they lead or run the office,
    and the base courts of such an intermediate court (the city, A30)."""
    own = permissions.viewer_court_ids(user)
    return Court.objects.filter(
        Q(pk__in=own) | Q(parent_id__in=own, parent__level=CourtLevel.INTERMEDIATE)
    ).order_by("sort_order", "division_code")


def _counted(rows: QuerySet[Any], key: str) -> dict[Any, int]:
    """{value of `key`: how many rows} in one grouped query (no ordering in the GROUP BY)."""
    return {row[key]: row["n"] for row in rows.order_by().values(key).annotate(n=Count("pk"))}


def _in_court(rows: QuerySet[Any], scope: Scope) -> QuerySet[Any]:
    return rows.filter(court_id=scope.court.pk) if scope.court is not None else rows


@dataclass(frozen=True)
class Rows:
    """An area's records a figure counts (A30: the city's overview is city-wide):
    `readable`, those the viewer opens in the area's list (the figure's links), and
    `others`, every record of the courts the overview covers whose records the viewer
    does not read there (a base court's, for the intermediate court's leaders) —
    counted, never linked; None when there is no such court. The two never overlap."""

    readable: QuerySet[Any]
    others: QuerySet[Any] | None = None

    def narrowed(self, **lookups: Any) -> Rows:
        return self.map(lambda rows: rows.filter(**lookups))

    def map(self, change: Callable[[QuerySet[Any]], QuerySet[Any]]) -> Rows:
        return Rows(change(self.readable), change(self.others) if self.others is not None else None)


def _rows(scope: Scope, readable: QuerySet[Any], model: Any, read_courts: set[int]) -> Rows:
    """The records of a figure: those the viewer opens, and every record of the
    covered courts where the viewer does not read the area's records."""
    courts = [scope.court.pk] if scope.court is not None else list(scope.names)
    unread = [court_id for court_id in courts if court_id not in read_courts]
    readable = _in_court(readable, scope)
    if not unread:
        return Rows(readable)
    # Kept apart: the readable rows of the unread courts (one's own incident there) are
    # counted once, with the others, and their bar does not link.
    return Rows(
        readable.filter(court_id__in=[c for c in courts if c in read_courts]),
        model._default_manager.filter(court_id__in=unread),
    )


def _merged(first: dict[Any, int], second: dict[Any, int]) -> dict[Any, int]:
    merged = dict(first)
    for key, n in second.items():
        merged[key] = merged.get(key, 0) + n
    return merged


def _tally(rows: Rows, key: str) -> tuple[dict[Any, int], Callable[[Any], bool]]:
    """How many records per value of `key`, the unread courts' included, and whether the
    viewer opens all of a value's records (its bar then links to them)."""
    readable = _counted(rows.readable, key)
    if rows.others is None:
        return readable, lambda _value: True
    others = _counted(rows.others, key)
    return _merged(readable, others), lambda value: not others.get(value)


def _tally_by_category(rows: Rows, person_field: str) -> tuple[dict[Any, int], Callable[[Any], bool]]:
    """As `_tally` by the staff category of the person in `person_field`: counted by
    person from an index, then folded by category (the people of a court are few; a
    join to each of the city's records is not)."""

    def by_person(records: QuerySet[Any]) -> dict[Any, int]:
        # By court first: the (court, person) index is read in its order, never the rows.
        counts: dict[Any, int] = {}
        for row in records.order_by().values("court_id", person_field).annotate(n=Count("pk")):
            counts[row[person_field]] = counts.get(row[person_field], 0) + row["n"]
        return counts

    readable = by_person(rows.readable)
    others = by_person(rows.others) if rows.others is not None else {}
    ids = {pk for pk in (*readable, *others) if pk is not None}
    category = dict(Person.objects.filter(pk__in=ids).order_by().values_list("pk", "category"))

    def fold(counts: dict[Any, int]) -> dict[Any, int]:
        folded: dict[Any, int] = {}
        for pk, n in counts.items():
            if pk is not None:
                folded[category[pk]] = folded.get(category[pk], 0) + n
        return folded

    unread = fold(others)
    return _merged(fold(readable), unread), lambda value: not unread.get(value)


def _link(opens: bool, url: str) -> str:
    return url if opens else ""


def _month_label(month: dt.date) -> str:
    return f"{month.year}-{month.month:02d}"


def _per_month(rows: QuerySet[Any], field: str, scope: Scope) -> dict[dt.date, int]:
    """How many rows per month of `field` over the last twelve months (current time zone)."""
    first = scope.months()[0]
    since = timezone.make_aware(dt.datetime(first.year, first.month, 1))
    counted = (
        rows.filter(**{f"{field}__gte": since})
        .order_by()
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {timezone.localtime(row["month"]).date(): row["n"] for row in counted}


def _tally_months(rows: Rows, field: str, scope: Scope) -> tuple[dict[dt.date, int], Callable[[Any], bool]]:
    readable = _per_month(rows.readable, field, scope)
    if rows.others is None:
        return readable, lambda _month: True
    others = _per_month(rows.others, field, scope)
    return _merged(readable, others), lambda month: not others.get(month)


# --- Matters (A26): the register of matters, for its readers ----------------------------


def _matters(scope: Scope) -> Rows | None:
    def build() -> Rows | None:
        if not matter_selectors.office_courts(scope.user):
            return None
        courts = matter_selectors.office_courts(scope.user)
        return _rows(scope, matter_selectors.register_of_matters(scope.user), Matter, courts)

    return scope.once("matters", build)


def open_matters(scope: Scope) -> Figure | None:
    """Matters awaiting acceptance, being handled or suspended, by status."""
    matters = _matters(scope)
    if matters is None:
        return None
    counts, opens = _tally(matters.narrowed(status__in=INBOX_STATUSES), "status")
    bars = [
        Bar(
            str(MatterStatus(status).label),
            counts.get(status, 0),
            _link(opens(status), scope.link("matters:all", status=status)),
        )
        for status in INBOX_STATUSES
    ]
    return Figure("open-matters", _("Open matters"), "bar", bars, _("Open matters by status"))


def overdue_matters(scope: Scope) -> Figure | None:
    """Matters that are or were overdue (matters.selectors.overdue), by court."""
    matters = _matters(scope)
    if matters is None:
        return None
    overdue = matters.map(lambda rows: matter_selectors.overdue(rows, scope.today))
    counts, opens = _tally(overdue, "court_id")
    bars = [
        Bar(
            scope.court_name(court_id),
            n,
            _link(opens(court_id), scope.link("matters:all", overdue="on", court=court_id)),
        )
        for court_id, n in sorted(counts.items())
    ]
    return Figure("overdue-matters", _("Overdue matters"), "bar", bars, _("Overdue matters by court"))


def matters_by_category(scope: Scope) -> Figure | None:
    """Matters by the applicant's staff category (A2, A28)."""
    matters = _matters(scope)
    if matters is None:
        return None
    counts, opens = _tally_by_category(matters, "applicant_id")
    bars = [
        Bar(str(label), counts.get(value, 0), _link(opens(value), scope.link("matters:all", category=value)))
        for value, label in PersonCategory.choices
    ]
    return Figure(
        "matters-by-category",
        _("Matters by staff category"),
        "pie",
        bars,
        _("Matters by the applicant's category"),
    )


def _rights(scope: Scope) -> list[RightCategory]:
    """The categories of rights (A3), read once a page: the active ones, and a retired
    one only where records still carry it (figures add it back)."""
    rights: list[RightCategory] = scope.once("rights", lambda: list(RightCategory.objects.all()))
    return rights


def _by_right(scope: Scope, rows: Rows, name: str) -> list[Bar]:
    counts, opens = _tally(rows, "right_id")
    return [
        Bar(str(right), counts.get(right.pk, 0), _link(opens(right.pk), scope.link(name, right=right.code)))
        for right in _rights(scope)
        if right.is_active or counts.get(right.pk)
    ]


def matters_by_right(scope: Scope) -> Figure | None:
    """Matters by the category of rights concerned (A3)."""
    matters = _matters(scope)
    if matters is None:
        return None
    bars = _by_right(scope, matters, "matters:all")
    return Figure(
        "matters-by-right", _("Matters by rights concerned"), "bar", bars, _("Matters by rights concerned")
    )


# --- Incidents (A8, A9, A13): the register of incidents ----------------------------------


def _incidents(scope: Scope) -> Rows | None:
    def build() -> Rows | None:
        if not incident_permissions.can_report(scope.user):
            return None
        courts = court_ids_with(scope.user, incident_permissions.COURT_WIDE_ROLES)
        return _rows(scope, Incident.objects.visible_to(scope.user), Incident, courts)

    return scope.once("incidents", build)


def incidents_by_kind(scope: Scope) -> Figure | None:
    incidents = _incidents(scope)
    if incidents is None:
        return None
    counts, opens = _tally(incidents, "kind")
    bars = [
        Bar(
            str(label),
            counts.get(value, 0),
            _link(opens(value), scope.link("incidents:incident_list", kind=value)),
        )
        for value, label in IncidentKind.choices
    ]
    return Figure("incidents-by-kind", _("Incidents by kind"), "pie", bars, _("Incidents by kind"))


def incidents_by_month(scope: Scope) -> Figure | None:
    """Incidents by the month they happened in, the last twelve months."""
    incidents = _incidents(scope)
    if incidents is None:
        return None
    counts, opens = _tally_months(incidents, "occurred_at", scope)
    bars = []
    for month in scope.months():
        last_day = (month + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        url = scope.link(
            "incidents:incident_list", occurred_from=month.isoformat(), occurred_to=last_day.isoformat()
        )
        bars.append(Bar(_month_label(month), counts.get(month, 0), _link(opens(month), url)))
    return Figure(
        "incidents-by-month", _("Incidents by month"), "line", bars, _("Incidents in the last twelve months")
    )


def incidents_by_place(scope: Scope) -> Figure | None:
    """The places where most incidents happened (the first PLACES_SHOWN)."""
    incidents = _incidents(scope)
    if incidents is None:
        return None

    def by_place(rows: QuerySet[Any]) -> dict[str, int]:
        return {row["place"]: row["n"] for row in rows.order_by().values("place").annotate(n=Count("pk"))}

    readable = by_place(incidents.readable)
    others = by_place(incidents.others) if incidents.others is not None else {}
    merged = _merged(readable, others)
    top = dict(sorted(merged.items(), key=lambda item: (-item[1], item[0]))[:PLACES_SHOWN])
    bars = [
        Bar(
            place,
            n,
            _link(not others.get(place), scope.link("incidents:incident_list", place=place)),
        )
        for place, n in top.items()
    ]
    return Figure(
        "incidents-by-place", _("Incidents by place"), "bar", bars, _("The places with the most incidents")
    )


def incidents_by_court(scope: Scope) -> Figure | None:
    """Incidents by court: the city's overview only, when no court is chosen."""
    incidents = _incidents(scope)
    if incidents is None or not scope.city:
        return None
    counts, opens = _tally(incidents, "court_id")
    bars = [
        Bar(
            name,
            counts.get(court_id, 0),
            _link(opens(court_id), scope.link("incidents:incident_list", court=court_id)),
        )
        for court_id, name in scope.names.items()
    ]
    return Figure("incidents-by-court", _("Incidents by court"), "bar", bars, _("Incidents by court"))


def _by_category(incidents: QuerySet[Incident]) -> dict[Any, int]:
    through = Incident.targets.through.objects.filter(incident__in=incidents.values("pk"))
    return {
        row["person__category"]: row["n"]
        for row in through.order_by()
        .values("person__category")
        .annotate(n=Count("incident_id", distinct=True))
    }


def incidents_by_category(scope: Scope) -> Figure | None:
    """Incidents by the protected persons' staff category (A2, A28): an incident about
    a judge and a clerk counts once in each."""
    incidents = _incidents(scope)
    if incidents is None:
        return None
    others = _by_category(incidents.others) if incidents.others is not None else {}
    counts = _merged(_by_category(incidents.readable), others)
    bars = [
        Bar(
            str(label),
            counts.get(value, 0),
            _link(not others.get(value), scope.link("incidents:incident_list", category=value)),
        )
        for value, label in PersonCategory.choices
    ]
    return Figure(
        "incidents-by-category",
        _("Incidents by staff category"),
        "pie",
        bars,
        _("Incidents by the protected persons' category"),
    )


def incidents_by_right(scope: Scope) -> Figure | None:
    """Incidents by the category of rights concerned (A3)."""
    incidents = _incidents(scope)
    if incidents is None:
        return None
    bars = _by_right(scope, incidents, "incidents:incident_list")
    return Figure(
        "incidents-by-right",
        _("Incidents by rights concerned"),
        "bar",
        bars,
        _("Incidents by rights concerned"),
    )


# --- The later registers by right (A3 "reports count by it"): counts only ---------------


def _register_by_right(
    scope: Scope,
    key: str,
    title: str,
    description: str,
    model: Any,
    courts: set[int],
    **lookups: Any,
) -> Figure | None:
    """A register's records by the category of rights, for the readers of its records:
    the courts they read and (the city, A30) the covered courts they do not. Counts
    only, without links: these registers' lists have no filter by right, and their
    records are opened (and logged) one by one in their own area."""
    if not courts:
        return None
    rows = _rows(scope, model._default_manager.filter(court_id__in=courts), model, courts)
    counts, _opens = _tally(rows.narrowed(**lookups), "right_id")
    bars = [
        Bar(str(right), counts.get(right.pk, 0), "")
        for right in _rights(scope)
        if right.is_active or counts.get(right.pk)
    ]
    return Figure(key, title, "bar", bars, description)


def interference_by_right(scope: Scope) -> Figure | None:
    """Entries of the interference register (A7.1) by right, amendments aside (as the
    quarterly reports count them)."""
    return _register_by_right(
        scope,
        "interference-by-right",
        _("Interference entries by rights concerned"),
        _("Attempts to influence a case recorded, by rights concerned"),
        Entry,
        interference_permissions.court_reader_ids(scope.user),
        amends__isnull=True,
    )


def reputation_by_right(scope: Scope) -> Figure | None:
    """Events of the reputation register (A19) by right."""
    return _register_by_right(
        scope,
        "reputation-by-right",
        _("Reputation events by rights concerned"),
        _("Public-opinion events recorded, by rights concerned"),
        OpinionEvent,
        reputation_permissions.reader_court_ids(scope.user),
    )


def privacy_by_right(scope: Scope) -> Figure | None:
    """Cases of the privacy register (A20) by right."""
    return _register_by_right(
        scope,
        "privacy-by-right",
        _("Privacy cases by rights concerned"),
        _("Exposures of personal information recorded, by rights concerned"),
        ExposureCase,
        privacy_permissions.reader_court_ids(scope.user),
    )


# --- Cases (A14, A16): the cases list, for the readers of a court's cases ------------------


def flagged_cases_by_level(scope: Scope) -> Figure | None:
    """Cases not closed by the risk level their division chief set (A14, A16), each bar
    the cases list at that level; for the readers of the court's cases."""
    if not case_permissions.reader_court_ids(scope.user):
        return None
    courts = case_permissions.reader_court_ids(scope.user)
    cases = _rows(scope, case_selectors.cases_for(scope.user, stage="open"), Case, courts)
    cases = Rows(
        cases.readable, cases.others.exclude(stage=Stage.CLOSED) if cases.others is not None else None
    )
    counts, opens = _tally(cases.narrowed(risk_level__isnull=False), "risk_level__rank")
    bars = [
        Bar(
            str(level),
            counts.get(level.rank, 0),
            _link(opens(level.rank), scope.link("cases:case_list", stage="open", level=level.rank)),
        )
        for level in RiskLevel.objects.order_by("rank")
        if level.is_active or counts.get(level.rank)
    ]
    return Figure(
        "flagged-cases", _("Flagged cases"), "bar", bars, _("Cases not closed by the risk level set")
    )


# --- The gate (A12): the visits register, for its readers --------------------------------


def _visits(scope: Scope) -> Rows | None:
    def build() -> Rows | None:
        if not gate_permissions.can_list_visits(scope.user):
            return None
        courts = court_ids_with(scope.user, gate_permissions.LIST_ROLES)
        return _rows(scope, gate_selectors.register_for(scope.user), Visit, courts)

    return scope.once("visits", build)


HOLD_STATUSES = (VisitStatus.ON_HOLD, VisitStatus.CHECKING)


def holds_now(scope: Scope) -> Figure | None:
    """Visits waiting at the gates for the judicial police: on hold, being checked."""
    visits = _visits(scope)
    if visits is None:
        return None
    counts, opens = _tally(visits.narrowed(status__in=HOLD_STATUSES), "status")
    bars = [
        Bar(
            str(status.label),
            counts.get(status, 0),
            _link(opens(status), scope.link("gate:visit_list", status=status)),
        )
        for status in HOLD_STATUSES
    ]
    return Figure("holds-now", _("Holds at the gates"), "bar", bars, _("Visits held at the gates now"))


def holds_by_month(scope: Scope) -> Figure | None:
    """Visits the screening held or checked, by the month they arrived in."""
    visits = _visits(scope)
    if visits is None:
        return None
    counts, opens = _tally_months(visits.narrowed(hits__gt=0), "arrived_at", scope)
    bars = [
        Bar(
            _month_label(month),
            counts.get(month, 0),
            _link(opens(month), scope.link("gate:visit_list", held="on", month=_month_label(month))),
        )
        for month in scope.months()
    ]
    return Figure(
        "holds-by-month",
        _("Holds by month"),
        "line",
        bars,
        _("Visits held or checked in the last twelve months"),
    )


# --- The controlled list (A15), city-wide for its readers --------------------------------


def controlled_list_by_level(scope: Scope) -> Figure | None:
    """Active entries of the controlled list by level (of the proposing court when one
    is chosen)."""
    if not poc_permissions.can_read(scope.user):
        return None
    entries = _in_court(ControlledListEntry.objects.visible_to(scope.user).active_on(scope.today), scope)
    counts = _counted(entries, "level")
    bars = [
        Bar(
            str(label),
            counts.get(value, 0),
            scope.link("persons_of_concern:entry_list", active="on", level=value),
        )
        for value, label in ListLevel.choices
    ]
    return Figure(
        "controlled-list",
        _("Controlled list"),
        "bar",
        bars,
        _("Active entries of the controlled list by level"),
    )


FIGURES: list[FigureSource] = [
    open_matters,
    overdue_matters,
    matters_by_category,
    matters_by_right,
    incidents_by_kind,
    incidents_by_month,
    incidents_by_place,
    incidents_by_court,
    incidents_by_category,
    incidents_by_right,
    interference_by_right,
    reputation_by_right,
    privacy_by_right,
    flagged_cases_by_level,
    holds_now,
    holds_by_month,
    controlled_list_by_level,
]


def scope_for(
    user: Any, court: Court | None, courts: list[Court] | None = None, today: dt.date | None = None
) -> Scope:
    """The viewer's scope: one `court`, or every court of `courts` (their overview's)."""
    if court is not None:
        courts = [court]
    elif courts is None:
        courts = list(overview_courts(user))
    names = {c.pk: c.short_name for c in courts}
    return Scope(user=user, court=court, today=today or timezone.localdate(), names=names)


def figures_for(scope: Scope) -> list[Figure]:
    """The figures the viewer may see, in the page's order."""
    return [figure for source in FIGURES if (figure := source(scope)) is not None]
