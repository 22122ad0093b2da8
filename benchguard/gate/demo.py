"""Demo gate data: a gatehouse and a checkpoint at the intermediate court and at the
Shinan court; a morning of visits at the intermediate court — left, inside, waiting for
the host, refused by the host, and a screening hit the judicial police refused — and a
checkpoint shift with a held item and a seized knife that opened an incident. Made
through the services; idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import register_demo
from benchguard.gate import selectors, services
from benchguard.gate.choices import (
    ConfirmedVia,
    CredentialKind,
    Disposition,
    HoldDecision,
    ItemCategory,
    PassageKind,
    PostKind,
    RefusalReason,
    Shift,
)
from benchguard.gate.models import Post
from benchguard.incidents.choices import Nature
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court, Person

GATEHOUSE = "东门传达室"


@register_demo("gate")
@transaction.atomic
def load_gate_demo() -> None:
    intermediate = Court.objects.get(division_code="370200")
    if Post.objects.filter(court=intermediate, name=GATEHOUSE).exists():
        return
    gate = services.create_post(actor=None, court=intermediate, name=GATEHOUSE, kind=PostKind.GATEHOUSE)
    checkpoint = services.create_post(
        actor=None, court=intermediate, name="审判楼安检口", kind=PostKind.CHECKPOINT
    )
    shinan = Court.objects.get(division_code="370202")
    for name, kind in (("传达室", PostKind.GATEHOUSE), ("安检口", PostKind.CHECKPOINT)):
        # seed-scale may have made the base courts' gatehouses already (gate/scale.py).
        if not Post.objects.filter(court=shinan, name=name).exists():
            services.create_post(actor=None, court=shinan, name=name, kind=kind)

    guard, police = Account.objects.get(username="guard"), Account.objects.get(username="police")
    hosts = {
        p.account.username: p
        for p in Person.objects.filter(account__username__in=["judge", "chief", "clerk"])
    }
    lin = Person.objects.get(court=intermediate, name="林婷")
    now = timezone.now()

    def visit(name: str, birth: str, host: Person, purpose: str, slot: str, minutes_ago: int):
        return services.check_in(
            actor=guard,
            post=gate,
            visitor_name=name,
            document_kind="resident_id",
            document_number=demo_id_number(birth, "112"),
            purpose=purpose,
            host=host,
            slot=slot,
            at=now - dt.timedelta(minutes=minutes_ago),
        )

    left = visit("张建华", "19720315", hosts["judge"], "递交上诉材料", "A01", 180)
    services.confirm(actor=hosts["judge"].account, visit=left)
    services.check_out(actor=guard, visit=left)
    inside = visit("李秀英", "19850620", hosts["chief"], "约见庭长反映案件进度", "A02", 95)
    services.confirm(actor=guard, visit=inside, via=ConfirmedVia.PHONE)
    visit("刘洋", "19900101", hosts["clerk"], "补交立案材料", "A03", 20)
    refused = visit("陈明", "19781111", lin, "要求单独会见承办法官", "A04", 60)
    services.close_visit(actor=lin.account or guard, visit=refused, reason="承办法官拒绝单方会见（第十条）。")
    # A screening hit: 钱永刚 is on the controlled list (incidents demo); the police refuse.
    hit = services.check_in(
        actor=guard,
        post=gate,
        visitor_name="钱永刚",
        document_kind="resident_id",
        document_number=demo_id_number("19700101", "057"),
        purpose="找法官理论",
        host=hosts["judge"],
        slot="A05",
        at=now - dt.timedelta(minutes=45),
    )
    services.decide_hold(
        actor=police,
        visit=hit,
        decision=HoldDecision.REFUSE,
        reason="管控名单在列人员，曾携带管制刀具，拒绝入内。",
    )

    # 单立新, the plaintiff of the flagged case 鲁02民初356号 (重大) and on the controlled
    # list, came two days ago: held by the list, and the case judge and the police on
    # duty were told of a flagged case's party (issue 12 part 4); the police refused him.
    party = services.check_in(
        actor=guard,
        post=gate,
        visitor_name="单立新",
        document_kind="resident_id",
        document_number=demo_id_number("19750308", "031"),
        purpose="要求见承办法官",
        host=hosts["judge"],
        slot="A06",
        at=now - dt.timedelta(days=2),
    )
    services.decide_hold(
        actor=police,
        visit=party,
        decision=HoldDecision.REFUSE,
        reason="管控名单在列人员，系重大风险案件当事人；已告知承办法官，改日预约接待。",
    )

    shift = services.record_shift(
        actor=guard,
        post=checkpoint,
        day=timezone.localdate(),
        shift=Shift.MORNING,
        people_checked=186,
        bags_checked=97,
        officers=selectors.checkpoint_officers(intermediate.pk)[:2],
        notes="早高峰人流较大，增派一名司法警察。",
    )
    services.refuse_entry(actor=guard, shift=shift, reason=RefusalReason.NO_ID)
    services.refuse_entry(
        actor=police, shift=shift, reason=RefusalReason.REFUSED_SCREENING, note="拒绝开包检查，劝离。"
    )
    services.add_item(
        actor=guard,
        shift=shift,
        category=ItemCategory.EXPLOSIVES,
        description="打火机一个",
        owner_name="王某",
        disposition=Disposition.LOCKER,
        locker_number="A-07",
    )
    knife = services.add_item(
        actor=police,
        shift=shift,
        category=ItemCategory.KNIVES,
        description="弹簧刀一把（刃长约12厘米）",
        owner_name="赵某",
        disposition=Disposition.SEIZED,
    )
    services.log_passage(
        actor=guard,
        post=checkpoint,
        kind=PassageKind.LAWYER,
        name="孙律师",
        unit="山东某某律师事务所",
        credential_kind=CredentialKind.LAWYER_LICENCE,
        credential_number="13702201810123456",
        purpose="（2026）鲁02民终88号 阅卷",
    )
    services.log_passage(
        actor=guard,
        post=checkpoint,
        kind=PassageKind.PROSECUTOR,
        name="周检察官",
        unit="青岛市人民检察院",
        credential_kind=CredentialKind.PROSECUTOR_CARD,
        credential_number="JC370200123",
        purpose="出庭支持公诉",
    )
    services.open_incident(
        actor=police,
        item=knife,
        nature=Nature.WEAPONS,
        description="安检时在随身包内发现管制刀具，已扣押并移交公安机关。",
    )
