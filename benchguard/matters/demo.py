"""Demo matters of the intermediate court, one in every state, made through the services
so their timelines, audit lines and notifications are real. Idempotent: skipped when the
court already has matters."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from benchguard.core.demo import register_demo
from benchguard.matters import services
from benchguard.matters.choices import Channel, DecisionBasis, Response, StepKind, Subject, TimeRequestKind
from benchguard.matters.models import Matter
from benchguard.organization.models import Account, Court, Person

DEPARTMENT_RESPONSE = "已向庭领导报告，庭里进行了批评教育，但对方仍多次来电骚扰。"


@register_demo("matters")
@transaction.atomic
def load_matters_demo() -> None:
    court = Court.objects.get(division_code="370200")
    if Matter.objects.filter(court=court).exists():
        return
    judge, staff, member = (Account.objects.get(username=u) for u in ("judge", "staff", "member"))
    office, chair = Account.objects.get(username="office"), Account.objects.get(username="chair")

    def apply(actor: Account, facts: str, subject: str = Subject.THREAT) -> Matter:
        return services.submit_application(
            actor=actor,
            subject=subject,
            facts=facts,
            infringer="案件当事人某某",
            request="请求委员会协调公安机关依法处理，并采取保护措施。",
            reported_to_department_on=court.created_at.date(),
            department_response=DEPARTMENT_RESPONSE,
        )

    # Submitted, awaiting acceptance.
    apply(judge, "判决宣告后，当事人多次到法院门口拦截，并在电话中威胁。")
    # Received by phone, registered by the office with the call record attached.
    phoned = services.register_application(
        actor=office,
        applicant=Person.objects.get(account__username="chief"),
        channel=Channel.PHONE,
        subject=Subject.THREAT,
        facts="来电称有人在其住所楼下蹲守。",
        infringer="不明身份人员",
        request="请求协调派出所加强巡逻。",
        reported_to_department_on=court.created_at.date(),
        department_response=DEPARTMENT_RESPONSE,
    )
    services.add_attachment(
        actor=office,
        matter=phoned,
        upload=SimpleUploadedFile(
            "来电记录.txt", "来电时间：上午九时。内容：住所楼下有人蹲守。".encode(), "text/plain"
        ),
    )
    # Not accepted.
    declined = apply(staff, "当事人在微信群中发布不实言论。", Subject.DEFAMATION)
    services.decline_matter(
        actor=office, matter=declined, reason="申请未说明本部门的处理情况，请补充后重新提交。"
    )
    # Being handled, with the A26.2 steps.
    handled = apply(member, "开庭后被旁听人员跟踪至住所附近。")
    services.accept_matter(actor=office, matter=handled)
    services.record_step(actor=office, matter=handled, step=StepKind.REPORTED_TO_CHAIR, text="已向主任报告。")
    services.record_step(actor=chair, matter=handled, step=StepKind.CHAIR_ACKNOWLEDGED)
    services.record_step(
        actor=office, matter=handled, step=StepKind.CONTACTED_JUDGE, text="电话联系孙丽法官。"
    )
    # Suspended, waiting for the applicant's materials.
    suspended = apply(judge, "执行过程中被执行人家属推搡，造成轻微伤。")
    services.accept_matter(actor=office, matter=suspended)
    request = services.request_time(
        actor=office, matter=suspended, kind=TimeRequestKind.SUSPENSION, reason="等待申请人补充就医材料。"
    )
    services.decide_time_request(actor=chair, time_request=request, approve=True)
    # Extension awaiting the chair.
    waiting = services.open_ex_officio(
        actor=office,
        court=court,
        subject=Subject.DEFAMATION,
        facts="网络上出现针对王立明法官的侮辱性帖子。",
        applicant=Person.objects.get(account=judge),
    )
    services.request_time(
        actor=office,
        matter=waiting,
        kind=TimeRequestKind.EXTENSION,
        days=15,
        reason="需协调网信部门核查发帖人。",
    )
    # Decided, fed back, accepted by the judge, appealed with an outcome.
    for facts, response in [
        ("庭审中当事人辱骂法官。", None),
        ("当事人向纪检部门诬告法官收受财物。", "feedback"),
        ("当事人在法院门口拉横幅。", Response.ACCEPTS),
        ("当事人在网络上散布法官家庭住址。", Response.APPEALS),
    ]:
        matter = apply(judge, facts)
        services.accept_matter(actor=office, matter=matter)
        services.decide_matter(
            actor=chair,
            matter=matter,
            basis=DecisionBasis.CHAIR,
            findings="经调查，反映情况属实。",
            handling_opinion="协调公安机关依法处理，并向法官所在部门通报，消除不良影响。",
        )
        if response is None:
            continue
        services.record_feedback(actor=office, matter=matter, channel=Channel.WRITTEN)
        if response == "feedback":
            continue
        matter = services.record_response(actor=judge, matter=matter, response=response)
        if response == Response.APPEALS:
            services.record_appeal_outcome(
                actor=office,
                matter=matter,
                outcome="上级法院维持委员会处理意见。",
                decided_on=matter.appeal_sent_on,
            )
