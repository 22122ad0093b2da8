"""Demo cases (A14): two cases of the intermediate court filed by its filing clerk
(何芳) — one whose plaintiff, 单立新, is on the controlled list (so screening finds
him), one whose parties are not — written through the services. Idempotent (found by
number)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.cases import services
from benchguard.cases.choices import PartyKind, PartyRole, Tier
from benchguard.cases.defaults import seed_risk_checklist
from benchguard.cases.models import Case, RiskAlert, RiskFlag, RiskLevel
from benchguard.core.demo import register_demo
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court, Department, Person

INTERMEDIATE = "370200"
# The demo's case numbers at the intermediate court this year: type code and sequence.
# Scale data leaves them free (cases/scale.py), so the demo can be loaded after it.
NUMBERS = (("民初", 356), ("民终", 88))


@register_demo("cases")
@transaction.atomic
def load_cases_demo() -> None:
    seed_risk_checklist(RiskFlag, RiskLevel)  # gone if the database was emptied since migrate
    court = Court.objects.get(division_code=INTERMEDIATE)
    year = timezone.localdate().year
    (first_type, first_sequence), (second_type, second_sequence) = NUMBERS
    first = f"（{year}）{court.case_code}{first_type}{first_sequence}号"
    if Case.objects.filter(court=court, number=first).exists():
        return
    clerk = Account.objects.get(username="clerk")
    today = timezone.localdate()
    new_year = today.replace(month=1, day=1)  # a case is filed in the year of its number
    civil = Department.objects.get(court=court, name="民事审判第一庭")
    judge = Person.objects.get(account__username="judge")
    chief = Person.objects.get(account__username="chief")
    services.file_case(
        actor=clerk,
        court=court,
        number=first,
        cause="房屋买卖合同纠纷",
        filed_on=max(new_year, today - dt.timedelta(days=40)),
        division=civil,
        judge=judge,
        panel=[chief],
        parties=[
            {
                "kind": PartyKind.PERSON,
                "role": PartyRole.PLAINTIFF,
                "name": "单立新",
                "document_kind": "resident_id",
                "document_number": demo_id_number("19750308", "031"),
            },
            {"kind": PartyKind.ORGANISATION, "role": PartyRole.DEFENDANT, "name": "青岛海景置业有限公司"},
        ],
        risk_flags=RiskFlag.objects.filter(code__in=["petition-risk", "mass-involved"]),
        risk_reason="原告系管控名单人员，曾多次到院聚集信访；涉及购房户四十余户。",
    )
    _risk_story(Case.objects.get(court=court, number=first))
    services.file_case(
        actor=clerk,
        court=court,
        number=f"（{year}）{court.case_code}{second_type}{second_sequence}号",
        cause="民间借贷纠纷",
        filed_on=max(new_year, today - dt.timedelta(days=12)),
        division=civil,
        judge=chief,
        parties=[
            {
                "kind": PartyKind.PERSON,
                "role": PartyRole.APPELLANT,
                "name": "吴晓梅",
                "document_kind": "resident_id",
                "document_number": demo_id_number("19820611", "042"),
            },
            {"kind": PartyKind.PERSON, "role": PartyRole.APPELLEE, "name": "钱立强"},
        ],
    )


def _risk_story(case: Case) -> None:
    """The flagged case's risk so far (A14, A16): the judge acknowledged the alert and
    proposed 重大, the chief set it, the judge drafted the contingency plan (not yet
    approved: the case is held at filing) and reported the case to the chief, who has
    not acknowledged yet; the leaders' alert of the level is open."""
    judge, chief = Account.objects.get(username="judge"), Account.objects.get(username="chief")
    for alert in RiskAlert.objects.filter(case=case, tier=Tier.JUDGE):
        services.acknowledge_alert(actor=judge, alert=alert)
    major = RiskLevel.objects.get(rank=3)
    services.propose_level(actor=judge, case=case, level=major, reason="原告在管控名单上，涉众，有聚集苗头。")
    services.set_level(actor=chief, case=case, level=major, reason="同意承办法官意见，定为重大。")
    people = {
        person.account.username: person
        for person in Person.objects.filter(
            account__username__in=["judge", "chief", "police"]
        ).select_related("account")
    }
    services.save_plan(
        actor=judge,
        case=case,
        lead=people["chief"],
        members=[people["judge"], people["police"]],
        lawful_handling="依法公开审理，庭前会议释明诉讼风险。",
        opinion_line="统一由宣传处对外回应，承办法官不接受采访。",
        social_control="庭审期间与属地派出所联动，司法警察加强安检。",
        judge_security="承办法官上下班由司法警察陪同，住所周边巡逻。",
        triggers="原告或购房户十人以上到院聚集；网络出现针对法官的信息。",
        contacts="立案庭 0532-80000001；司法警察支队 0532-80000002",
    )
    services.send_report(actor=judge, case=case, summary="原告系管控名单人员，近期扬言组织购房户到院聚集。")
