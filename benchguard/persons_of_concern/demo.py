"""Demo persons of concern (A15): a traditional-character name, multi-reading surnames,
every document type, and controlled-list entries that are active, proposed, expired
and removed, each citing department log lines with their outcome; an open objection
and a dismissed one; department logs. Made through the services; idempotent (skipped once
the demo's first person exists)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import register_demo
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Department
from benchguard.persons_of_concern import services
from benchguard.persons_of_concern.choices import ListLevel, ObjectionBy, ObjectionDecision
from benchguard.persons_of_concern.models import PersonOfConcern

FIRST = "单立新"


@register_demo("persons_of_concern")
@transaction.atomic
def load_persons_of_concern_demo() -> None:
    if PersonOfConcern.objects.filter(name=FIRST).exists():
        return
    police, office = Account.objects.get(username="police"), Account.objects.get(username="office")
    today = timezone.localdate()
    shan = services.create_person(
        actor=police,
        name=FIRST,
        sex="male",
        birth_date=dt.date(1975, 3, 8),
        description="多次到立案大厅滋事，曾在法院门口拦截承办法官。",
        aliases=["单新"],
        documents=[("resident_id", demo_id_number("19750308", "031"))],
        phones=["13805320001"],
    )
    chan = services.create_person(
        actor=police,
        name="陳志華",
        sex="male",
        description="香港居民，涉执行案件被执行人，曾在执行现场推搡执行人员。",
        aliases=["陈华"],
        documents=[("hk_macao_permit", "H12345678")],
    )
    zeng = services.create_person(
        actor=police,
        name="曾国强",
        sex="male",
        documents=[("resident_id", demo_id_number("19680512", "015"))],
        description="曾因信访缠访被列入名单，期满未续。",
    )
    xie = services.create_person(
        actor=police,
        name="解玉兰",
        sex="female",
        documents=[("passport", "E12345678")],
        description="曾被误列，已核实移出。",
    )
    services.create_person(
        actor=police,
        name="John Smith",
        documents=[("foreign_permanent_residence", "USA376805120113")],
        description="外籍当事人，庭审中辱骂法官，已训诫。",
    )
    police_dept = Department.objects.get(court__division_code="370200", name="司法警察支队")
    filing = Department.objects.get(court__division_code="370200", name="立案庭")
    earlier = today - dt.timedelta(days=400)

    def log(person: object, department: Department, days_ago: int, what: str, outcome: str):
        return services.add_department_log(
            actor=police,
            department=department,
            person=person,  # type: ignore[arg-type]
            event_date=today - dt.timedelta(days=days_ago),
            what_happened=what,
            outcome=outcome,
        )

    shan_log = log(shan, police_dept, 3, "在立案大厅大声喧哗，拒不离开。", "经劝导后离开，已告知承办庭。")
    shan_earlier = log(
        shan, filing, 20, "在立案窗口辱骂立案法官，摔砸叫号机。", "司法警察当场制止，予以训诫。"
    )
    chan_log = log(chan, police_dept, 10, "在执行现场推搡执行人员。", "当场制止，移交执行局依法处理。")
    zeng_log = log(zeng, police_dept, 410, "多次缠访，在审判楼门口拦截法官。", "经信访部门接谈后劝离。")
    xie_log = log(xie, police_dept, 5, "被指在法院门口跟踪法官。", "经核实系同名他人，与本人无关。")
    basis = "《人民法院司法警察条例》及本院安全保卫规定；多次冲击法庭的记录。"
    active = services.propose_entry(
        actor=police,
        person=shan,
        legal_basis=basis,
        level=ListLevel.KEY,
        review_date=today + dt.timedelta(days=90),
        expires_on=today + dt.timedelta(days=365),
        citations=[(shan_log, shan_log.outcome), (shan_earlier, "当场制止并训诫，本人未再到窗口滋事。")],
    )
    services.approve_entry(actor=office, entry=active)
    services.record_objection(
        actor=office,
        entry=active,
        received_on=today - dt.timedelta(days=1),
        raised_by=ObjectionBy.LAWYER,
        content="代理律师提交书面异议，称立案大厅事件系因案件久拖未立，当事人情绪失控，请求降低管控级别。",
    )
    services.propose_entry(
        actor=police,
        person=chan,
        legal_basis=basis,
        level=ListLevel.ATTENTION,
        review_date=today + dt.timedelta(days=30),
        expires_on=today + dt.timedelta(days=180),
        citations=[(chan_log, chan_log.outcome)],
    )
    expired = services.propose_entry(
        actor=police,
        person=zeng,
        legal_basis=basis,
        level=ListLevel.ATTENTION,
        review_date=earlier + dt.timedelta(days=90),
        expires_on=earlier + dt.timedelta(days=365),
        citations=[(zeng_log, zeng_log.outcome)],
        today=earlier,
    )
    expired = services.approve_entry(actor=office, entry=expired)
    objection = services.record_objection(
        actor=police,
        entry=expired,
        received_on=today - dt.timedelta(days=30),
        raised_by=ObjectionBy.PERSON,
        content="本人书面申请，称已停止缠访，请求移出名单。",
    )
    services.decide_objection(
        actor=office,
        objection=objection,
        expected_version=objection.version,
        decision=ObjectionDecision.DISMISSED,
        reason="名单期满即失效，无需另行移出。",
    )
    removed = services.propose_entry(
        actor=police,
        person=xie,
        legal_basis=basis,
        level=ListLevel.STRICT,
        review_date=today + dt.timedelta(days=60),
        expires_on=today + dt.timedelta(days=365),
        citations=[(xie_log, "尚在核实。")],
    )
    removed = services.approve_entry(actor=office, entry=removed)
    services.remove_entry(actor=office, entry=removed, reason="经核实系同名误列，予以移出。")
    services.add_department_log(
        actor=police,
        department=police_dept,
        event_date=today - dt.timedelta(days=1),
        what_happened="不明身份人员在法院门口拍摄法官车辆。",
        outcome="已登记，未发现进一步异常。",
    )
