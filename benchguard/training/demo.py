"""Demo training (A11): at the intermediate court a risk course held last spring and a
security course this autumn, with who attended; a drill on the court's emergency plan
with its findings and one follow-up open, one done. The judge 王立明 (persona `judge`),
who has a flagged case in the cases demo, last trained 14 months ago: he is on the list
of people not yet trained, marked at risk, and the committee office's panel shows him."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import register_demo, working_day
from benchguard.incidents.choices import PlanKind
from benchguard.incidents.models import EmergencyPlan
from benchguard.organization.models import Account, Court, Person
from benchguard.training import selectors, services
from benchguard.training.choices import CourseKind
from benchguard.training.models import Course

RISK_COURSE = "法官履职风险预警与防范"
SECURITY_COURSE = "安全防范与自我保护"


@register_demo("training")
@transaction.atomic
def load_training_demo() -> None:
    court = Court.objects.get(division_code="370200")
    if Course.objects.filter(court=court, title=RISK_COURSE).exists():
        return
    personnel = Account.objects.get(username="personnel")
    police = Account.objects.get(username="police")
    today = timezone.localdate()
    selectors.settings_for(court.pk)  # the court's setting, at its default (12 months)

    def person(username: str) -> Person:
        return Person.objects.get(account__username=username)

    risk = services.create_course(
        actor=personnel, court=court, title=RISK_COURSE, kind=CourseKind.RISK,
        description="识别案件风险、预警报告、应对威胁骚扰。",
    )  # fmt: skip
    security = services.create_course(
        actor=personnel, court=court, title=SECURITY_COURSE, kind=CourseKind.SECURITY,
        description="遭遇侵害时的自我保护、报警与撤离。",
    )  # fmt: skip
    old = services.add_session(
        actor=personnel, course=risk, held_on=working_day(selectors.months_before(today, 14)),
        place="第一审判庭", trainer="市公安局民警", hours=Decimal("3"),
    )  # fmt: skip
    services.record_attendance(actor=personnel, session=old, people=[person("judge"), person("chief")])
    recent = services.add_session(
        actor=personnel, course=security, held_on=working_day(today - dt.timedelta(days=40)),
        place="多功能厅", trainer="司法警察支队", hours=Decimal("2.5"),
    )  # fmt: skip
    services.record_attendance(
        actor=personnel,
        session=recent,
        people=[person(name) for name in ("chief", "staff", "member", "police", "guard", "clerk")],
    )
    services.add_session(
        actor=personnel, course=risk, held_on=working_day(today + dt.timedelta(days=20), step=1),
        place="第一审判庭", trainer="审判管理办公室", hours=Decimal("2"),
    )  # fmt: skip

    # The scenario is a threat in the trial area, so the drill follows the court's plan
    # for sudden events at hearings.
    plans = EmergencyPlan.objects.filter(court=court, in_force=True)
    plan = plans.filter(kind=PlanKind.HEARING).order_by("pk").first() or plans.order_by("pk").first()
    drill = services.record_drill(
        actor=police,
        court=court,
        plan=plan,
        held_on=working_day(today - dt.timedelta(days=30)),
        scenario="当事人在审判区持刀威胁法官，一键报警后司法警察处置。",
        findings="报警后三分钟到场；审判区东侧通道门禁未及时关闭。",
        participants=[person(name) for name in ("police", "guard", "chief", "judge")],
    )
    services.add_follow_up(
        actor=police, drill=drill, action="检修审判区东侧通道门禁", owner=person("police"),
        due_on=today + dt.timedelta(days=10),
    )  # fmt: skip
    done = services.add_follow_up(
        actor=police, drill=drill, action="更新应急联络表", owner=person("office"),
        due_on=today - dt.timedelta(days=5),
    )  # fmt: skip
    services.close_follow_up(
        actor=police, follow_up=done, note="已更新并分发各庭。", expected_version=done.version
    )
