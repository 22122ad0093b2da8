"""Demo data of the privacy area (A18): an online exposure of the demo judge's (王立明)
home address and phone, with a screenshot and two takedown notices — one refused and
escalated to the police, one removed — and a leak inside the court investigated by the
discipline inspector (袁刚) with the access log of the judge's private record.

`load_privacy_demo()` is idempotent (cases found by court, kind and URL or description)
and writes through the services as the committee office (赵敏) and the inspector."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import register_demo
from benchguard.organization import services as organization_services
from benchguard.organization.models import Account, Court, Person
from benchguard.privacy import services
from benchguard.privacy.choices import CaseKind, EscalatedTo, Exposed, Notifier
from benchguard.privacy.models import ExposureCase
from benchguard.reputation.demo import tiny_png

INTERMEDIATE = "370200"
ONLINE_URL = "https://demo.example.cn/thread/2001"
LEAK = "有人将王立明法官的家庭住址透露给案件当事人，当事人到其住所小区蹲守。"


@register_demo("privacy")
@transaction.atomic
def load_privacy_demo() -> None:
    court = Court.objects.filter(division_code=INTERMEDIATE).first()
    office = Account.objects.filter(username="office").first()
    inspector = Account.objects.filter(username="inspector").first()
    judge = Person.objects.filter(account__username="judge").first()
    if court is None or office is None or inspector is None or judge is None:
        return
    today = timezone.localdate()
    if not ExposureCase.objects.filter(court=court, kind=CaseKind.ONLINE, url=ONLINE_URL).exists():
        case = services.register_case(
            actor=office, court=court, kind=CaseKind.ONLINE, person=judge, platform="某论坛",
            url=ONLINE_URL, exposed=[Exposed.ADDRESS, Exposed.PHONE, Exposed.RELATIVES],
            description="帖子公开了王立明法官的家庭住址、手机号码及其配偶姓名，号召网民“上门讨说法”。",
            found_on=today - dt.timedelta(days=10),
        )  # fmt: skip
        services.add_evidence(
            actor=office, exposure=case, upload=tiny_png("thread-2001"),
            captured_at=timezone.now() - dt.timedelta(days=10), url=ONLINE_URL,
        )  # fmt: skip
        refused = services.draft_notice(
            actor=office, exposure=case, recipient="某论坛运营公司", notifier=Notifier.COURT,
            contact="青岛市中级人民法院法官权益保障委员会办公室 0532-8088103",
        )  # fmt: skip
        refused = services.send_notice(
            actor=office,
            notice=refused,
            expected_version=refused.version,
            sent_via="平台侵权投诉通道及挂号信",
        )
        refused = services.record_refused(
            actor=office, notice=refused, expected_version=refused.version,
            refusal_reason="平台称帖子属于“舆论监督”，拒绝删除。",
        )  # fmt: skip
        services.escalate_notice(
            actor=office, notice=refused, expected_version=refused.version, escalated_to=EscalatedTo.POLICE,
            escalation_reference="青中法函〔2026〕31号", note="同时报送网信部门备案。",
        )  # fmt: skip
        removed = services.draft_notice(
            actor=office, exposure=case, recipient="某搜索引擎公司（快照）", notifier=Notifier.COURT,
            contact="青岛市中级人民法院法官权益保障委员会办公室 0532-8088103",
        )  # fmt: skip
        removed = services.send_notice(
            actor=office, notice=removed, expected_version=removed.version, sent_via="平台侵权投诉通道"
        )
        removed = services.record_acknowledged(actor=office, notice=removed, expected_version=removed.version)
        services.record_removed(
            actor=office, notice=removed, expected_version=removed.version, note="快照已删除。"
        )
    if not ExposureCase.objects.filter(court=court, kind=CaseKind.INTERNAL_LEAK, description=LEAK).exists():
        # The office looked at the judge's private record for its work: a line of the log.
        organization_services.open_private_details(actor=office, person=judge)
        services.register_case(
            actor=inspector, court=court, kind=CaseKind.INTERNAL_LEAK, person=judge,
            exposed=[Exposed.ADDRESS], description=LEAK, found_on=today - dt.timedelta(days=2),
            platform="院内",
        )  # fmt: skip
