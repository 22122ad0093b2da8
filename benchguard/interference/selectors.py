"""Scoped reads of the interference area (A7), with what each page shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.interference import permissions
from benchguard.interference.choices import ActionStatus, ReportStatus
from benchguard.interference.models import (
    Entry,
    ImmediateReport,
    InterferenceSettings,
    PersonnelAction,
    ProtectionFlag,
    QuarterReport,
    Referral,
)
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Person, RightCategory, RoleAssignment


def entries_for(
    user: Any, *, method: str = "", affected: bool = False, referred: bool = False
) -> QuerySet[Entry]:
    """The entries the user reads, newest recorded first, with what the list shows (one
    query however many rows)."""
    rows = (
        Entry.objects.visible_to(user)
        .select_related("court", "judge", "right", "amends")
        .annotate(
            is_referred=Exists(Referral.objects.filter(entry=OuterRef("pk"))),
            is_reported=Exists(ImmediateReport.objects.filter(entry=OuterRef("pk"))),
        )
    )
    if method:
        rows = rows.filter(method=method)
    if affected:
        rows = rows.filter(affected_handling=True)
    if referred:
        rows = rows.filter(is_referred=True)
    return rows.order_by("-recorded_at", "-id")


def get_entry_for(user: Any, pk: int) -> Entry:
    return get_object_or_404(
        Entry.objects.visible_to(user).select_related(
            "court", "judge", "judge__account", "right", "recorded_by", "case", "amends"
        ),
        pk=pk,
    )


def entry_facts(entry: Entry) -> dict[str, Any]:
    """The referral, the immediate report, the amendments and attachments of an entry."""
    return {
        "referral": Referral.objects.filter(entry=entry).select_related("referred_by").first(),
        "immediate": ImmediateReport.objects.filter(entry=entry).select_related("reported_by").first(),
        "amendments": list(entry.amendments.select_related("recorded_by").order_by("recorded_at", "id")),
        "attachments": list(entry.attachments.order_by("uploaded_at", "id")),
    }


def get_attachment_for(user: Any, entry_pk: int, pk: int) -> Any:
    entry = get_entry_for(user, entry_pk)
    return get_object_or_404(entry.attachments.all(), pk=pk), entry


def judges_in(court_ids: Any) -> QuerySet[Person]:
    """Who the register and the personnel review are about, in post at these courts, in
    the pickers' order (by pinyin): the quota judges, anyone whose account holds a judge's
    role (a judge, a division chief) in their court, and — covered by reference (A2/A28)
    and themselves approached about the cases they work on — the judicial support staff
    (assistants, clerks). Never other staff: a guard, a police officer, an administrator,
    a counsellor."""
    judge_role = RoleAssignment.objects.filter(
        account_id=OuterRef("account_id"), court_id=OuterRef("court_id"), role__in=permissions.JUDGES
    )
    return (
        Person.objects.filter(court_id__in=list(court_ids), is_active=True)
        .filter(
            Q(category__in=[PersonCategory.QUOTA_JUDGE, PersonCategory.SUPPORT_STAFF]) | Exists(judge_role)
        )
        .order_by("name_pinyin", "id")
    )


def is_judge(person: Person) -> bool:
    return judges_in([person.court_id]).filter(pk=person.pk).exists()


def recordable_judges_for(user: Any) -> QuerySet[Person]:
    """The user themself (a judge) and the judges of the courts they supervise, by pinyin."""
    supervised = permissions.court_ids_with(user, permissions.SUPERVISORS)
    mine = Person.objects.filter(
        account_id=user.pk, court_id__in=permissions.court_ids_with(user, permissions.JUDGES)
    )
    others = judges_in(supervised)
    return (
        Person.objects.filter(Q(pk__in=mine.values("pk")) | Q(pk__in=others.values("pk")))
        .select_related("court")
        .order_by("name_pinyin", "id")
    )


def overdue_immediate_for(user: Any, limit: int = 10) -> tuple[list[Entry], int]:
    """Entries that affected a case and are not yet reported upward past the court's
    hours, for the keeper's panel (the longest overdue first)."""
    courts = permissions.court_ids_with(user, permissions.KEEPERS)
    if not courts:
        return [], 0
    hours = dict(
        InterferenceSettings.objects.filter(court_id__in=courts).values_list("court_id", "immediate_hours")
    )
    now = timezone.now()
    rows = Entry.objects.filter(court_id__in=courts, affected_handling=True, immediate_report__isnull=True)
    late = [
        entry
        for entry in rows.select_related("judge").order_by("recorded_at", "id")[:200]
        if entry.immediate_due(hours.get(entry.court_id, 24)) < now
    ]
    return late[:limit], len(late)


