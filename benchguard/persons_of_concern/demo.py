"""Demo persons of concern (A15): a traditional-character name, multi-reading surnames,
every document type, and controlled-list entries that are active, proposed, expired
and removed; department logs. Made through the services; idempotent (skipped once
the demo's first person exists)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Department
from benchguard.persons_of_concern import services
from benchguard.persons_of_concern.choices import ListLevel
from benchguard.persons_of_concern.models import PersonOfConcern

FIRST = "单立新"


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
    basis = "《人民法院司法警察条例》及本院安全保卫规定；多次冲击法庭的记录。"
    active = services.propose_entry(
        actor=police,
        person=shan,
        legal_basis=basis,
        level=ListLevel.KEY,
        review_date=today + dt.timedelta(days=90),
        expires_on=today + dt.timedelta(days=365),
    )
    services.approve_entry(actor=office, entry=active)
    services.propose_entry(
        actor=police,
        person=chan,
        legal_basis=basis,
        level=ListLevel.ATTENTION,
        review_date=today + dt.timedelta(days=30),
        expires_on=today + dt.timedelta(days=180),
    )
    earlier = today - dt.timedelta(days=400)
    expired = services.propose_entry(
        actor=police,
        person=zeng,
        legal_basis=basis,
        level=ListLevel.ATTENTION,
        review_date=earlier + dt.timedelta(days=90),
        expires_on=earlier + dt.timedelta(days=365),
        today=earlier,
    )
    services.approve_entry(actor=office, entry=expired)
    removed = services.propose_entry(
        actor=police,
        person=xie,
        legal_basis=basis,
        level=ListLevel.STRICT,
        review_date=today + dt.timedelta(days=60),
        expires_on=today + dt.timedelta(days=365),
    )
    removed = services.approve_entry(actor=office, entry=removed)
    services.remove_entry(actor=office, entry=removed, reason="经核实系同名误列，予以移出。")
    police_dept = Department.objects.get(court__division_code="370200", name="司法警察支队")
    services.add_department_log(
        actor=police,
        department=police_dept,
        person=shan,
        event_date=today - dt.timedelta(days=3),
        what_happened="在立案大厅大声喧哗，拒不离开。",
        outcome="经劝导后离开，已告知承办庭。",
    )
    services.add_department_log(
        actor=police,
        department=police_dept,
        event_date=today - dt.timedelta(days=1),
        what_happened="不明身份人员在法院门口拍摄法官车辆。",
        outcome="已登记，未发现进一步异常。",
    )
