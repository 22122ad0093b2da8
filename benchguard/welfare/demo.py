"""Demo rows of the welfare area, through the services; idempotent (found by the harm
incident's place). A judge harmed in an incident with the whole follow-up done on every
desk — the union's visit and raised-standard payment approved by a court leader, the
personnel office's claim, the counsellor's offer (accepted), the committee office's
special fund payment decided by the chair; a support staff member harmed two days ago
with her checklist still open on the desks; a condolence request refused over its cap
(then made at the cap); insurance policies, both funds with income and payments, a
hardship application awaiting the committee.

The union group's check of the raised-standard payment is recorded by the civil
division's union group leader (an account of the union, not a sign-in persona), the
approval by the union chair (the `union` persona): segregation of duties."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import register_demo
from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.incidents.models import Incident
from benchguard.incidents.services.register import report_incident
from benchguard.organization import services as organization_services
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person
from benchguard.welfare import services
from benchguard.welfare.choices import (
    CounsellingAnswer,
    FundKind,
    Ground,
    ItemKind,
    Occasion,
    OnDuty,
    PolicyKind,
    StepKind,
)
from benchguard.welfare.models import FollowUp

HARM_PLACE = "法院东门停车场"
UNION_GROUP = "uniongroup"  # the civil division's union group leader (no password: not a persona)
STAFF_HARM_PLACE = "诉讼服务中心二号窗口"
POLICY_NUMBER = "PICC-QD-2026-0815"


def _union_group_leader(court: Court) -> Account:
    """The account of the civil division's union group leader, who checks a payment
    before the union chair approves it (found or created; it cannot sign in)."""
    account = Account.objects.filter(username=UNION_GROUP).first()
    if account is None:
        account = organization_services.create_account(
            actor=None, username=UNION_GROUP, display_name="魏红", password=None
        )
    organization_services.assign_role(actor=None, account=account, role=Role.TRADE_UNION, court=court)
    return account


@register_demo("welfare")
@transaction.atomic
def load_welfare_demo() -> None:
    from benchguard.welfare.caps import seed_example_caps
    from benchguard.welfare.models import CondolenceCap

    # The example cap table, as migration 0002 writes it, when a database was emptied.
    seed_example_caps(CondolenceCap)
    if Incident.objects.filter(place=HARM_PLACE).exists():
        return
    court = Court.objects.get(division_code="370200")
    a = {
        x.username: x
        for x in Account.objects.filter(
            username__in=["office", "union", "personnel", "counsellor", "leader", "chair"]
        )
    }
    a[UNION_GROUP] = _union_group_leader(court)
    judge = Person.objects.get(account__username="judge")
    staff = Person.objects.get(account__username="staff")
    now = timezone.now()
    today = timezone.localdate()

    # The funds and the insurance policy.
    risk = services.fund_of(court, FundKind.RISK)
    special = services.fund_of(court, FundKind.SPECIAL)
    services.record_fund_income(
        actor=a["personnel"],
        fund=risk,
        amount=Decimal("200000.00"),
        on=today - dt.timedelta(days=60),
        purpose="年度职业风险基金财政拨款",
    )
    services.record_fund_income(
        actor=a["office"],
        fund=special,
        amount=Decimal("100000.00"),
        on=today - dt.timedelta(days=60),
        purpose="特别救助基金年度预算",
    )
    policy = services.add_policy(
        actor=a["personnel"],
        court=court,
        insurer="中国人民财产保险股份有限公司青岛市分公司",
        kind=PolicyKind.ACCIDENT_HEALTH,
        number=POLICY_NUMBER,
        starts_on=today - dt.timedelta(days=200),
        ends_on=today + dt.timedelta(days=165),
        sum_death=Decimal("500000.00"),
        sum_disability=Decimal("300000.00"),
        sum_medical=Decimal("50000.00"),
        note="法官及审判辅助人员安康保险（示例）",
        insured=list(Person.objects.filter(court=court, is_active=True)),
    )

    # A judge harmed in the line of duty: the follow-up opens by itself (signals.py).
    harm = report_incident(
        actor=a["office"],
        court=court,
        kind=IncidentKind.THREAT,
        nature=Nature.HARM_PERSON,
        occurred_at=now - dt.timedelta(days=12),
        place=HARM_PLACE,
        description="败诉当事人在停车场拦截法官，推搡致其摔倒，右臂骨折，送医治疗。",
        targets=[judge],
        perpetrator_description="该案被告，男，约40岁。",
    )
    followup = FollowUp.objects.get(incident=harm, person=judge)
    items = {item.kind: item for item in followup.items.all()}
    event_on = timezone.localtime(harm.occurred_at).date()

    services.record_visit(
        actor=a["union"],
        court=court,
        person=judge,
        occasion=Occasion.HARM_ON_DUTY,
        visited_on=event_on + dt.timedelta(days=1),
        visitors="工会主席邓桂兰、民一庭庭长周海",
        note="到医院看望，转达院党组慰问。",
        followup=followup,
    )
    services.close_item(
        actor=a["union"],
        item=items[ItemKind.CONDOLENCE_VISIT],
        outcome="次日到医院看望，并申请提高标准慰问金5000元。",
    )
    payment = services.request_condolence(
        actor=a["union"],
        court=court,
        person=judge,
        occasion=Occasion.HARM_ON_DUTY,
        amount=Decimal("5000.00"),
        reason="因公负伤住院，依第二十一条提高标准慰问。",
        raised_standard=True,
        followup=followup,
    )
    payment = services.advance_condolence(
        actor=a[UNION_GROUP], payment=payment, step=StepKind.GROUP_CHECK, note="民一庭工会小组核实"
    )
    payment = services.approve_raised_standard(actor=a["leader"], payment=payment, note="同意按提高标准发放")
    payment = services.advance_condolence(actor=a["union"], payment=payment, step=StepKind.CHAIR_APPROVAL)
    payment = services.advance_condolence(
        actor=a["union"], payment=payment, step=StepKind.FINANCE_PAID, voucher=f"记-{today.year}-0412"
    )
    services.advance_condolence(actor=a["union"], payment=payment, step=StepKind.RECEIPT, note="本人签收")

    claim = services.add_claim(
        actor=a["personnel"],
        policy=policy,
        person=judge,
        event_on=event_on,
        event="停车场遭当事人推搡致右臂骨折。",
        amount_claimed=Decimal("18600.00"),
        documents="医院诊断证明\n医疗费用发票\n事件经过说明（院办出具）",
        followup=followup,
    )
    claim = services.decide_on_duty(actor=a["personnel"], claim=claim, on_duty=OnDuty.ON_DUTY)
    services.submit_claim(actor=a["personnel"], claim=claim, submitted_on=event_on + dt.timedelta(days=3))
    services.pay_from_fund(
        actor=a["personnel"],
        fund=risk,
        amount=Decimal("8000.00"),
        on=event_on + dt.timedelta(days=4),
        purpose="因公负伤职业风险补助",
        claim=claim,
    )
    services.close_item(
        actor=a["personnel"],
        item=items[ItemKind.INSURANCE_CLAIM],
        outcome="已向保险公司提交理赔，并从职业风险基金先行补助8000元。",
    )
    services.close_item(
        actor=a["counsellor"],
        item=items[ItemKind.COUNSELLING_OFFER],
        outcome="电话联系本人，约定出院后面谈。",
        counselling=CounsellingAnswer.ACCEPTED,
    )
    application = services.submit_application(
        actor=a["office"],
        court=court,
        person=judge,
        ground=Ground.HARDSHIP,
        facts="因公负伤，康复期间家庭照护负担重。",
        amount_requested=Decimal("10000.00"),
        followup=followup,
    )
    services.decide_application(
        actor=a["chair"],
        application=application,
        approve=True,
        amount_approved=Decimal("8000.00"),
        decided_on=event_on + dt.timedelta(days=5),
        note="同意救助8000元。",
    )
    application.refresh_from_db()
    services.pay_application(actor=a["office"], application=application, on=event_on + dt.timedelta(days=6))
    services.close_item(
        actor=a["office"],
        item=items[ItemKind.SPECIAL_FUND],
        outcome="委员会主任审批同意特别救助8000元，已发放。",
    )

    # A support staff member harmed two days ago: her checklist is open on every desk.
    report_incident(
        actor=a["office"],
        court=court,
        kind=IncidentKind.THREAT,
        nature=Nature.HARM_PERSON,
        occurred_at=now - dt.timedelta(days=2),
        place=STAFF_HARM_PLACE,
        description="当事人情绪激动，隔窗掷物击中书记员额头，轻伤。",
        targets=[staff],
    )

    # A request over its cap is refused naming the cap; the union then asks at the cap.
    with contextlib.suppress(ValidationError):
        services.request_condolence(
            actor=a["union"],
            court=court,
            person=staff,
            occasion=Occasion.MARRIAGE,
            amount=Decimal("800.00"),
            reason="本人结婚",
        )
    services.request_condolence(
        actor=a["union"],
        court=court,
        person=staff,
        occasion=Occasion.MARRIAGE,
        amount=Decimal("600.00"),
        reason="本人结婚（原报800元超出婚庆慰问上限600元被拒，按上限重报）",
    )
    other = Person.objects.get(court=court, name="杨帆")
    services.submit_application(
        actor=a["office"],
        court=court,
        person=other,
        ground=Ground.CONTRIBUTION,
        facts="连续三年结案数全院第一，家庭遭遇重大变故。",
        amount_requested=Decimal("20000.00"),
    )
