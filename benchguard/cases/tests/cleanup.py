"""Test-only: remove every case, party and screening, children first (for tests that need
an empty database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.cases.models import (
    Case,
    ContingencyPlan,
    Party,
    PartyScreening,
    PublicStatement,
    RiskAlert,
    RiskAssessment,
    RiskSettings,
    UpwardReport,
)


def delete_cases_rows() -> None:
    from benchguard.notifications.models import Notification

    Notification.objects.filter(kind__startswith="cases.").delete()
    RiskSettings.objects.all().delete()
    RiskAlert.objects.all().delete()
    for report in UpwardReport.objects.order_by("-id"):  # a report passed on points at the one before
        report.delete()
    PublicStatement.objects.all().delete()
    ContingencyPlan.members.through.objects.all().delete()
    ContingencyPlan.objects.all().delete()
    RiskAssessment.flags.through.objects.all().delete()
    RiskAssessment.objects.all().delete()
    Case.risk_flags.through.objects.all().delete()
    PartyScreening.objects.all().delete()
    Party.objects.all().delete()
    Case.panel.through.objects.all().delete()
    Case.objects.all().delete()
