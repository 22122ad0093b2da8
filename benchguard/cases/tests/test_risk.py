"""Risky cases (A14) and major sensitive cases (A16): the clerk flags a case at filing,
the judge and the chief are alerted and acknowledge, the judge proposes a level and the
chief sets it, every change keeps who, when and why; a level that needs a plan holds the
case at its stage until the plan is approved; unacknowledged alerts go one level up
once; upward reports climb one level at a time; the committee intervenes in one step;
statements are signed off before they are published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from benchguard.cases import services
from benchguard.cases.choices import AlertKind, AssessmentKind, PlanStatus, Stage, StatementStatus, Tier
from benchguard.cases.models import Case, RiskAlert, RiskFlag, RiskLevel, RiskSettings, UpwardReport
from benchguard.matters.models import Matter
from benchguard.notifications.models import Notification
from benchguard.organization.models import Account, Court, Department, Person

pytestmark = pytest.mark.django_db
FILED = dt.date(2026, 11, 30)
MAJOR, ELEVATED, GENERAL = 3, 2, 1


def level(rank: int) -> RiskLevel:
    return RiskLevel.objects.get(rank=rank)


def flags(*codes: str) -> list[RiskFlag]:
    return list(RiskFlag.objects.filter(code__in=codes))


@pytest.fixture
def flagged(court: Court, persona: Callable[[str], Account], person_of: Callable[[str], Person]) -> Case:
    """A case of the civil division tried by 王立明, flagged at filing."""
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        return services.file_case(
            actor=persona("clerk"),
            court=court,
            number="（2026）鲁02民初901号",
            cause="房屋买卖合同纠纷",
            filed_on=FILED,
            division=Department.objects.get(court=court, name="民事审判第一庭"),
            judge=person_of("judge"),
            risk_flags=flags("petition-risk", "mass-involved"),
            risk_reason="原告多次到院信访，涉及购房户四十余户",
        )


def alerts(case: Case) -> list[tuple[str, int, bool]]:
    return sorted(
        (alert.kind, alert.tier, alert.acknowledged_at is not None)
        for alert in RiskAlert.objects.filter(case=case)
    )


def told(username: str, case: Case) -> int:
    return Notification.objects.filter(recipient__username=username, url=f"/cases/{case.pk}/").count()


def test_the_checklist_and_three_levels_are_seeded_as_settings() -> None:
    assert [(lv.rank, lv.label, lv.needs_plan) for lv in RiskLevel.objects.all()] == [
        (1, "一般", False),
        (2, "较高", True),
        (3, "重大", True),
    ]
    assert {"mass-involved", "novel", "difficult-complex", "major-sensitive", "petition-risk"} <= set(
        RiskFlag.objects.values_list("code", flat=True)
    )


def test_flagged_at_filing_the_judge_and_the_chief_are_alerted_once_each(flagged: Case) -> None:
    assert {flag.code for flag in flagged.risk_flags.all()} == {"petition-risk", "mass-involved"}
    assert flagged.flagged_at is not None
    assert alerts(flagged) == [(AlertKind.FLAGGED, Tier.JUDGE, False), (AlertKind.FLAGGED, Tier.CHIEF, False)]
    assert (told("judge", flagged), told("chief", flagged), told("leader", flagged)) == (1, 1, 0)
    history = flagged.assessments.get()
    assert (history.kind, history.stage, history.by.username) == (AssessmentKind.FLAGS, Stage.FILING, "clerk")
    assert history.reason == "原告多次到院信访，涉及购房户四十余户"


def test_flags_at_filing_need_a_reason_and_nothing_is_filed_without_one(
    court: Court, persona: Callable[[str], Account]
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.file_case(
            actor=persona("clerk"),
            court=court,
            number="（2026）鲁02民初902号",
            cause="合同纠纷",
            filed_on=FILED,
            risk_flags=flags("novel"),
        )
    assert "risk_reason" in refused.value.error_dict
    assert not Case.objects.filter(number="（2026）鲁02民初902号").exists()


@pytest.mark.parametrize("who", ["judge", "chief", "office", "leader", "police"])
def test_only_the_filing_clerk_flags(flagged: Case, persona: Callable[[str], Account], who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.flag_case(actor=persona(who), case=flagged, flags=flags("novel"), reason="理由")


def test_the_judge_and_the_chief_acknowledge_and_a_second_click_is_told_who_did(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    judge_alert = RiskAlert.objects.get(case=flagged, tier=Tier.JUDGE)
    chief_alert = RiskAlert.objects.get(case=flagged, tier=Tier.CHIEF)
    with pytest.raises(PermissionDenied):
        services.acknowledge_alert(actor=persona("chief"), alert=judge_alert)
    services.acknowledge_alert(actor=persona("judge"), alert=judge_alert)
    services.acknowledge_alert(actor=persona("chief"), alert=chief_alert)
    with pytest.raises(ValidationError, match="王立明"):
        services.acknowledge_alert(actor=persona("judge"), alert=judge_alert)
    assert alerts(flagged) == [(AlertKind.FLAGGED, Tier.JUDGE, True), (AlertKind.FLAGGED, Tier.CHIEF, True)]


def test_the_judge_proposes_the_chief_sets_and_every_change_keeps_who_when_why(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    with pytest.raises(PermissionDenied):
        services.propose_level(actor=persona("chief"), case=flagged, level=level(MAJOR), reason="x")
    with pytest.raises(PermissionDenied):
        services.set_level(actor=persona("judge"), case=flagged, level=level(MAJOR), reason="x")
    with pytest.raises(ValidationError):
        services.propose_level(actor=persona("judge"), case=flagged, level=level(MAJOR), reason="  ")
    services.propose_level(actor=persona("judge"), case=flagged, level=level(MAJOR), reason="购房户多")
    assert Case.objects.get(pk=flagged.pk).proposed_level == level(MAJOR)
    assert told("chief", flagged) == 2  # the flag, then the proposal
    services.set_level(actor=persona("chief"), case=flagged, level=level(ELEVATED), reason="暂定较高")
    case = Case.objects.get(pk=flagged.pk)
    assert (case.risk_level, case.proposed_level, case.assessed_stage) == (
        level(ELEVATED),
        None,
        Stage.FILING,
    )
    assert [
        (line.kind, line.level.rank if line.level else None, line.by.username, line.reason)
        for line in case.assessments.order_by("at", "id")
    ] == [
        (AssessmentKind.FLAGS, None, "clerk", "原告多次到院信访，涉及购房户四十余户"),
        (AssessmentKind.PROPOSAL, MAJOR, "judge", "购房户多"),
        (AssessmentKind.DECISION, ELEVATED, "chief", "暂定较高"),
    ]
    # A level that needs a plan alerts the court's leaders (all of them: a leader and the president).
    assert (AlertKind.LEVEL, Tier.LEADER, False) in alerts(case)
    assert told("leader", case) == told("vicechair", case) == 1


def test_a_level_that_needs_a_plan_holds_the_case_until_the_plan_is_approved(
    flagged: Case, persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    services.set_level(actor=persona("chief"), case=flagged, level=level(MAJOR), reason="重大")
    case = Case.objects.get(pk=flagged.pk)
    with pytest.raises(ValidationError) as refused:
        services.move_stage(
            actor=persona("clerk"), case=case, stage=Stage.TRIAL, expected_version=case.version
        )
    assert refused.value.error_dict["stage"][0].code == "plan_required"
    assert "重大" in refused.value.messages[0]
    texts: dict[str, Any] = {
        "lawful_handling": "依法公开审理",
        "opinion_line": "统一口径",
        "social_control": "与派出所联动",
        "judge_security": "法官住所巡逻",
        "triggers": "聚集十人以上",
        "contacts": "立案庭 0532-1234567",
    }
    plan = services.save_plan(
        actor=persona("judge"), case=case, lead=person_of("chief"), members=[person_of("judge")], **texts
    )
    assert plan.status == PlanStatus.DRAFT
    with pytest.raises(PermissionDenied):
        services.approve_plan(actor=persona("judge"), plan=plan, expected_version=plan.version)
    with pytest.raises(ValidationError):  # still a draft
        services.move_stage(
            actor=persona("clerk"), case=case, stage=Stage.TRIAL, expected_version=case.version
        )
    plan = services.approve_plan(actor=persona("leader"), plan=plan, expected_version=plan.version)
    moved = services.move_stage(
        actor=persona("clerk"),
        case=Case.objects.get(pk=case.pk),
        stage=Stage.TRIAL,
        expected_version=case.version,
    )
    assert moved.stage == Stage.TRIAL and moved.needs_reassessment
    assert (AlertKind.REASSESS, Tier.JUDGE, False) in alerts(moved)
    # A change to the approved plan takes it back to draft.
    changed = services.save_plan(
        actor=persona("chief"),
        case=moved,
        lead=person_of("chief"),
        expected_version=plan.version,
        **{**texts, "triggers": "聚集五人以上"},
    )
    assert (changed.status, changed.approved_by) == (PlanStatus.DRAFT, None)


def test_a_case_moves_only_forward_and_a_stale_page_is_refused(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    case = services.move_stage(
        actor=persona("judge"), case=flagged, stage=Stage.TRIAL, expected_version=flagged.version
    )
    with pytest.raises(ValidationError) as refused:
        services.move_stage(
            actor=persona("clerk"), case=case, stage=Stage.FILING, expected_version=case.version
        )
    assert refused.value.error_dict["stage"][0].code == "invalid_transition"
    with pytest.raises(ValidationError):
        services.move_stage(actor=persona("clerk"), case=case, stage=Stage.CLOSED, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.move_stage(
            actor=persona("chief"), case=case, stage=Stage.CLOSED, expected_version=case.version
        )


def test_an_unacknowledged_alert_goes_one_level_up_once_after_the_courts_setting(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    RiskSettings.objects.update_or_create(court=flagged.court, defaults={"alert_hours": 4})
    for alert in RiskAlert.objects.filter(case=flagged):  # the flag's alerts are not this story
        services.acknowledge_alert(
            actor=persona("judge" if alert.tier == Tier.JUDGE else "chief"), alert=alert
        )
    start = dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        services.set_level(actor=persona("chief"), case=flagged, level=level(GENERAL), reason="一般")
        case = Case.objects.get(pk=flagged.pk)
        services.move_stage(
            actor=persona("clerk"), case=case, stage=Stage.TRIAL, expected_version=case.version
        )
    reassess = RiskAlert.objects.get(case=flagged, kind=AlertKind.REASSESS)
    assert reassess.due_at == start + dt.timedelta(hours=4)
    with time_machine.travel(start + dt.timedelta(hours=3, minutes=59), tick=False):
        assert services.escalate_alerts() == 0
    with time_machine.travel(start + dt.timedelta(hours=4), tick=False):
        services.escalate_alerts()
        services.escalate_alerts()  # a second run, or a second worker: nothing more
    raised = RiskAlert.objects.get(case=flagged, kind=AlertKind.REASSESS, tier=Tier.CHIEF)
    assert RiskAlert.objects.get(pk=reassess.pk).escalated_at == start + dt.timedelta(hours=4)
    title = Notification.objects.get(recipient__username="chief", dedupe_key=f"cases.alert:{raised.pk}").title
    assert "逾时未确认" in title or "Not acknowledged in time" in title
    # The chief does not answer either: the leaders are told, then the president; never twice.
    with time_machine.travel(start + dt.timedelta(hours=8), tick=False):
        services.escalate_alerts()
    with time_machine.travel(start + dt.timedelta(hours=12), tick=False):
        services.escalate_alerts()
        services.escalate_alerts()
    assert [tier for kind, tier, _ack in alerts(flagged) if kind == AlertKind.REASSESS] == [
        Tier.JUDGE,
        Tier.CHIEF,
        Tier.LEADER,
        Tier.PRESIDENT,
    ]
    assert Notification.objects.filter(recipient__username="chair", url=f"/cases/{flagged.pk}/").count() == 2


def test_an_acknowledged_alert_never_goes_up(flagged: Case, persona: Callable[[str], Account]) -> None:
    for alert in RiskAlert.objects.filter(case=flagged):
        services.acknowledge_alert(
            actor=persona("judge" if alert.tier == Tier.JUDGE else "chief"), alert=alert
        )
    with time_machine.travel(timezone.now() + dt.timedelta(days=3), tick=False):
        services.escalate_alerts()  # the demo case's open alerts go up; this case's do not
    assert RiskAlert.objects.filter(case=flagged).count() == 2
    assert not RiskAlert.objects.filter(case=flagged, escalated_at__isnull=False).exists()


def test_upward_reports_climb_one_level_at_a_time_each_acknowledged(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    report = services.send_report(actor=persona("judge"), case=flagged, summary="当事人扬言聚集")
    assert report.tier == Tier.CHIEF
    with pytest.raises(ValidationError) as refused:
        services.pass_on_report(actor=persona("chief"), report=report, tier=Tier.LEADER, summary="转报")
    assert refused.value.code == "not_acknowledged"
    with pytest.raises(PermissionDenied):
        services.acknowledge_report(actor=persona("leader"), report=report)
    services.acknowledge_report(actor=persona("chief"), report=report)
    assert RiskAlert.objects.get(occasion=f"report:{report.pk}").acknowledged_at is not None
    with pytest.raises(ValidationError):  # no skipping a level
        services.pass_on_report(actor=persona("chief"), report=report, tier=Tier.PRESIDENT, summary="越级")
    to_leader = services.pass_on_report(
        actor=persona("chief"), report=report, tier=Tier.LEADER, summary="转报"
    )
    with pytest.raises(ValidationError):  # passed on once
        services.pass_on_report(actor=persona("chief"), report=report, tier=Tier.LEADER, summary="再报")
    services.acknowledge_report(actor=persona("leader"), report=to_leader)
    to_president = services.pass_on_report(
        actor=persona("leader"), report=to_leader, tier=Tier.PRESIDENT, summary="报院长"
    )
    services.acknowledge_report(actor=persona("chair"), report=to_president)
    to_committee = services.pass_on_report(
        actor=persona("chair"), report=to_president, tier=Tier.POLITICAL_LEGAL, summary="报政法委"
    )
    with pytest.raises(PermissionDenied):  # the committee has no account: the court records its receipt
        services.acknowledge_report(actor=persona("chair"), report=to_committee)
    with pytest.raises(PermissionDenied):
        services.record_receipt(actor=persona("judge"), report=to_committee, note="x")
    services.record_receipt(actor=persona("office"), report=to_committee, note="政法委综治科李某电话确认")
    assert [
        (r.tier, r.acknowledged_by.username if r.acknowledged_by else None)
        for r in UpwardReport.objects.filter(case=flagged).order_by("sent_at", "id")
    ] == [
        (Tier.CHIEF, "chief"),
        (Tier.LEADER, "leader"),
        (Tier.PRESIDENT, "chair"),
        (Tier.POLITICAL_LEGAL, "office"),
    ]


def test_a_report_not_acknowledged_in_time_is_raised_with_the_level_above(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    RiskSettings.objects.update_or_create(court=flagged.court, defaults={"report_hours": 2})
    report = services.send_report(actor=persona("judge"), case=flagged, summary="紧急情况")
    with time_machine.travel(report.due_at, tick=False):
        services.escalate_alerts()
    assert RiskAlert.objects.filter(occasion=f"report:{report.pk}", tier=Tier.LEADER).exists()
    # The leader's acknowledgement of the raised alert is not the chief's of the report.
    raised = RiskAlert.objects.get(occasion=f"report:{report.pk}", tier=Tier.LEADER)
    services.acknowledge_alert(actor=persona("leader"), alert=raised)
    assert UpwardReport.objects.get(pk=report.pk).acknowledged_at is None


def test_the_committee_intervenes_in_one_step_once(flagged: Case, persona: Callable[[str], Account]) -> None:
    with pytest.raises(PermissionDenied):
        services.intervene(actor=persona("judge"), case=flagged)
    matter = services.intervene(actor=persona("office"), case=flagged)
    applicant = Matter.objects.select_related("applicant__account").get(pk=matter.pk).applicant
    assert applicant is not None and applicant.account is not None
    assert applicant.account.username == "judge"
    assert flagged.number in matter.facts
    assert Case.objects.get(pk=flagged.pk).intervention == matter
    with pytest.raises(ValidationError):
        services.intervene(actor=persona("office"), case=Case.objects.get(pk=flagged.pk))
    assert Matter.objects.filter(facts__contains=flagged.number).count() == 1


def test_a_statement_is_published_only_after_a_leader_signs_it_off(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    statement = services.draft_statement(actor=persona("office"), case=flagged, text="关于某案的情况通报")
    with pytest.raises(ValidationError):
        services.publish_statement(
            actor=persona("office"), statement=statement, expected_version=statement.version
        )
    with pytest.raises(PermissionDenied):
        services.sign_off_statement(
            actor=persona("office"), statement=statement, note="", expected_version=statement.version
        )
    statement = services.sign_off_statement(
        actor=persona("leader"),
        statement=statement,
        note="宣传处、市委政法委",
        expected_version=statement.version,
    )
    statement = services.publish_statement(
        actor=persona("office"), statement=statement, expected_version=statement.version
    )
    assert statement.signed_off_by is not None
    assert (statement.status, statement.signed_off_by.username) == (StatementStatus.PUBLISHED, "leader")


def test_whom_each_level_is(flagged: Case) -> None:
    def names(tier: int) -> set[str]:
        return {account.username for account in services.tier_accounts(flagged, tier)}

    assert names(Tier.JUDGE) == {"judge"}
    assert names(Tier.CHIEF) == {"chief"}
    assert names(Tier.LEADER) == {"chair", "vicechair", "leader"}
    assert names(Tier.PRESIDENT) == {"chair"}
    assert names(Tier.HIGHER_COURT) == set()  # the intermediate court's higher court is not in BenchGuard
    assert names(Tier.POLITICAL_LEGAL) == set()


def test_a_base_courts_report_reaches_the_intermediate_court_which_opens_and_acknowledges_it(
    client_as: Callable[[str | None], Any],
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
) -> None:
    """The higher court of a base court is the intermediate court (its office and
    leaders): a report raised to it opens for them, and they acknowledge it."""
    shinan = Court.objects.get(division_code="370202")
    case = Case.objects.create(
        court=shinan,
        number="（2026）鲁0202民初88号",
        year=2026,
        type_code="民初",
        sequence=88,
        cause="合同纠纷",
        filed_on=FILED,
        judge=person_of("judge2"),
        risk_level=level(MAJOR),
        assessed_stage=Stage.FILING,
    )
    office = client_as("office")
    assert office.get(f"/cases/{case.pk}/").status_code == 404  # not before it is raised
    report = UpwardReport.objects.create(
        case=case,
        tier=Tier.HIGHER_COURT,
        summary="市南法院报送",
        sent_by=persona("judge2"),
        sent_at=timezone.now(),
        due_at=timezone.now() + dt.timedelta(hours=24),
    )
    assert {a.username for a in services.tier_accounts(case, Tier.HIGHER_COURT)} >= {"office", "leader"}
    assert office.get(f"/cases/{case.pk}/").status_code == 200
    services.acknowledge_report(actor=persona("office"), report=report)
    with pytest.raises(PermissionDenied):  # the intermediate court's report has no higher court here
        services.record_receipt(actor=persona("judge2"), report=report, note="x")


def test_a_report_skips_an_empty_level_and_a_higher_court_not_here_is_recorded_by_the_court(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    Case.objects.filter(pk=flagged.pk).update(division=None)
    from benchguard.organization.models import RoleAssignment

    RoleAssignment.objects.filter(role="division_chief").delete()
    case = Case.objects.get(pk=flagged.pk)
    report = services.send_report(actor=persona("judge"), case=case, summary="无庭长")
    assert report.tier == Tier.LEADER  # nobody is a chief: the leaders
    services.acknowledge_report(actor=persona("leader"), report=report)
    to_president = services.pass_on_report(
        actor=persona("leader"), report=report, tier=Tier.PRESIDENT, summary="报"
    )
    services.acknowledge_report(actor=persona("chair"), report=to_president)
    higher = services.pass_on_report(
        actor=persona("chair"), report=to_president, tier=Tier.HIGHER_COURT, summary="报省高院"
    )
    with pytest.raises(PermissionDenied):  # the provincial court has no account here
        services.acknowledge_report(actor=persona("chair"), report=higher)
    services.record_receipt(actor=persona("office"), report=higher, note="省高院权益保障部门电话确认")
    assert UpwardReport.objects.get(pk=higher.pk).acknowledged_at is not None


def test_a_closed_case_is_not_assessed_and_its_alerts_stop(
    flagged: Case, persona: Callable[[str], Account]
) -> None:
    Case.objects.filter(pk=flagged.pk).update(stage=Stage.CLOSED)
    case = Case.objects.get(pk=flagged.pk)
    with pytest.raises(ValidationError):
        services.set_level(actor=persona("chief"), case=case, level=level(MAJOR), reason="x")
    with time_machine.travel(timezone.now() + dt.timedelta(days=3), tick=False):
        services.escalate_alerts()
    assert not RiskAlert.objects.filter(case=flagged, tier__gt=Tier.CHIEF).exists()