# --- Reports -----------------------------------------------------------------------------


def reports_for(user: Any, *, court: Any = None, late: bool = False) -> QuerySet[QuarterReport]:
    rows = QuarterReport.objects.visible_to(user).select_related("court", "submitted_by")
    if court is not None:
        rows = rows.filter(court=court)
    if late:
        rows = rows.filter(status=ReportStatus.DRAFT, due_on__lt=timezone.localdate())
    return rows.order_by("-year", "-quarter", "court__sort_order", "court_id", "id")


def rights_counted(report: QuarterReport) -> list[tuple[str, int]]:
    """The report's counts by right (kept by the Chinese label when it was counted), each
    shown in the reader's language (the category's bilingual name; a label no category
    carries any more is shown as kept)."""
    kept: dict[str, int] = (report.counts or {}).get("by_right") or {}
    named = {right.label: str(right) for right in RightCategory.objects.filter(label__in=list(kept))}
    return [(named.get(label, label), count) for label, count in kept.items()]


def get_report_for(user: Any, pk: int) -> QuarterReport:
    return get_object_or_404(
        QuarterReport.objects.visible_to(user).select_related(
            "court", "court__parent", "submitted_by", "higher_acknowledged_by"
        ),
        pk=pk,
    )


def late_reports_for(user: Any, today: dt.date | None = None) -> list[QuarterReport]:
    """The late reports of the courts the user keeps or leads (home panels)."""
    courts = permissions.court_ids_with(user, permissions.KEEPERS | permissions.LEADERS)
    if not courts:
        return []
    return list(
        QuarterReport.objects.filter(
            court_id__in=courts, status=ReportStatus.DRAFT, due_on__lt=today or timezone.localdate()
        )
        .select_related("court")
        .order_by("due_on", "id")[:10]
    )


def pending_reports_for(user: Any) -> list[QuarterReport]:
    """Reports the keeper has to sign, and base courts' reports to acknowledge."""
    own = permissions.court_ids_with(user, permissions.KEEPERS)
    if not own:
        return []
    drafts = QuarterReport.objects.filter(court_id__in=own, status=ReportStatus.DRAFT)
    base = QuarterReport.objects.filter(
        court__parent_id__in=own, status=ReportStatus.SUBMITTED, higher_acknowledged_at__isnull=True
    )
    return list((drafts | base).select_related("court").order_by("due_on", "id")[:10])


# --- Personnel actions ---------------------------------------------------------------------


def actions_for(user: Any, *, status: str = "") -> QuerySet[PersonnelAction]:
    rows = PersonnelAction.objects.visible_to(user).select_related("court", "judge")
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-decided_on", "-id")


def flagged_ids(user: Any, rows: list[PersonnelAction]) -> set[int]:
    """Of the actions shown, those flagged — only for the committee side (else none)."""
    courts = permissions.committee_reader_ids(user)
    ids = [row.pk for row in rows if row.court_id in courts]
    if not ids:
        return set()
    return set(ProtectionFlag.objects.filter(action_id__in=ids).values_list("action_id", flat=True))


def get_action_for(user: Any, pk: int) -> PersonnelAction:
    return get_object_or_404(
        PersonnelAction.objects.visible_to(user).select_related(
            "court", "judge", "right", "recorded_by", "prepared_by", "reviewed_by", "resolution"
        ),
        pk=pk,
    )


def flag_of(user: Any, action: PersonnelAction) -> ProtectionFlag | None:
    if not permissions.sees_flag(user, action):
        return None
    return ProtectionFlag.objects.filter(action=action).first()


def actions_awaiting_for(user: Any) -> list[PersonnelAction]:
    """Actions awaiting the user's step: the office prepares, the chair reviews."""
    office = permissions.court_ids_with(user, {"committee_office"})
    chair = permissions.court_ids_with(user, permissions.REVIEWERS)
    rows = PersonnelAction.objects.filter(court_id__in=office, status=ActionStatus.RECORDED) | (
        PersonnelAction.objects.filter(court_id__in=chair, status=ActionStatus.PREPARED)
    )
    return list(rows.select_related("judge").order_by("decided_on", "id")[:10])


def personnel_judges_for(user: Any) -> QuerySet[Person]:
    """The judges of the courts whose personnel office the user is, by pinyin (A7.2)."""
    return judges_in(permissions.personnel_court_ids(user))
