"""Reads at the gate, each scoped by the models' `visible_to` (invisible → 404): the
desk's lists, a visit, the holds, the day's end and its counts, the register's search
and counts, and the checkpoint's shifts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Func, Q, QuerySet
from django.db.models.functions import TruncDate, TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.core.crypto import blind_index_candidates
from benchguard.core.documents import DocumentType, normalize_document
from benchguard.core.types import Actor
from benchguard.gate import permissions
from benchguard.gate.choices import (
    OPEN_STATUSES,
    POLICE_STATUSES,
    DayEndOutcome,
    Disposition,
    HoldDecision,
    ItemCategory,
    PassageKind,
    PostKind,
    RefusalReason,
    VisitStatus,
)
from benchguard.gate.models import (
    CheckpointShift,
    DayClosing,
    DayEndRecord,
    EntryRefusal,
    HeldItem,
    IdDeposit,
    PassageEntry,
    Post,
    Visit,
)
from benchguard.organization.choices import DepartmentType, Role
from benchguard.organization.models import Person
from benchguard.organization.selectors import people_in_court

HOST_MATCHES = 8


def desk_posts(user: Actor, kind: str = PostKind.GATEHOUSE) -> QuerySet[Post]:
    return Post.objects.visible_to(user).filter(kind=kind, is_active=True).select_related("court")


def get_visit_for(user: Actor, pk: int) -> Visit:
    """Desk users and the register's readers: their courts' visits; a host: their own."""
    related = ["post", "host", "host_department", "registered_by", "confirmed_by"]
    return get_object_or_404(Visit.objects.visible_to(user).select_related(*related), pk=pk)


def desk_visits(user: Actor) -> QuerySet[Visit]:
    """The visits the gate's hardware (the API) reads: the desk's courts'."""
    return (
        Visit.objects.visible_to(user, roles=permissions.DESK_ROLES)
        .select_related("host", "deposit")
        .order_by("-arrived_at", "-pk")
    )


def today_visits(post: Post) -> QuerySet[Visit]:
    """The desk's list: today's visits and any earlier one still open."""
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time()))
    return (
        Visit.objects.filter(post=post)
        .filter(Q(arrived_at__gte=start) | Q(status__in=OPEN_STATUSES))
        .select_related("host", "host_department", "deposit", "decision")
        .order_by("-arrived_at")
    )


def held_now(post: Post) -> QuerySet[IdDeposit]:
    return (
        IdDeposit.objects.filter(post=post, returned_at__isnull=True).select_related("visit").order_by("slot")
    )


def get_deposit_for(user: Actor, pk: int) -> IdDeposit:
    return get_object_or_404(IdDeposit.objects.visible_to(user).select_related("post"), pk=pk)


def holds_for(user: Actor) -> QuerySet[Visit]:
    return (
        Visit.objects.visible_to(user, roles=permissions.POLICE_ROLES)
        .filter(status__in=POLICE_STATUSES)
        .select_related("post", "host", "host_department")
        .prefetch_related("screening_hits__person")
        .order_by("arrived_at")
    )


def awaiting_host(user: Actor) -> QuerySet[Visit]:
    return (
        Visit.objects.hosted_by(user)
        .filter(status__in=[VisitStatus.PENDING, *POLICE_STATUSES], confirmed_at__isnull=True)
        .select_related("post")
    )


def my_visitors(user: Actor) -> QuerySet[Visit]:
    """The visits to the user as host (A12.2: a host sees their own visitors)."""
    return Visit.objects.hosted_by(user).select_related("post", "decision").order_by("-arrived_at", "-pk")


def find_hosts(court_id: int, query: str) -> list[Person]:
    """People of the court a guard means by part of a name, its pinyin or initials, a
    staff number or a department."""
    query = query.strip()
    if not query:
        return []
    lowered = query.lower().replace(" ", "")
    return list(
        people_in_court(court_id)
        .filter(
            Q(name__contains=query)
            | Q(name_pinyin__startswith=lowered)
            | Q(name_initials__startswith=lowered)
            | Q(staff_number=query)
            | Q(department__name__contains=query)
        )
        .select_related("department", "account")[: HOST_MATCHES + 1]
    )


# --- Day's end ------------------------------------------------------------------------------------


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    return start, start + dt.timedelta(days=1)


def day_end_list(*, post: Post, day: dt.date) -> tuple[list[Visit], list[IdDeposit]]:
    """At closing: every visitor of the post not checked out (arrived on or before
    `day`, not yet recorded today) and every document still held."""
    _start, end = _day_bounds(day)
    visits = list(
        Visit.objects.filter(post=post, status__in=OPEN_STATUSES, arrived_at__lt=end)
        .exclude(day_end__day=day)
        .select_related("host", "deposit")
        .order_by("arrived_at")
    )
    return visits, list(held_now(post))


