"""Demo data of the interference area (A7) at the intermediate court: an entry for each
way an attempt is made (in person, phone, letter, materials, through staff, through
relatives, other), among them a court insider's improper enquiry and a president's
supervision within authority, one recorded later by a division chief, one that affected
the case (reported upward), one referred to the committee and one amendment; the
reports of the two quarters before this one (a zero report, and an older report left
unsigned and late); and two personnel actions, one against the judge who recorded
interference (flagged to the committee), the other prepared for review.

`load_interference_demo()` is idempotent (entries found by court and request text,
actions by judge, kind and day, reports by court and quarter) and writes through the
services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from benchguard.cases.choices import Stage
from benchguard.cases.models import Case
from benchguard.core.demo import register_demo
from benchguard.interference import services
from benchguard.interference.choices import ActionKind, InternalNature, Method, SourceKind
from benchguard.interference.models import Entry, PersonnelAction, Referral
from benchguard.interference.services.reports import previous_quarter, quarter_bounds
from benchguard.organization.models import Account, Court, Person

INTERMEDIATE = "370200"
FIRST_REQUEST = "询问案件进展，希望“关照”一下原告方"

# (method, who, name, unit, post, contact, request, response, extra)
ENTRIES: list[tuple[Any, ...]] = [
    (Method.IN_PERSON, SourceKind.LEADING_CADRE, "钱某某", "某区人民政府", "副区长", "0532-8888 0001",
     FIRST_REQUEST, "告知其案件依法审理，不便透露，已当场拒绝", {}),
    (Method.PHONE, SourceKind.ORGANISATION, "李某", "某集团有限公司", "法务部经理", "139 0000 0002",
     "打电话要求尽快判决并支持其公司诉请", "告知其通过代理人依法提交意见，未作任何承诺", {"affected": True}),
    (Method.LETTER, SourceKind.ORGANISATION, "某行业协会", "某行业协会", "", "",
     "以协会名义来函，请求对会员企业“从轻处理”", "来函已存档，未予回应", {"refer": True}),
    (Method.MATERIALS, SourceKind.OTHER, "赵某", "", "", "",
     "递交所谓“补充材料”并要求私下面谈", "拒收材料，告知应通过立案庭依法提交", {}),
    (Method.VIA_STAFF, SourceKind.STAFF_OR_RELATIVE, "孙某", "某局", "领导秘书", "",
     "通过秘书转达领导“关心”本案", "明确告知不接受任何案外意见", {}),
    (Method.VIA_RELATIVES, SourceKind.STAFF_OR_RELATIVE, "周某", "", "", "",
     "托法官亲属带话，请求“高抬贵手”", "已告知亲属不得传话，并登记在案", {"supervisor": True}),
    (Method.OTHER, SourceKind.COURT_INSIDER, "吴某", "本院", "其他业务庭副庭长", "",
     "非承办人私下打听合议庭意见", "未告知任何合议情况", {"nature": InternalNature.IMPROPER}),
    (Method.IN_PERSON, SourceKind.COURT_INSIDER, "刘建国", "本院", "院长", "",
     "依职责了解长期未结案件的审理进度", "如实汇报审理进度", {"nature": InternalNature.SUPERVISION}),
]  # fmt: skip


def _letter() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "协会来函.txt", "关于请求对会员企业从轻处理的函（扫描件说明）".encode(), "text/plain"
    )


def _account(username: str) -> Account:
    return Account.objects.get(username=username)


@register_demo("interference")
@transaction.atomic
def load_interference_demo() -> None:
    court = Court.objects.get(division_code=INTERMEDIATE)
    judge_account = _account("judge")
    judge = Person.objects.get(account=judge_account)
    case = Case.objects.filter(court=court).order_by("pk").first()
    case_number = case.number if case is not None else "（2026）鲁02民初100号"
    now = timezone.now()
    first_entry: Entry | None = None
    for index, (method, who, name, unit, post, contact, request, response, extra) in enumerate(ENTRIES):
        found = Entry.objects.filter(court=court, request=request).first()
        if found is None:
            actor = _account("chief") if extra.get("supervisor") else judge_account
            found = services.record_entry(
                actor=actor,
                judge=judge,
                source_kind=who,
                internal_nature=extra.get("nature", ""),
                person_name=name,
                person_unit=unit,
                person_post=post,
                person_contact=contact,
                occurred_at=now - dt.timedelta(days=20 - index, hours=3),
                method=method,
                request=request,
                case_number=case_number,
                stage=Stage.TRIAL,
                response=response,
                affected_handling=bool(extra.get("affected")),
                attachments=[_letter()] if method == Method.LETTER else [],
            )
            if extra.get("affected"):
                services.report_immediately(
                    actor=_account("trialmgmt"),
                    entry=found,
                    note="已电话报告市委政法委执法监督处和省高院审管办",
                )
        if extra.get("refer") and not Referral.objects.filter(entry=found).exists():
            services.refer_entry(actor=judge_account, entry=found, note="来函单位多次施压，请委员会关注")
        first_entry = first_entry or found
    if first_entry is not None and not first_entry.amendments.exists():
        services.amend_entry(
            actor=judge_account,
            entry=first_entry,
            amendment_reason="来访时间记错，更正为下午",
            source_kind=first_entry.source_kind,
            person_name=first_entry.person_name,
            person_unit=first_entry.person_unit,
            person_post=first_entry.person_post,
            person_contact=first_entry.person_contact,
            occurred_at=first_entry.occurred_at + dt.timedelta(hours=5),
            method=first_entry.method,
            request=first_entry.request + "（更正）",
            case_number=first_entry.case_number,
            stage=first_entry.stage,
            response=first_entry.response,
        )
    _reports()
    _actions(court, judge)


def _reports() -> None:
    """The quarter before last (left unsigned: late) and the last quarter (nothing was
    recorded then: a zero report awaiting the keeper's signature)."""
    today = timezone.localdate()
    year, quarter = previous_quarter(today)
    first, _last = quarter_bounds(year, quarter)
    services.prepare_reports(today=first)
    services.prepare_reports(today=today)


def _actions(court: Court, judge: Person) -> None:
    personnel = _account("personnel")
    today = timezone.localdate()
    flagged = PersonnelAction.objects.filter(judge=judge, kind=ActionKind.TRANSFER).first()
    if flagged is None:
        services.record_action(
            actor=personnel,
            judge=judge,
            kind=ActionKind.TRANSFER,
            ground="《法官法》第……条：工作需要交流",
            procedure="政治部提出建议，党组会议研究决定",
            decided_on=today - dt.timedelta(days=3),
        )
    other = Person.objects.filter(court=court, name="杨帆").first()
    if other is not None and not PersonnelAction.objects.filter(judge=other).exists():
        action = services.record_action(
            actor=personnel,
            judge=other,
            kind=ActionKind.DISCIPLINE,
            ground="《法官法》第四十六条",
            procedure="纪检监察室调查，听取本人陈述和申辩，党组会议决定警告处分",
            decided_on=today - dt.timedelta(days=10),
        )
        services.prepare_review(
            actor=_account("office"),
            action=action,
            expected_version=action.version,
            preparation="已核对处分依据和程序材料，本人已陈述申辩",
        )
