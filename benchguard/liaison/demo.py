"""Demo data of the liaison area (A19): the six outside bodies of the intermediate court
(Qingdao) with one or two fictional contacts each, and four requests sent to them — to
the police about the demo's threat (answered) and its banners at the court's gate
(overdue), to the internet regulator about a judge (awaiting the answer), to the bar
association (closed).

`load_liaison_demo()` is idempotent (bodies found by court and name, contacts by body
and name, requests by court and reference) and writes through the services as the
committee office (赵敏) and the judicial police (马军)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import register_demo
from benchguard.incidents.choices import IncidentKind
from benchguard.incidents.demo import FIRST_PLACE
from benchguard.incidents.models import Incident
from benchguard.liaison import services
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.models import Agency, AgencyContact, LiaisonRequest
from benchguard.organization.models import Account, Court, Person

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
    _load_requests(court)


def _load_requests(court: Court) -> None:
    today = timezone.localdate()
    office = Account.objects.get(username="office")
    police = Account.objects.get(username="police")
    judge = Person.objects.get(account__username="judge")
    bureau = Agency.objects.get(court=court, name="青岛市公安局")
    officer = AgencyContact.objects.get(agency=bureau, name="李振华")

    def send(reference: str, **fields: object) -> LiaisonRequest | None:
        if LiaisonRequest.objects.filter(court=court, reference=reference).exists():
            return None
        return services.send_request(court=court, reference=reference, **fields)  # type: ignore[arg-type]

    threat = Incident.objects.filter(court=court, place=FIRST_PLACE).first()
    if threat is not None:
        answered = send(
            "青中法警函〔2026〕15号",
            actor=police,
            agency=bureau,
            contact=officer,
            judge=judge,
            incident=threat,
            request_text="请依法调查处理恐吓法官行为，并加强法官住所周边巡逻。",
            reason="当事人在法官住所小区门口拦截、扬言报复并尾随。",
            sent_on=today - dt.timedelta(days=5),
            answer_by=today + dt.timedelta(days=5),
        )
        if answered is not None:
            services.record_answer(
                actor=police,
                request=answered,
                expected_version=answered.version,
                answer="已对当事人进行训诫，辖区派出所已将该小区列入重点巡逻范围。",
                answered_on=today - dt.timedelta(days=2),
                follow_up="两周后回访法官。",
            )
    banners = Incident.objects.filter(court=court, kind=IncidentKind.DISTURBANCE, place="法院南门").first()
    if banners is not None:
        send(
            "青中法警函〔2026〕18号",
            actor=police,
            agency=bureau,
            judge=judge,
            incident=banners,
            request_text="请依法处置法院门前拉横幅、呼喊口号等行为。",
            sent_on=today - dt.timedelta(days=2),
            answer_by=today - dt.timedelta(days=1),
        )
    send(
        "青中法权保函〔2026〕7号",
        actor=office,
        agency=Agency.objects.get(court=court, name="青岛市委网信办"),
        judge=judge,
        request_text="请协调处置网络平台上针对王立明法官的不实帖文，并固定相关证据。",
        reason="帖文捏造法官收受贿赂，阅读量持续上升。",
        sent_on=today - dt.timedelta(days=3),
        answer_by=today + dt.timedelta(days=10),
    )
    bar = send(
        "青中法权保函〔2026〕3号",
        actor=office,
        agency=Agency.objects.get(court=court, name="青岛市律师协会"),
        judge=Person.objects.get(account__username="chief"),
        request_text="请核查某律师庭后在微信群散布侮辱法官言论一事。",
        sent_on=today - dt.timedelta(days=30),
        answer_by=today - dt.timedelta(days=15),
    )
    if bar is not None:
        bar = services.record_answer(
            actor=office,
            request=bar,
            expected_version=bar.version,
            answer="已约谈该律师，责令其删除言论并书面致歉。",
            answered_on=today - dt.timedelta(days=20),
        )
        services.close_request(actor=office, request=bar, expected_version=bar.version)