def day_counts(*, post: Post, day: dt.date) -> dict[str, int]:
    """The day's figures at a gatehouse, as the guard signs them: visitors registered,
    let in, ended without entering (of them refused by the judicial police), held or
    checked by the screening, still inside with authorisation, waiting for the police,
    and documents still held."""
    start, end = _day_bounds(day)
    arrived = Visit.objects.filter(post=post, arrived_at__gte=start, arrived_at__lt=end)
    return {
        "registered": arrived.count(),
        "admitted": arrived.filter(confirmed_at__isnull=False)
        .filter(status__in=[VisitStatus.ADMITTED, VisitStatus.DEPARTED])
        .count(),
        "not_admitted": arrived.filter(status=VisitStatus.CLOSED).count(),
        "refused_by_police": arrived.filter(decision__decision=HoldDecision.REFUSE).count(),
        "screened_out": arrived.filter(hits__gt=0).count(),
        "still_inside": DayEndRecord.objects.filter(
            visit__post=post, day=day, outcome=DayEndOutcome.STAYS_AUTHORISED
        ).count(),
        "with_police": Visit.objects.filter(
            post=post, status__in=POLICE_STATUSES, arrived_at__lt=end
        ).count(),
        "documents_held": IdDeposit.objects.filter(post=post, returned_at__isnull=True).count(),
    }


def day_closing(*, post: Post, day: dt.date) -> DayClosing | None:
    return DayClosing.objects.filter(post=post, day=day).select_related("signed_by").first()


def get_day_end_visit(post: Post, posted: str) -> Visit:
    """The visit a day's-end form names, of this post (a broken or foreign id → 404)."""
    return get_object_or_404(Visit, pk=int(posted) if posted.isdigit() else 0, post=post)


# --- The register ---------------------------------------------------------------------------------


def search_criteria(cleaned: dict[str, Any]) -> dict[str, Any]:
    """What a search keeps in the session between its pages and its export: the dates,
    the name and host as typed, and a document number only as its blind indexes (the
    number itself is never stored again, nor put in an address)."""
    criteria: dict[str, Any] = {
        "date_from": cleaned["date_from"].isoformat() if cleaned["date_from"] else "",
        "date_to": cleaned["date_to"].isoformat() if cleaned["date_to"] else "",
        "name": cleaned["name"].strip(),
        "host": cleaned["host"].strip(),
        "document_indexes": [],
    }
    if cleaned["document_number"]:
        number = normalize_document(cleaned["document_number"])
        criteria["document_indexes"] = [
            index
            for kind in DocumentType.values
            for index in blind_index_candidates(number, purpose=f"gate-document-{kind}")
        ]
    return criteria


def register_for(user: Actor) -> QuerySet[Visit]:
    """The visits register: the visits of the courts where the user reads it."""
    return Visit.objects.visible_to(user, roles=permissions.LIST_ROLES)


