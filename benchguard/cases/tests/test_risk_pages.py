"""The risk side of a case's page (A14, A16): each button only for those who may press
it, a refused form keeps what was typed, a second click on a button is told, and the
leaders' list of key cases stays flat as cases grow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchguard.cases import services
from benchguard.cases.choices import AlertKind, Tier
from benchguard.cases.models import Case, RiskAlert, RiskFlag, RiskLevel
from benchguard.organization.models import Account, Court, Person

pytestmark = pytest.mark.django_db


def demo_case() -> Case:
    return Case.objects.get(court__division_code="370200", number__contains="民初356号")


def page_of(client: Client, case: Case) -> str:
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_demo_case_shows_its_level_plan_and_report(client_as: Callable[[str | None], Client]) -> None:
    case = demo_case()
    leader = page_of(client_as("leader"), case)
    assert "重大" in leader and 'data-testid="plan"' in leader
    assert reverse("cases:plan_approve", args=[case.contingency_plan.pk]) in leader
    judge = page_of(client_as("judge"), case)
    assert reverse("cases:plan_approve", args=[case.contingency_plan.pk]) not in judge
    assert reverse("cases:case_propose_level", args=[case.pk]) in judge
    assert reverse("cases:case_set_level", args=[case.pk]) not in judge
    report = case.upward_reports.get()
    assert reverse("cases:report_acknowledge", args=[report.pk]) in page_of(client_as("chief"), case)
    assert reverse("cases:report_acknowledge", args=[report.pk]) not in leader


def test_the_plan_holds_the_demo_case_at_filing(
    client_as: Callable[[str | None], Client],
) -> None:
    case = demo_case()
    response = client_as("clerk").post(
        reverse("cases:case_move_stage", args=[case.pk]), {"stage": "trial", "version": case.version}
    )
    assert response.status_code == 200
    assert "预案" in response.content.decode() or "contingency plan" in response.content.decode()
    assert Case.objects.get(pk=case.pk).stage == "filing"


def test_a_refused_flag_form_keeps_the_ticks(client_as: Callable[[str | None], Client]) -> None:
    case = demo_case()
    novel = RiskFlag.objects.get(code="novel")
    response = client_as("clerk").post(reverse("cases:case_flag", args=[case.pk]), {"flags": [novel.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert response.context["form"]["flags"].value() == [str(novel.pk)]


def test_acknowledging_twice_acknowledges_once_and_tells_who_did(
    client_as: Callable[[str | None], Client],
) -> None:
    alert = RiskAlert.objects.get(case=demo_case(), tier=Tier.CHIEF, kind=AlertKind.FLAGGED)
    client = client_as("chief")
    url = reverse("cases:alert_acknowledge", args=[alert.pk])
    assert client.post(url).status_code == 302
    second = client.post(url, follow=True)
    assert "周海" in second.content.decode()
    alert.refresh_from_db()
    assert alert.acknowledged_by is not None and alert.acknowledged_by.username == "chief"
    assert client_as("judge").post(url).status_code == 403


def _major_cases(court: Court, clerk: Account, chief: Account, judge: Person, first: int, count: int) -> None:
    major = RiskLevel.objects.get(rank=3)
    for sequence in range(first, first + count):
        case = services.file_case(
            actor=clerk,
            court=court,
            number=f"（2026）鲁02民初{sequence}号",
            cause="合同纠纷",
            filed_on=dt.date(2026, 11, 2),
            division=judge.department,
            judge=judge,
            risk_flags=RiskFlag.objects.filter(code="novel"),
            risk_reason="新类型",
        )
        services.set_level(actor=chief, case=case, level=major, reason="重大")


def test_the_key_cases_list_reads_the_same_queries_for_2_or_12_cases(
    court: Court,
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
    client_as: Callable[[str | None], Client],
) -> None:
    clerk, chief, judge = persona("clerk"), persona("chief"), person_of("judge")
    client = client_as("leader")
    url = reverse("cases:watch_list")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _major_cases(court, clerk, chief, judge, 1001, 2)
    few = queries()
    _major_cases(court, clerk, chief, judge, 1101, 10)
    response = client.get(url)
    assert len(response.context["page"].object_list) == 13  # with the demo case
    assert queries() == few


def test_the_api_lists_open_alerts_and_a_retried_acknowledgement_acknowledges_once(
    client_as: Callable[[str | None], Client],
) -> None:
    client = client_as("chief")
    listed = client.get("/api/case-alerts/?open=1").json()["results"]
    alert = next(row for row in listed if row["kind"] == AlertKind.FLAGGED and row["tier"] == Tier.CHIEF)
    url = f"/api/case-alerts/{alert['id']}/acknowledge/"
    first = client.post(url)
    assert first.status_code == 200 and first.json()["acknowledged_at"]
    again = client.post(url)
    assert again.status_code == 400 and "周海" in str(again.json())
    assert client_as("judge").post(url).status_code == 403
    assert client_as("judge2").post(url).status_code == 404
    case = client.get(f"/api/cases/{alert['case']}/").json()
    assert (case["risk_level"], set(case["risk_flags"])) == (3, {"petition-risk", "mass-involved"})


def test_the_key_cases_list_names_their_listed_parties_to_the_lists_readers_and_logs_it(
    client_as: Callable[[str | None], Client],
) -> None:
    from benchguard.core.models import AuditEntry
    from benchguard.organization.models import Account

    page = client_as("leader").get(reverse("cases:watch_list"))
    persons = page.context["key_persons"]
    assert [row.party.name for row in persons] == ["单立新"]
    assert 'data-testid="key-persons"' in page.content.decode()
    assert (
        AuditEntry.objects.filter(
            action="cases.key_persons.open", actor_id=Account.objects.get(username="leader").pk
        ).count()
        == 1
    )


def test_a_stale_plan_page_and_a_stale_stage_move_are_told_not_crashed(
    client_as: Callable[[str | None], Client],
) -> None:
    case = demo_case()
    plan = case.contingency_plan
    judge = client_as("judge")
    texts = {
        "lead": plan.lead_id,
        "lawful_handling": "依法审理",
        "opinion_line": "统一口径",
        "social_control": "联动",
        "judge_security": "护送",
        "triggers": "聚集",
        "contacts": "电话",
    }
    url = reverse("cases:plan_edit", args=[case.pk])
    assert judge.post(url, {**texts, "version": plan.version}).status_code == 302
    stale = judge.post(url, {**texts, "triggers": "另一标签页", "version": plan.version})
    assert stale.status_code == 200 and stale.context["current"] is not None
    # The stage: moved in one tab, sent again from another (the plan is approved first).
    from benchguard.cases import services as case_services
    from benchguard.organization.models import Account

    plan.refresh_from_db()
    case_services.approve_plan(
        actor=Account.objects.get(username="leader"), plan=plan, expected_version=plan.version
    )
    case.refresh_from_db()
    clerk = client_as("clerk")
    stage_url = reverse("cases:case_move_stage", args=[case.pk])
    assert clerk.post(stage_url, {"stage": "trial", "version": case.version}).status_code == 302
    again = clerk.post(stage_url, {"stage": "trial", "version": case.version})
    assert again.status_code == 200 and again.context["current"] is not None
    assert "trial" not in str(again.context["form"].errors)
