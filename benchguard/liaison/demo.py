"""Demo data of the liaison directory (A19): the six outside bodies of the intermediate
court (Qingdao) with one or two fictional contacts each.

`load_liaison_demo()` is idempotent (bodies found by court and name, contacts by body
and name) and writes through the services as the committee office (赵敏)."""

from __future__ import annotations

from django.db import transaction

from benchguard.core.demo import register_demo
from benchguard.liaison import services
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.models import Agency, AgencyContact
from benchguard.organization.models import Account, Court

INTERMEDIATE = "370200"

# (kind, name, address, [(name, position, office phone, mobile phone)]): names and
# numbers are made up.
BODIES = [
    (
        AgencyKind.POLITICAL_LEGAL_COMMITTEE,
        "青岛市委政法委员会",
        "青岛市市南区香港中路 11 号",
        [("王立新", "执法监督处处长", "0532-8591 2301", "139 6481 0231")],
    ),
    (
        AgencyKind.PUBLIC_SECURITY,
        "青岛市公安局",
        "青岛市市南区宁夏路 272 号",
        [
            ("李振华", "治安支队副支队长", "0532-6657 3110", "137 0642 1187"),
            ("孙晓燕", "指挥中心联络员", "0532-6657 3125", "158 6398 4402"),
        ],
    ),
    (
        AgencyKind.PROCURATORATE,
        "青岛市人民检察院",
        "青岛市市南区东海西路 17 号",
        [("周明", "办公室副主任", "0532-8299 1406", "186 6392 5518")],
    ),
    (
        AgencyKind.JUSTICE_BUREAU,
        "青岛市司法局",
        "",
        [("吴海涛", "律师工作处科长", "0532-8591 7720", "")],
    ),
    (
        AgencyKind.BAR_ASSOCIATION,
        "青岛市律师协会",
        "",
        [
            ("郑佳", "秘书长", "0532-8577 0312", "135 7325 6610"),
            ("冯磊", "维权委员会主任", "0532-8577 0318", ""),
        ],
    ),
    (
        AgencyKind.INTERNET_REGULATOR,
        "青岛市委网信办",
        "",
        [("何静", "网络舆情处干部", "0532-8591 6603", "150 6657 2209")],
    ),
]


@register_demo("liaison")
@transaction.atomic
def load_liaison_demo() -> None:
    court = Court.objects.get(division_code=INTERMEDIATE)
    office = Account.objects.get(username="office")
    for kind, name, address, contacts in BODIES:
        agency = Agency.objects.filter(court=court, name=name).first()
        if agency is None:
            agency = services.add_agency(actor=office, court=court, kind=kind, name=name, address=address)
        for contact_name, position, office_phone, mobile_phone in contacts:
            if not AgencyContact.objects.filter(agency=agency, name=contact_name).exists():
                services.add_contact(
                    actor=office,
                    agency=agency,
                    name=contact_name,
                    position=position,
                    office_phone=office_phone,
                    mobile_phone=mobile_phone,
                )
