"""Scoped reads of cases (A14), with what each page shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.cases.choices import Stage, Tier
from benchguard.cases.models import (
    Case,
    CaseImport,
    ContingencyPlan,
    Party,
    PublicStatement,
    RiskAlert,
    RiskAssessment,
    RiskFlag,
    UpwardReport,
)
from benchguard.cases.permissions import keeper_court_ids, reader_court_ids
from benchguard.core.access import court_ids_with
from benchguard.organization.choices import DepartmentType, PersonCategory, Role
from benchguard.organization.models import Court, Department, Person
from benchguard.organization.selectors import people_in_court

DIVISION_TYPES = (DepartmentType.TRIAL, DepartmentType.ENFORCEMENT)


def cases_for(
    user: Any,
    *,
    query: str = "",
    court: Court | int | None = None,
    stage: str = "",
    level: int | None = None,
) -> QuerySet[Case]:
    """The cases the user reads, newest filed first, with their court, division, judge
    and risk level; `query` finds a number (any part of it) or a party's name; `stage`
    "open" is every stage but closed; `level` the rank of the risk level set."""
    cases = Case.objects.visible_to(user).select_related("court", "division", "judge", "risk_level")
    if court is not None:
        cases = cases.filter(court_id=court if isinstance(court, int) else court.pk)
    if stage == "open":
        cases = cases.exclude(stage=Stage.CLOSED)
    elif stage:
        cases = cases.filter(stage=stage)
    if level is not None:
        cases = cases.filter(risk_level__rank=level)
    query = "".join(query.split())
    if query:
        cases = cases.filter(
            Q(number__contains=query.replace("(", "（").replace(")", "）"))
            # A party's name is looked for among each case's own parties (their
            # (case, name) index), not in every party of the city first.
            | Exists(Party.objects.current().filter(case_id=OuterRef("pk"), name__contains=query))
        )
    return cases.order_by("-filed_on", "-id")


def get_case_for(user: Any, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(user)
        .select_related("court", "division", "judge", "registered_by")
        .prefetch_related(
            Prefetch("panel", queryset=Person.objects.order_by("name_pinyin", "id")),
            Prefetch("parties", queryset=Party.objects.current().order_by("id")),
        ),
        pk=pk,
    )


def get_party_for(user: Any, pk: int) -> Party:
    """A party, not removed, of a case the user reads (404 otherwise)."""
    return get_object_or_404(Party.objects.visible_to(user).current().select_related("case__court"), pk=pk)


def divisions_of(court_ids: Iterable[int]) -> QuerySet[Department]:
    """The divisions a case of these courts can be tried or enforced in."""
    return Department.objects.filter(
        court_id__in=list(court_ids), is_active=True, type__in=DIVISION_TYPES
    ).order_by("court_id", "name", "id")


def judges_of(court_ids: Iterable[int]) -> QuerySet[Person]:
    """The quota judges in post at these courts, who may try a case (A14)."""
    return people_in_court(court_ids).filter(category=PersonCategory.QUOTA_JUDGE)


def get_import_for(user: Any, pk: int) -> CaseImport:
    """An import of cases of a court whose cases the user reads (404 otherwise); only its
    filing clerks may open it (permissions.can_import)."""
    return get_object_or_404(
        CaseImport.objects.filter(court_id__in=reader_court_ids(user)).select_related("court", "uploaded_by"),
        pk=pk,
    )


def recent_imports_for(user: Any, limit: int = 10) -> QuerySet[CaseImport]:
    """The latest imports of the courts whose cases the user files."""
    return (
        CaseImport.objects.filter(court_id__in=keeper_court_ids(user))
        .select_related("court", "uploaded_by")
        .order_by("-created_at", "-id")[:limit]
    )


# Risk (A14, A16) ------------------------------------------------------------------------


@dataclass
class AlertRow:
    alert: RiskAlert
    can_acknowledge: bool


@dataclass
class ReportRow:
    report: UpwardReport
    can_acknowledge: bool
    can_pass_on: bool
    can_record_receipt: bool


@dataclass
class RiskView:
    """What the case's page shows of its risk, and which buttons the user gets."""

    flags: list[RiskFlag]
    assessments: list[RiskAssessment]
    alerts: list[AlertRow]
    plan: ContingencyPlan | None
    reports: list[ReportRow]
    statements: list[PublicStatement]
    actions: dict[str, bool] = field(default_factory=dict)


