"""The quarterly reports (A7.1): prepared by a daily job (a zero report when nothing was
recorded; safe to run twice), late when not submitted by the court's day, signed and
submitted by the keeper, received by the political-legal committee and the higher court."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.interference import services
from benchguard.interference.choices import ReportStatus
from benchguard.interference.models import Entry, QuarterReport
from benchguard.notifications.models import Notification
from benchguard.organization import services as org
from benchguard.organization.choices import CourtLevel, Role
from benchguard.organization.models import Account, Court

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _next_quarter_start() -> dt.datetime:
    """02:00 on the first day of the quarter after the demo's entries were recorded."""
    recorded = timezone.localtime(Entry.objects.order_by("-recorded_at").first().recorded_at)  # type: ignore[union-attr]
    month = 3 * ((recorded.month - 1) // 3) + 4
    year = recorded.year + (month > 12)
    return dt.datetime(year, (month - 1) % 12 + 1, 1, 2, 0, tzinfo=SHANGHAI)


def test_the_daily_job_prepares_each_courts_report_once_a_zero_report_when_empty(
    court: Court, persona: Any, quarter_job: Callable[[str], None], django_capture_on_commit_callbacks: Any
) -> None:
    start = _next_quarter_start()
    shinan = Court.objects.get(division_code="370202")
    with time_machine.travel(start, tick=False):
        year, quarter = services.reports.previous_quarter(timezone.localdate())
        with django_capture_on_commit_callbacks(execute=True):
            quarter_job("worker-a")
    reports = QuarterReport.objects.filter(year=year, quarter=quarter)
    courts = Court.objects.filter(level__in=[CourtLevel.INTERMEDIATE, CourtLevel.BASE]).count()
    assert reports.count() == courts
    mine = reports.get(court=court)
    assert mine.entry_count == Entry.objects.filter(court=court, amends__isnull=True).count() > 0
    zero = reports.get(court=shinan)
    assert zero.is_zero and zero.status == ReportStatus.DRAFT
    assert zero.due_on == dt.date(start.year, start.month, 1) - dt.timedelta(days=1) + dt.timedelta(days=15)
    told = Notification.objects.filter(recipient=persona("trialmgmt"), kind="interference.report.prepared")
    before = told.count()
    with (
        time_machine.travel(start + dt.timedelta(hours=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        quarter_job("worker-b")  # the same day's period: claimed already
        services.quarter_reports_job()  # and the job itself a second time
    assert QuarterReport.objects.filter(year=year, quarter=quarter).count() == courts
    assert told.count() == before
    versions = set(reports.values_list("version", flat=True))
    assert versions == {1}


def test_a_report_not_submitted_by_its_day_shows_late_to_the_keeper_and_leaders(
    court: Court, persona: Any, client_as: Callable[[str | None], Client]
) -> None:
    late = QuarterReport.objects.filter(court=court).order_by("year", "quarter").first()
    assert late is not None and late.status == ReportStatus.DRAFT and late.late
    assert services.flag_late_reports() >= 1
    services.flag_late_reports()
    for username in ("trialmgmt", "leader", "chair"):
        assert (
            Notification.objects.filter(
                recipient=persona(username), kind="interference.report.late", url__endswith=f"/{late.pk}/"
            ).count()
            == 1
        ), username
    assert 'data-testid="late-reports"' in client_as("trialmgmt").get("/").content.decode()
    assert 'data-testid="interference-late"' in client_as("leader").get("/").content.decode()
    listing = client_as("inspector").get(reverse("interference:report_list") + "?late=on").content.decode()
    assert 'data-testid="late"' in listing


def test_a_report_on_time_is_not_late(court: Court) -> None:
    report = QuarterReport.objects.filter(court=court).order_by("year", "quarter").last()
    assert report is not None
    with time_machine.travel(dt.datetime.combine(report.due_on, dt.time(12), tzinfo=SHANGHAI), tick=False):
        assert not report.is_late()
    assert report.is_late(report.due_on + dt.timedelta(days=1))


def test_the_keeper_signs_and_submits_and_records_both_receipts(
    court: Court, persona: Any, client_as: Callable[[str | None], Client]
) -> None:
    report = QuarterReport.objects.filter(court=court).order_by("year", "quarter").last()
    assert report is not None and report.is_zero
    with pytest.raises(PermissionDenied):
        services.submit_report(actor=persona("leader"), report=report, expected_version=report.version)
    keeper = client_as("trialmgmt")
    page = keeper.get(reverse("interference:report_detail", args=[report.pk])).content.decode()
    assert 'data-testid="zero-text"' in page
    keeper.post(reverse("interference:report_submit", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == persona("trialmgmt")
    assert report.counts["entries"] == 0
    with pytest.raises(ValidationError):
        services.submit_report(actor=persona("trialmgmt"), report=report, expected_version=report.version)
    with pytest.raises(ValidationError) as refused:
        services.record_committee_receipt(
            actor=persona("trialmgmt"),
            report=report,
            expected_version=report.version,
            received_on=timezone.localdate() - dt.timedelta(days=30),
        )
    assert refused.value.error_dict["received_on"][0].code == "order"
    report = services.record_committee_receipt(
        actor=persona("trialmgmt"),
        report=report,
        expected_version=report.version,
        received_on=timezone.localdate(),
    )
    # The provincial higher court has no keeper here: the court's own keeper records it.
    report = services.acknowledge_higher(
        actor=persona("trialmgmt"), report=report, expected_version=report.version
    )
    assert report.status == ReportStatus.ACKNOWLEDGED


def test_a_base_courts_report_is_acknowledged_by_the_intermediate_courts_keeper(
    persona: Any, client_as: Callable[[str | None], Client]
) -> None:
    shinan = Court.objects.get(division_code="370202")
    keeper = org.create_account(actor=None, username="shinan_keeper", display_name="市南审管", password=None)
    org.assign_role(actor=None, account=keeper, role=Role.TRIAL_MANAGEMENT, court=shinan)
    report = QuarterReport.objects.filter(court=shinan).order_by("year", "quarter").last()
    assert report is not None
    higher = client_as("trialmgmt")
    assert higher.get(reverse("interference:report_detail", args=[report.pk])).status_code == 404  # a draft
    report = services.submit_report(actor=keeper, report=report, expected_version=report.version)
    assert higher.get(reverse("interference:report_detail", args=[report.pk])).status_code == 200
    with pytest.raises(PermissionDenied):
        services.acknowledge_higher(actor=keeper, report=report, expected_version=report.version)
    higher.post(reverse("interference:report_acknowledge", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.higher_acknowledged_by == persona("trialmgmt")
    assert Account.objects.filter(username="shinan_keeper").exists()


def test_a_submitted_report_counts_the_entries_by_right(
    court: Court, persona: Any, client_as: Callable[[str | None], Client]
) -> None:
    start = _next_quarter_start()
    with time_machine.travel(start, tick=False):
        services.prepare_reports()
        year, quarter = services.reports.previous_quarter(timezone.localdate())
        report = QuarterReport.objects.get(court=court, year=year, quarter=quarter)
        report = services.submit_report(
            actor=persona("trialmgmt"), report=report, expected_version=report.version
        )
    assert report.counts["by_right"] == {"依法独立审判": report.entry_count}
    assert report.counts["by_method"]["phone"] >= 1
    response = client_as("inspector").get(reverse("interference:report_export", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_report_page_is_logged_and_the_admin_does_not_read_it(
    court: Court, client_as: Callable[[str | None], Client]
) -> None:
    from benchguard.core.models import AuditEntry

    report = QuarterReport.objects.filter(court=court).first()
    assert report is not None
    assert client_as("admin").get(reverse("interference:report_detail", args=[report.pk])).status_code == 404
    client_as("leader").get(reverse("interference:report_detail", args=[report.pk]))
    assert AuditEntry.objects.filter(action="interference.report.open", object_id=str(report.pk)).exists()
