"""The quarterly reports of the register (A7.1): each court reports every quarter to
the political-legal committee and the higher court, a zero report (零报告) when nothing
was recorded; a report not submitted by the court's day shows as late.

A daily job prepares the ended quarter's reports (a zero report when the register is
empty) and tells the keeper and the court's leaders, once, about a late one."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.exports import Column, local_time, workbook
from benchguard.core.services import create_versioned, lock, require_status, save_versioned
from benchguard.core.types import Actor
from benchguard.interference import permissions
from benchguard.interference.choices import ReportStatus
from benchguard.interference.models import Entry, QuarterReport
from benchguard.interference.services.register import _accounts, settings_for
from benchguard.notifications.services import localized, notify
from benchguard.organization.choices import CourtLevel
from benchguard.organization.models import Court
from benchguard.organization.types import signed_in

REPORTING_LEVELS = (CourtLevel.INTERMEDIATE, CourtLevel.BASE)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def previous_quarter(day: dt.date) -> tuple[int, int]:
    year, quarter = quarter_of(day)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    return QuarterReport(year=year, quarter=quarter).period


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def quarter_entries(court_id: int, year: int, quarter: int) -> QuerySet[Entry]:
    """The entries a court recorded in the quarter (by when they were recorded, so an
    ended quarter never changes), amendments included."""
    first, last = quarter_bounds(year, quarter)
    return Entry.objects.filter(
        court_id=court_id,
        recorded_at__gte=_moment(first),
        recorded_at__lt=_moment(last + dt.timedelta(days=1)),
    )


def report_entries(report: QuarterReport) -> QuerySet[Entry]:
    return (
        quarter_entries(report.court_id, report.year, report.quarter)
        .select_related("right", "judge", "amends")
        .order_by("recorded_at", "id")
    )


def recorded_late(report: QuarterReport, entries: list[Entry] | None = None) -> list[Entry]:
    """Of the entries the report counts (recorded in its quarter), those that happened in
    an earlier quarter: listed apart, so the reader sees them as recorded late."""
    start = _moment(report.period[0])
    rows = entries if entries is not None else list(report_entries(report))
    return [entry for entry in rows if entry.occurred_at < start]


def happened_since_generated(report: QuarterReport) -> QuerySet[Entry]:
    """Entries that happened in the report's quarter but were recorded after it ended —
    after the report was generated, and also in the hours between the quarter's end and
    the daily job that generated it: the report (which counts by when entries were
    recorded, so an ended quarter never changes) leaves them to the quarter they were
    recorded in. The keeper confirms seeing them before signing."""
    first, last = report.period
    end = _moment(last + dt.timedelta(days=1))
    return Entry.objects.filter(
        court_id=report.court_id,
        occurred_at__gte=_moment(first),
        occurred_at__lt=end,
        recorded_at__gte=end,
    ).order_by("recorded_at", "id")


def counts_of(entries: QuerySet[Entry]) -> dict[str, Any]:
    """What the report counts: the entries (amendments aside), by right (A3), by how, by
    who, the internal enquiries, those that affected a case and the late recordings."""
    originals = list(entries.filter(amends__isnull=True).select_related("right"))
    return {
        "entries": len(originals),
        "amendments": entries.filter(amends__isnull=False).count(),
        "by_right": dict(Counter(entry.right.label for entry in originals)),
        "by_method": dict(Counter(entry.method for entry in originals)),
        "by_source": dict(Counter(entry.source_kind for entry in originals)),
        "by_nature": dict(Counter(entry.internal_nature for entry in originals if entry.internal_nature)),
        "affected_handling": sum(1 for entry in originals if entry.affected_handling),
        "by_supervisor": sum(1 for entry in originals if entry.by_supervisor),
    }


def report_url(report: QuarterReport) -> str:
    return reverse("interference:report_detail", args=[report.pk])


def prepare_reports(*, today: dt.date | None = None) -> list[QuarterReport]:
    """Prepare the ended quarter's report of every court (intermediate and base) that has
    none yet: a zero report when the court recorded nothing (A7.1). Safe to run any
    number of times: one report per court and quarter (a unique constraint), and the keeper
    is told once (notify's dedupe_key). Returns the reports it made."""
    today = today or timezone.localdate()
    year, quarter = previous_quarter(today)
    _first, last = quarter_bounds(year, quarter)
    made: list[QuarterReport] = []
    courts = Court.objects.filter(level__in=REPORTING_LEVELS).order_by("pk")
    existing = set(
        QuarterReport.objects.filter(year=year, quarter=quarter).values_list("court_id", flat=True)
    )
    for court in courts:
        if court.pk in existing:
            continue
        try:
            with transaction.atomic():
                counts = counts_of(quarter_entries(court.pk, year, quarter))
                report = QuarterReport(
                    court=court,
                    year=year,
                    quarter=quarter,
                    due_on=last + dt.timedelta(days=settings_for(court).report_due_days),
                    entry_count=counts["entries"],
                    counts=counts,
                )
                create_versioned(
                    report,
                    actor=None,
                    action="interference.report.prepare",
                    fields=["court", "year", "quarter", "due_on", "entry_count"],
                )
        except IntegrityError:
            continue  # another worker prepared it meanwhile
        made.append(report)
        transaction.on_commit(partial(_tell_prepared, report))
    return made


def _tell_prepared(report: QuarterReport) -> None:
    title = (
        gettext_lazy("The zero report for %(year)s Q%(quarter)s is ready for your signature")
        if report.is_zero
        else gettext_lazy("The interference report for %(year)s Q%(quarter)s is ready for your signature")
    )
    notify(
        recipients=_accounts(report.court_id, permissions.KEEPERS),
        kind="interference.report.prepared",
        title=localized(title, year=report.year, quarter=report.quarter),
        url=report_url(report),
        dedupe_key=f"interference.report.prepared:{report.pk}",
        court=report.court,
    )


def flag_late_reports(*, today: dt.date | None = None) -> int:
    """Tell the keeper and the court's leaders, once, of each report past its day and not
    submitted (迟报、漏报 must be visible). Returns the number of late reports."""
    today = today or timezone.localdate()
    late = (
        QuarterReport.objects.filter(status=ReportStatus.DRAFT, due_on__lt=today)
        .select_related("court")
        .order_by("due_on", "pk")
    )
    count = 0
    for report in late:
        count += 1
        notify(
            recipients=_accounts(report.court_id, permissions.KEEPERS | permissions.LEADERS),
            kind="interference.report.late",
            title=localized(
                gettext_lazy("The interference report for %(year)s Q%(quarter)s is late (due %(due)s)"),
                year=report.year,
                quarter=report.quarter,
                due=report.due_on.isoformat(),
            ),
            url=report_url(report),
            dedupe_key=f"interference.report.late:{report.pk}",
            court=report.court,
        )
    return count


def quarter_reports_job(*, today: dt.date | None = None) -> int:
    """The daily job: prepare the ended quarter's reports, then flag the late ones."""
    made = prepare_reports(today=today)
    flag_late_reports(today=today)
    return len(made)


def open_report(*, actor: Actor, report: QuarterReport) -> list[Entry]:
    """The entries a report lists, for a reader of the report; the look is logged (the
    report repeats the entries' content)."""
    if not (
        report.court_id in permissions.report_reader_ids(actor) or permissions.can_acknowledge(actor, report)
    ):
        raise PermissionDenied
    entries = list(report_entries(report))
    audit.record_access(
        actor=actor,
        action="interference.report.open",
        obj=report,
        entries=[entry.number for entry in entries],
    )
    return entries


LATE_UNCONFIRMED = _(
    "Entries that happened in this quarter were recorded after it ended (%(numbers)s); "
    "they count in the quarter they were recorded in. Confirm that you have seen them, then sign."
)
SUBMIT_REFUSED = _("Only a prepared report can be submitted; this one is “%(status)s”.")
RECEIPT_REFUSED = _("Only a submitted report can be received; this one is “%(status)s”.")


@transaction.atomic
def submit_report(
    *, actor: Actor, report: QuarterReport, expected_version: int, seen_late: bool = False
) -> QuarterReport:
    """The keeper signs and submits the quarter's report (A7.1); its counts are taken from
    the register now and kept. When entries that happened in the quarter were recorded
    after it ended (after the report was generated), the keeper must confirm having seen them
    (`seen_late`); the confirmation is kept in the audit trail."""
    account = signed_in(actor)
    if not permissions.can_submit(account, report):
        raise PermissionDenied
    report = lock(report, expected_version)
    require_status(report, ReportStatus.DRAFT, message=SUBMIT_REFUSED)
    since = [entry.number for entry in happened_since_generated(report)]
    if since and not seen_late:
        raise ValidationError(LATE_UNCONFIRMED, code="late_unconfirmed", params={"numbers": ", ".join(since)})
    counts = counts_of(quarter_entries(report.court_id, report.year, report.quarter))
    before = audit.snapshot(report, ["status", "entry_count"])
    report.status = ReportStatus.SUBMITTED
    report.entry_count = counts["entries"]
    report.counts = counts
    report.submitted_at = timezone.now()
    report.submitted_by = account
    save_versioned(
        report,
        actor=actor,
        action="interference.report.submit",
        fields=["status", "entry_count", "counts", "submitted_at", "submitted_by"],
        before=before,
        audit_fields=["status", "entry_count", "submitted_at"],
        extra={"recorded_since_generated": since} if since else None,
    )
    transaction.on_commit(lambda: _tell_higher(report))
    return report


def _tell_higher(report: QuarterReport) -> None:
    parent_id = report.court.parent_id
    if parent_id is None:
        return
    notify(
        recipients=_accounts(parent_id, permissions.KEEPERS),
        kind="interference.report.submitted",
        title=localized(
            gettext_lazy("%(court)s submitted its interference report for %(year)s Q%(quarter)s"),
            court=report.court.short_name,
            year=report.year,
            quarter=report.quarter,
        ),
        url=report_url(report),
        dedupe_key=f"interference.report.submitted:{report.pk}",
        court=report.court,
    )


def parent_has_keeper(report: QuarterReport) -> bool:
    """Does the higher court acknowledge in the app (it has a keeper here)?"""
    parent_id = report.court.parent_id
    return parent_id is not None and bool(_accounts(parent_id, permissions.KEEPERS))


def _complete(report: QuarterReport) -> None:
    if report.committee_received_on is not None and report.higher_acknowledged_at is not None:
        report.status = ReportStatus.ACKNOWLEDGED


@transaction.atomic
def record_committee_receipt(
    *, actor: Actor, report: QuarterReport, expected_version: int, received_on: dt.date
) -> QuarterReport:
    """The keeper records that the political-legal committee (no accounts here) received
    the report."""
    signed_in(actor)
    if not permissions.can_submit(actor, report):
        raise PermissionDenied
    report = lock(report, expected_version, related=["court"])
    require_status(report, ReportStatus.SUBMITTED, message=RECEIPT_REFUSED)
    if report.committee_received_on is not None:
        raise ValidationError(_("The committee's receipt is already recorded."), code="duplicate")
    submitted = timezone.localtime(report.submitted_at).date() if report.submitted_at else None
    if submitted is not None and received_on < submitted:
        raise ValidationError(
            {
                "received_on": ValidationError(
                    _("It cannot be received before it was submitted."), code="order"
                )
            }
        )
    if received_on > timezone.localdate():
        raise ValidationError(
            {"received_on": ValidationError(_("The day cannot be in the future."), code="future")}
        )
    before = audit.snapshot(report, ["status", "committee_received_on"])
    report.committee_received_on = received_on
    _complete(report)
    return save_versioned(
        report,
        actor=actor,
        action="interference.report.committee_received",
        fields=["status", "committee_received_on"],
        before=before,
    )


@transaction.atomic
def acknowledge_higher(*, actor: Actor, report: QuarterReport, expected_version: int) -> QuarterReport:
    """The higher court received the report: its keeper acknowledges it here (a base
    court's report, at the intermediate court); when the higher court has no keeper here
    (the intermediate court's report, to the provincial court) the court's own keeper
    records the receipt."""
    account = signed_in(actor)
    in_app = parent_has_keeper(report)
    allowed = (
        permissions.can_acknowledge(account, report) if in_app else permissions.can_submit(account, report)
    )
    if not allowed:
        raise PermissionDenied
    report = lock(report, expected_version, related=["court"])
    require_status(report, ReportStatus.SUBMITTED, message=RECEIPT_REFUSED)
    if report.higher_acknowledged_at is not None:
        raise ValidationError(_("The higher court's receipt is already recorded."), code="duplicate")
    before = audit.snapshot(report, ["status", "higher_acknowledged_at"])
    report.higher_acknowledged_at = timezone.now()
    report.higher_acknowledged_by = account
    _complete(report)
    return save_versioned(
        report,
        actor=actor,
        action="interference.report.higher_acknowledged",
        fields=["status", "higher_acknowledged_at", "higher_acknowledged_by"],
        before=before,
    )


ZERO_REPORT = _("Nothing was recorded this quarter: zero report")


def export_heading(report: QuarterReport, entries: list[Entry]) -> list[list[Any]]:
    """The rows above the export's table: what the workbook is — the court, the quarter,
    its status, the zero report, who signed it and when, when the file was made, and
    the entries recorded late (typed cells: dates stay dates)."""
    first, last = report.period
    title = _("Interference report %(year)s Q%(quarter)s") % {"year": report.year, "quarter": report.quarter}
    late = recorded_late(report, entries)
    rows: list[list[Any]] = [
        [report.court.name, title],
        [_("court"), report.court.name],
        [pgettext_lazy("report period", "period"), first, last],
        [_("status"), report.get_status_display()],
        [_("entries"), report.entry_count],
    ]
    if report.is_zero:
        rows.append([ZERO_REPORT])
    if report.submitted_at is not None:
        rows.append([_("signed and submitted by"), str(report.submitted_by), local_time(report.submitted_at)])
    else:
        rows.append([_("signed and submitted by"), _("not signed yet")])
    if late:
        rows.append(
            [
                _("recorded late (happened in an earlier quarter)"),
                len(late),
                ", ".join(e.number for e in late),
            ]
        )
    rows.append([_("generated at"), local_time(timezone.now())])
    return rows


def export_report(*, actor: Actor, report: QuarterReport) -> bytes:
    """The report as Excel: a heading that says what it is (court, quarter, status, zero
    report, signature, when made), then one row per entry of the quarter (a zero report:
    none), the entries recorded late marked; for a reader of the report; logged."""
    entries = open_report(actor=actor, report=report)
    audit.record_event(actor=actor, action="interference.report.export", obj=report, rows=len(entries))
    start = _moment(report.period[0])
    columns: list[Column[Entry]] = [
        Column(_("entry number"), lambda e: e.number),
        Column(_("recorded at"), lambda e: local_time(e.recorded_at)),
        Column(_("judge approached"), lambda e: e.judge.name),
        Column(_("who tried"), lambda e: e.get_source_kind_display()),
        Column(_("internal enquiry"), lambda e: e.get_internal_nature_display() if e.internal_nature else ""),
        Column(_("name of the person"), lambda e: e.person_name),
        Column(_("their unit"), lambda e: e.person_unit),
        Column(_("their post"), lambda e: e.person_post),
        Column(_("when it happened"), lambda e: local_time(e.occurred_at)),
        Column(
            _("recorded late (happened in an earlier quarter)"),
            lambda e: str(_("Yes")) if e.occurred_at < start else "",
        ),
        Column(_("how"), lambda e: e.get_method_display()),
        Column(_("case number"), lambda e: e.case_number),
        Column(_("stage of the case"), lambda e: e.get_stage_display()),
        Column(_("what was asked"), lambda e: e.request),
        Column(_("the judge's response"), lambda e: e.response),
        Column(
            _("affected how the case was handled"), lambda e: str(_("Yes")) if e.affected_handling else ""
        ),
        Column(_("rights concerned"), lambda e: str(e.right)),
        Column(_("amends entry"), lambda e: e.amends.number if e.amends else ""),
    ]
    title = _("Interference %(year)s Q%(quarter)s") % {"year": report.year, "quarter": report.quarter}
    return workbook(title=title, columns=columns, rows=entries, heading=export_heading(report, entries))