def search_visits(user: Actor, criteria: dict[str, Any]) -> QuerySet[Visit]:
    """The register's visits matching a search kept by `search_criteria`."""
    visits = register_for(user).select_related("post", "host", "host_department")
    if criteria.get("date_from"):
        visits = visits.filter(arrived_at__date__gte=dt.date.fromisoformat(criteria["date_from"]))
    if criteria.get("date_to"):
        visits = visits.filter(arrived_at__date__lte=dt.date.fromisoformat(criteria["date_to"]))
    if criteria.get("name"):
        visits = visits.filter(visitor_name__contains=criteria["name"])
    if criteria.get("host"):
        visits = visits.filter(host__name__contains=criteria["host"])
    if criteria.get("document_indexes"):
        visits = visits.filter(document_index__in=criteria["document_indexes"])
    return visits


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of `month` and of the next, in the current time zone (as
    TruncMonth counts them)."""
    start = dt.datetime(month.year, month.month, 1)
    following = dt.datetime(month.year + month.month // 12, month.month % 12 + 1, 1)
    return timezone.make_aware(start), timezone.make_aware(following)


def drill_visits(
    user: Actor,
    *,
    status: str = "",
    held: bool = False,
    month: dt.date | None = None,
    court: int | None = None,
) -> QuerySet[Visit]:
    """The register's visits the leaders' overview counted (A30): of a status, those the
    screening held or checked (`held`), that arrived in a month, of a court."""
    visits = register_for(user).select_related("post", "host", "host_department")
    if status:
        visits = visits.filter(status=status)
    if held:
        visits = visits.filter(hits__gt=0)
    if month is not None:
        start, end = month_bounds(month)
        visits = visits.filter(arrived_at__gte=start, arrived_at__lt=end)
    if court:
        visits = visits.filter(court_id=court)
    return visits


def visit_counts(user: Actor, today: dt.date) -> dict[str, list[dict[str, Any]]]:
    """The register's visits per day (the last 31 days) and per month (the last 12
    months, this one included), each with how many the screening held or checked."""
    since_day, _end = _day_bounds(today - dt.timedelta(days=30))
    months_back = today.month - 11  # this month and the 11 before it
    since_month = timezone.make_aware(
        dt.datetime(today.year + (months_back - 1) // 12, (months_back - 1) % 12 + 1, 1)
    )
    visits = register_for(user)
    return {
        "daily": _counts_by(visits.filter(arrived_at__gte=since_day), "day", TruncDate),
        "monthly": _counts_by(visits.filter(arrived_at__gte=since_month), "month", TruncMonth),
    }


def _counts_by(visits: QuerySet[Visit], period: str, trunc: type[Func]) -> list[dict[str, Any]]:
    """Visits per `period` (newest first): how many, and how many the screening held
    or checked."""
    return list(
        visits.annotate(**{period: trunc("arrived_at")})
        .values(period)
        .annotate(n=Count("id"), holds=Count("id", filter=Q(hits__gt=0)))
        .order_by(f"-{period}")
    )


# --- Checkpoint (A12.1) ---------------------------------------------------------------------------


def shifts_for(user: Actor) -> QuerySet[CheckpointShift]:
    return CheckpointShift.objects.visible_to(user).select_related("post", "recorded_by")


def get_shift_for(user: Actor, pk: int) -> CheckpointShift:
    return get_object_or_404(
        shifts_for(user).prefetch_related("items__incident", "officers", "refusal_rows__recorded_by"), pk=pk
    )


def checkpoint_officers(courts: int | Iterable[int]) -> QuerySet[Person]:
    """Who may stand on a checkpoint's shift (A12.1): the court's (or courts') judicial
    police, by their department or their role there."""
    court_ids = [courts] if isinstance(courts, int) else list(courts)
    police = Q(department__type=DepartmentType.JUDICIAL_POLICE) | Q(
        account__role_assignments__role=Role.JUDICIAL_POLICE,
        account__role_assignments__court_id__in=court_ids,
    )
    ids = people_in_court(court_ids).filter(police).values("pk")
    return Person.objects.filter(pk__in=ids).order_by("name_pinyin", "id")


def passage_entries_for(user: Actor) -> QuerySet[PassageEntry]:
    return PassageEntry.objects.visible_to(user).select_related("post", "recorded_by")


def checkpoint_statistics(user: Actor, year: int) -> dict[str, Any]:
    """The checkpoint's figures by category and month (A12.1) for the user's courts:
    refusals by reason, prohibited items by category and what became of them, entries by
    the dedicated passage by kind. Each a grouped query; a month with nothing is 0."""
    zone = timezone.get_current_timezone()
    months = [dt.date(year, month, 1) for month in range(1, 13)]

    def table(rows: QuerySet[Any], date_field: str, key: str, choices: Any) -> list[dict[str, Any]]:
        counted: dict[tuple[Any, Any], int] = {}
        # A moment counts in the court's month; a day is its own.
        month_of = (
            TruncMonth(date_field) if date_field == "shift__day" else TruncMonth(date_field, tzinfo=zone)
        )
        grouped = rows.annotate(month=month_of).order_by().values("month", key).annotate(n=Count("pk"))
        for row in grouped:
            month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
            counted[(month, row[key])] = row["n"]
        return [
            {
                "value": value,
                "label": label,
                "counts": [counted.get((month, value), 0) for month in months],
                "total": sum(counted.get((month, value), 0) for month in months),
            }
            for value, label in choices
        ]

    refusals = EntryRefusal.objects.visible_to(user).filter(at__year=year)
    items = HeldItem.objects.visible_to(user).filter(shift__day__year=year)
    passage = PassageEntry.objects.visible_to(user).filter(at__year=year)
    return {
        "months": months,
        "refusals": table(refusals, "at", "reason", RefusalReason.choices),
        "items": table(items, "shift__day", "category", ItemCategory.choices),
        # `held` is the older word the form no longer offers: a row only for a year that has it.
        "dispositions": [
            row
            for row in table(items, "shift__day", "disposition", Disposition.choices)
            if row["value"] != Disposition.HELD or row["total"]
        ],
        "passage": table(passage, "at", "kind", PassageKind.choices),
    }


def get_item_for(user: Actor, pk: int) -> HeldItem:
    return get_object_or_404(HeldItem.objects.visible_to(user).select_related("shift__post"), pk=pk)
