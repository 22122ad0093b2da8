"""Reads of matters, scoped to the user, with the joins each page shows."""

from __future__ import annotations

import datetime as dt
import operator
from functools import reduce
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.core import deadlines
from benchguard.core.access import court_ids_with
from benchguard.matters.choices import MatterStatus, TimeRequestStatus
from benchguard.matters.models import InvestigationTask, Matter, MatterEvent, MatterSettings, TimeRequest
from benchguard.matters.querysets import COURT_WIDE_ROLES
from benchguard.organization.models import Account


def get_matter_for(user: Any, pk: int) -> Matter:
    return get_object_or_404(
        Matter.objects.visible_to(user).select_related(
            "resolution__meeting", "court", "applicant", "applicant__department", "handler", "right"
        ),
        pk=pk,
    )


def my_matters(user: Any) -> QuerySet[Matter]:
    """What the judge applied for (or what concerns them)."""
    return (
        Matter.objects.filter(applicant__account_id=user.pk)
        .select_related("court")
        .order_by("-registered_at", "-pk")
    )


def office_courts(user: Any) -> set[int]:
    return court_ids_with(user, COURT_WIDE_ROLES)


def inbox(user: Any) -> QuerySet[Matter]:
    """Open and waiting matters of the user's courts, the most urgent first."""
    return (
        Matter.objects.filter(court_id__in=office_courts(user), in_inbox=1)
        .select_related("court", "applicant", "handler")
        .order_by("due_date", "registered_at", "pk")
    )


def with_days_left(matters: list[Matter], today: dt.date | None = None) -> list[Matter]:
    """Attach `days_left` (negative when overdue) and `days_overdue` for the page;
    computed, never stored."""
    today = today or timezone.localdate()
    for matter in matters:
        left = (matter.due_date - today).days if matter.due_date else None
        matter.days_left = left  # type: ignore[attr-defined]
        matter.days_overdue = -left if left is not None and left < 0 else 0  # type: ignore[attr-defined]
    return matters


def overdue_since(matter: Matter, today: dt.date | None = None) -> dt.date | None:
    """The first day a matter was overdue: the day after its due date, when it is still
    being handled after it, or was decided after it (A26.4). A due date is never moved
    once passed (services._refuse_when_overdue), so this stays in the record."""
    if matter.due_date is None:
        return None
    finished_on = matter.decided_on
    if finished_on is None and matter.status == MatterStatus.ACCEPTED:
        finished_on = today or timezone.localdate()
    if finished_on is not None and finished_on > matter.due_date:
        return matter.due_date + dt.timedelta(days=1)
    return None


def acceptance_target_days(court_id: int) -> int:
    found = MatterSettings.objects.filter(court_id=court_id).values_list("acceptance_target_days", flat=True)
    return found.first() or MatterSettings._meta.get_field("acceptance_target_days").default


def acceptance_target(matter: Matter, days: int | None = None) -> dt.date | None:
    """The court's internal target for accepting or declining an application still
    awaiting it: `days` working days after the day it was received (A26.2 asks for
    prompt handling; this is the court's own target, not a legal time limit)."""
    if matter.status != MatterStatus.SUBMITTED:
        return None
    received = timezone.localdate(matter.registered_at)
    return deadlines.due_date(received, days or acceptance_target_days(matter.court_id), calendar_days=False)


def handler_load(user: Any) -> list[dict[str, Any]]:
    """Open matters per handler in the user's courts."""
    rows = (
        Matter.objects.filter(
            court_id__in=office_courts(user), status__in=[MatterStatus.ACCEPTED, MatterStatus.SUSPENDED]
        )
        .values("handler")
        .annotate(count=Count("pk"))
        .order_by("-count")
    )
    names = dict(
        Account.objects.filter(pk__in=[row["handler"] for row in rows]).values_list("pk", "display_name")
    )
    return [{"name": names.get(row["handler"], "—"), "count": row["count"]} for row in rows]


def awaiting_chair(user: Any) -> QuerySet[TimeRequest]:
    """Suspensions and extensions waiting for this chair's approval."""
    return (
        TimeRequest.objects.filter(
            status=TimeRequestStatus.PENDING, matter__court_id__in=court_ids_with(user, ["committee_chair"])
        )
        .select_related("matter", "requested_by")
        .order_by("requested_at")
    )


def timeline(matter: Matter, *, full: bool) -> QuerySet[MatterEvent]:
    events = matter.events.all()
    return events if full else events.filter(for_applicant=True)


def tasks_for(user: Any) -> QuerySet[InvestigationTask]:
    """Tasks the user may report done: their own, and those of matters they handle."""
    from django.db.models import Q

    return InvestigationTask.objects.filter(
        Q(owner__account_id=user.pk)
        | Q(
            matter__in=Matter.objects.visible_to(user).filter(
                Q(court_id__in=court_ids_with(user, ["committee_office"])) | Q(handler_id=user.pk)
            )
        )
    ).select_related("matter", "owner")


def my_open_tasks(user: Any) -> QuerySet[InvestigationTask]:
    return InvestigationTask.objects.filter(owner__account_id=user.pk, done_at__isnull=True).order_by(
        "due_date", "pk"
    )


def register_of_matters(user: Any) -> QuerySet[Matter]:
    """Every matter of the courts whose office, chair or vice-chair the user is, in any
    status (issue 9, point 5), newest number first."""
    return (
        Matter.objects.visible_to(user)
        .filter(court_id__in=office_courts(user))
        .select_related("court", "applicant", "handler", "right")
        .order_by("-year", "-sequence", "court_id")
    )


def overdue(matters: QuerySet[Matter], today: dt.date | None = None) -> QuerySet[Matter]:
    """Matters that are or were overdue (as `overdue_since`): still being handled after
    the due date, or decided after it."""
    today = today or timezone.localdate()
    return matters.filter(
        Q(status=MatterStatus.ACCEPTED, due_date__lt=today)
        | Q(decided_on__isnull=False, due_date__isnull=False, decided_on__gt=F("due_date"))
    )


# What the register's search box looks in, besides the applicant's pinyin without spaces.
SEARCHED_FIELDS = (
    "number",
    "applicant__name",
    "applicant__name_pinyin",
    "facts",
    "infringer",
    "request",
    "findings",
    "handling_opinion",
    "declined_reason",
)


def search_register(
    matters: QuerySet[Matter],
    *,
    q: str = "",
    status: str = "",
    year: int | None = None,
    handler: Any = None,
    only_overdue: bool = False,
    category: str = "",
    right: Any = None,
    court: int | None = None,
) -> QuerySet[Matter]:
    """The register filtered: `q` matches the number, the applicant's name or pinyin
    (spaces ignored), and the text of the matter."""
    q = q.strip()
    if q:
        compact = "".join(q.split()).lower()
        matters = matters.filter(
            Q(applicant__name_pinyin__icontains=compact)
            | reduce(operator.or_, (Q(**{f"{field}__icontains": q}) for field in SEARCHED_FIELDS))
        )
    if status:
        matters = matters.filter(status=status)
    if year:
        matters = matters.filter(year=year)
    if handler is not None:
        matters = matters.filter(handler=handler)
    if only_overdue:
        matters = overdue(matters)
    if category:
        matters = matters.filter(applicant__category=category)
    if right is not None:
        matters = matters.filter(right=right)
    if court:
        matters = matters.filter(court_id=court)
    return matters