def risk_of(user: Any, case: Case) -> RiskView:
    """The risk side of a case the user reads (A14, A16): flags, history, alerts, plan,
    upward reports and statements, with what the user may do on each."""
    from benchguard.cases import permissions
    from benchguard.cases.tiers import is_of_tier, next_tiers, received_outside

    tiers = {tier for tier in Tier.values if tier != Tier.POLITICAL_LEGAL and is_of_tier(user, case, tier)}
    alerts = [
        AlertRow(alert, alert.acknowledged_at is None and alert.tier in tiers)
        for alert in case.alerts.select_related("acknowledged_by").order_by("-created_at", "-id")
    ]
    may_receipt = permissions.can_record_receipt(user, case)
    reports = [
        ReportRow(
            report,
            can_acknowledge=report.acknowledged_at is None
            and report.tier in tiers
            and not received_outside(report),
            can_pass_on=report.acknowledged_at is not None
            and report.tier in tiers
            and bool(set(next_tiers(report.tier)) - {row.tier for row in report.passed_on.all()}),
            can_record_receipt=report.acknowledged_at is None and may_receipt and received_outside(report),
        )
        for report in case.upward_reports.select_related("sent_by", "acknowledged_by").prefetch_related(
            "passed_on"
        )
    ]
    plan = (
        ContingencyPlan.objects.filter(case=case)
        .select_related("lead", "approved_by")
        .prefetch_related("members")
        .first()
    )
    return RiskView(
        flags=list(case.risk_flags.order_by("sort_order", "id")),
        assessments=list(
            case.assessments.select_related("level", "by").prefetch_related("flags").order_by("-at", "-id")
        ),
        alerts=alerts,
        plan=plan,
        reports=reports,
        statements=list(case.statements.select_related("drafted_by", "signed_off_by")),
        actions={
            "read_details": permissions.can_read_risk_details(user, case),
            "flag": permissions.can_flag(user, case),
            "propose": permissions.can_propose_level(user, case),
            "set_level": permissions.can_set_level(user, case),
            "move_stage": permissions.can_move_stage(user, case) and case.stage != "closed",
            "write_plan": permissions.can_write_plan(user, case),
            "approve_plan": plan is not None
            and plan.status == "draft"
            and permissions.can_approve_plan(user, case),
            "report": permissions.can_report(user, case),
            "intervene": permissions.can_intervene(user, case) and case.intervention_id is None,
            "draft_statement": permissions.can_draft_statement(user, case),
            "sign_off": permissions.can_sign_off_statement(user, case),
            "publish": permissions.can_publish_statement(user, case),
        },
    )


def watched_cases(user: Any) -> QuerySet[Case]:
    """The key cases of the courts whose leaders (or committee office) the user is: every
    case at a level that needs a plan, not closed, highest level first (A16)."""
    from benchguard.cases import permissions

    courts = court_ids_with(user, permissions.LEADERS | {Role.COMMITTEE_OFFICE})
    return (
        Case.objects.filter(court_id__in=courts, risk_level__needs_plan=True)
        .exclude(stage="closed")
        .select_related("court", "judge", "risk_level", "contingency_plan")
        .annotate(
            open_alerts=Count("alerts", filter=Q(alerts__acknowledged_at__isnull=True), distinct=True),
        )
        .order_by("-risk_level__rank", "-filed_on", "-id")
    )


def alerts_for(user: Any) -> QuerySet[RiskAlert]:
    """The risk alerts of the cases the user reads, newest first."""
    return (
        RiskAlert.objects.filter(case__in=Case.objects.visible_to(user))
        .select_related("case")
        .order_by("-created_at", "-id")
    )


def get_alert_for(user: Any, pk: int) -> RiskAlert:
    return get_object_or_404(
        RiskAlert.objects.filter(case__in=Case.objects.visible_to(user)).select_related(
            "case__court", "case__judge"
        ),
        pk=pk,
    )


def get_report_for(user: Any, pk: int) -> UpwardReport:
    return get_object_or_404(
        UpwardReport.objects.filter(case__in=Case.objects.visible_to(user)).select_related(
            "case__court", "case__judge"
        ),
        pk=pk,
    )


def get_statement_for(user: Any, pk: int) -> PublicStatement:
    return get_object_or_404(
        PublicStatement.objects.filter(case__in=Case.objects.visible_to(user)).select_related("case"), pk=pk
    )


def get_plan_for(user: Any, pk: int) -> ContingencyPlan:
    return get_object_or_404(
        ContingencyPlan.objects.filter(case__in=Case.objects.visible_to(user)).select_related("case"), pk=pk
    )
