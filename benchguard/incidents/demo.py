"""Demo incidents of every kind (A8, A9.1, A9.2, A9.3, A13) with protective measures
(the requests to the police are in the liaison demo), courtroom sanctions (one fine
awaiting the president, one approved whose person applied for reconsideration), a group
petition's chain and reception, an emergency plan and its activation, a warning talk;
one threat at a base court. Made through the services; idempotent."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import at, register_demo
from benchguard.incidents import services
from benchguard.incidents.caps import seed_caps
from benchguard.incidents.choices import (
    CallRole,
    ChainStep,
    IncidentKind,
    MeasureKind,
    MeasureStatus,
    Nature,
    PlanKind,
    Procedure,
    SanctionMeasure,
    SubjectKind,
)
from benchguard.incidents.models import Incident, SanctionCap
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court, Person
from benchguard.persons_of_concern import services as poc_services
from benchguard.persons_of_concern.choices import ListLevel
from benchguard.persons_of_concern.models import PersonOfConcern

FIRST_PLACE = "法官住所小区门口"


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% BenchGuard demo document\n%%EOF\n", "application/pdf")


@register_demo("incidents")
@transaction.atomic
def load_incidents_demo() -> None:
    if Incident.objects.filter(place=FIRST_PLACE).exists():
        return
    seed_caps(SanctionCap)
    court = Court.objects.get(division_code="370200")
    accounts = {
        a.username: a
        for a in Account.objects.filter(
            username__in=["judge", "police", "office", "chair", "chief", "judge2"]
        )
    }
    people = {
        p.account.username: p
        for p in Person.objects.filter(account__in=accounts.values()).select_related("account")
    }
    officer2 = Person.objects.get(court=court, name="韩磊")
    shan = PersonOfConcern.objects.get(name="单立新")
    now = timezone.now()
    # The court's local days at plausible hours (not offsets from the moment of loading).
    today = timezone.localdate()
    judge, police, office, chief = (accounts[k] for k in ("judge", "police", "office", "chief"))

    # A8: a judge threatened at home; measures, the police asked, a committee matter opened.
    threat = services.report_incident(
        actor=judge,
        court=court,
        kind=IncidentKind.THREAT,
        nature=Nature.INTIMIDATION,
        occurred_at=at(today - dt.timedelta(days=6), 19, 20),
        place=FIRST_PLACE,
        description="当事人在法官住所小区门口拦截，扬言“判不好就让你全家不得安宁”，并尾随至单元门口。",
        targets=[people["judge"]],
        case_number="（2026）鲁02民终1234号",
        perpetrator_description="该案上诉人，男，约50岁。",
    )
    services.link_perpetrator(actor=police, incident=threat, person=shan)
    escort = services.add_measure(
        actor=police,
        incident=threat,
        kind=MeasureKind.ESCORT,
        description="上下班期间由司法警察护送。",
        owner=officer2,
        due_date=today + dt.timedelta(days=14),
    )
    services.update_measure(
        actor=police, measure=escort, expected_version=escort.version, status=MeasureStatus.IN_PROGRESS
    )
    services.add_measure(
        actor=police,
        incident=threat,
        kind=MeasureKind.HOME_PATROL,
        description="商请辖区派出所加强住所周边巡逻。",
        owner=people["police"],
        due_date=today + dt.timedelta(days=7),
    )
    services.add_attachment(
        actor=judge,
        incident=threat,
        upload=SimpleUploadedFile("监控截图.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
    )
    services.open_matter(actor=office, incident=threat)

    # A9.1: a controlled knife found at the security check; referred for prosecution.
    crime = services.report_incident(
        actor=police,
        court=court,
        kind=IncidentKind.CRIME,
        nature=Nature.WEAPONS,
        occurred_at=at(today - dt.timedelta(days=4), 9, 50),
        place="审判楼一楼安检口",
        description="安检发现来访人员随身携带管制刀具一把，情绪激动，拒不交出。",
        perpetrator_description="来访当事人，男，五十余岁。",
    )
    qian = poc_services.create_person(
        actor=police,
        name="钱永刚",
        sex="male",
        birth_date=dt.date(1970, 1, 1),
        description="携带管制刀具进入审判楼，已移送公安机关。",
        documents=[("resident_id", demo_id_number("19700101", "057"))],
    )
    services.link_perpetrator(actor=police, incident=crime, person=qian)
    listed = poc_services.propose_entry(
        actor=police,
        person=qian,
        legal_basis="携带管制刀具进入审判区域，危及法官和诉讼参与人安全，已移送公安机关。",
        level=ListLevel.KEY,
        review_date=today + dt.timedelta(days=90),
        expires_on=today + dt.timedelta(days=365),
        citations=[(crime, "安检查获管制刀具，当场控制，移送青岛市公安局市南分局。")],
    )
    poc_services.approve_entry(actor=office, entry=listed)
    services.refer_for_prosecution(
        actor=police,
        incident=crime,
        referred_to="青岛市公安局市南分局",
        referred_on=today - dt.timedelta(days=4),
    )

    # A9.2: banners outside the court (the liaison demo asks the police, no answer yet).
    services.report_incident(
        actor=police,
        court=court,
        kind=IncidentKind.DISTURBANCE,
        nature=Nature.BANNERS,
        occurred_at=at(today - dt.timedelta(days=2), 15, 30),
        place="法院南门",
        description="三人在法院南门拉横幅、呼喊口号，指名道姓攻击承办法官。",
        people_count=3,
        targets=[people["judge"]],
    )

    # A9.3: courtroom disorder in a civil case: a reprimand and a fine awaiting the president.
    courtroom = services.report_incident(
        actor=judge,
        court=court,
        kind=IncidentKind.COURTROOM,
        nature=Nature.COURTROOM_DISORDER,
        occurred_at=at(today - dt.timedelta(days=1), 10, 40),
        place="第三审判庭",
        description="庭审中被告多次插话、辱骂对方当事人，经警告制止后仍冲向审判台。",
        case_number="（2026）鲁02民终2045号",
        procedure=Procedure.CIVIL,
        targets=[people["judge"]],
    )
    for measure in (SanctionMeasure.WARNING, SanctionMeasure.REPRIMAND, SanctionMeasure.REMOVAL):
        services.impose_sanction(
            actor=judge,
            incident=courtroom,
            measure=measure,
            subject_name="赵某",
            reason="违反法庭规则，扰乱法庭秩序。",
        )
    services.impose_sanction(
        actor=judge,
        incident=courtroom,
        measure=SanctionMeasure.FINE,
        subject_kind=SubjectKind.INDIVIDUAL,
        subject_name="赵某",
        amount=5000,
        reason="经警告、训诫后仍冲击审判台，情节较重。",
    )
    # A fine the president approved; the person applied to the higher court for
    # reconsideration (enforcement goes on meanwhile).
    services.impose_sanction(
        actor=judge,
        incident=courtroom,
        measure=SanctionMeasure.WARNING,
        subject_name="钱某",
        reason="旁听时大声喧哗。",
    )
    fine = services.impose_sanction(
        actor=judge,
        incident=courtroom,
        measure=SanctionMeasure.FINE,
        subject_name="钱某",
        amount=2000,
        reason="经警告制止后仍在旁听席起哄，并拍摄庭审过程。",
    )
    approved = services.decide_sanction(
        actor=accounts["chair"], sanction=fine, expected_version=fine.version, approve=True
    )
    services.apply_for_reconsideration(
        actor=police,
        sanction=approved,
        decision_received_on=today,
        applied_on=today,
        grounds="认为罚款过重。",
    )

    # A13: a group petition about a sensitive case: the chain, a reception, the plan.
    group = services.report_incident(
        actor=police,
        court=court,
        kind=IncidentKind.GROUP_PETITION,
        nature=Nature.GROUP_PETITION,
        occurred_at=now - dt.timedelta(hours=5),
        place="诉讼服务中心门前",
        description="约三十名购房户聚集，要求就（2026）鲁02民初88号案件与承办法官见面。",
        people_count=30,
        sensitive_case=True,
        case_number="（2026）鲁02民初88号",
        targets=[people["judge"]],
    )
    first = services.notify_step(
        actor=police,
        incident=group,
        step=ChainStep.NOTIFY_JUDGE,
        notified=judge,
        note="电话通知并在系统中推送。",
    )
    services.acknowledge_step(actor=judge, step=first)
    services.notify_step(actor=judge, incident=group, step=ChainStep.REPORT_CHIEF, notified=chief)
    services.record_reception(
        actor=police,
        incident=group,
        held_at=now - dt.timedelta(hours=3),
        place="诉讼服务中心第一接待室",
        participants=[people["chief"]],
        police=[people["police"], officer2],
        petitioners=5,
        summary="由庭长接待五名代表，听取诉求，告知依法审理进度；承办法官未直接接访。",
    )
    plan = services.add_plan(
        actor=police,
        court=court,
        kind=PlanKind.SECURITY_CHECK,
        title="群体性上访突发事件应急处置预案",
        upload=_pdf("应急预案.pdf"),
    )
    services.add_plan(
        actor=police,
        court=court,
        kind=PlanKind.HEARING,
        title="庭审突发事件应急处置预案",
        upload=_pdf("庭审预案.pdf"),
    )
    leader = Person.objects.get(account__username="vicechair")
    activation = services.activate_plan(
        actor=police,
        plan=plan,
        incident=group,
        activated_at=now - dt.timedelta(hours=4, minutes=50),
        calls=[
            (CallRole.LEADER_IN_CHARGE, leader),
            (CallRole.DIVISION_CHIEF, people["chief"]),
            (CallRole.POLICE_DUTY_LEADER, people["police"]),
        ],
    )
    for call in activation.calls.all()[:2]:
        services.record_arrival(actor=police, call=call, arrived_at=call.called_at + dt.timedelta(minutes=12))

    # A13.3: a warning talk with the person who threatened the judge.
    services.record_warning_talk(
        actor=police,
        court=court,
        person=shan,
        incident=threat,
        held_at=now - dt.timedelta(days=3),
        conducted_by="马军、韩磊",
        content="告知其恐吓、滋扰法官行为的法律后果，责令停止一切滋扰行为；本人表示知悉。",
        record=_pdf("约谈笔录.pdf"),
    )

    # A base court: a threat only its judge (the reporter) sees among the demo logins.
    judge2 = accounts["judge2"]
    services.report_incident(
        actor=judge2,
        court=Court.objects.get(division_code="370202"),
        kind=IncidentKind.THREAT,
        nature=Nature.HARASSMENT,
        occurred_at=at(today - dt.timedelta(days=3), 18, 10),
        place="市南区法院停车场",
        description="当事人连续三天在停车场等候并拍摄法官车辆。",
        targets=[people["judge2"]],
    )
