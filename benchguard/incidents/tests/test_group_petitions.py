"""Group petitions and sudden events (A13): the notification chain in order (A13.1),
the reception rule (A13.2), emergency plans and their activation (A13.4), and warning
talks with their signed record (A13.3)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from benchguard.incidents import services
from benchguard.incidents.choices import CallRole, ChainStep, IncidentKind, PlanKind
from benchguard.incidents.models import (
    ActivationCall,
    ChainNotification,
    EmergencyPlan,
    Incident,
    PlanActivation,
    Reception,
    WarningTalk,
)
from benchguard.incidents.tests.helpers import field_codes
from benchguard.notifications.models import Notification
from benchguard.persons_of_concern.models import PersonOfConcern

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(report):
    """A group petition reported by the judicial police, about no judge in particular."""
    return report(IncidentKind.GROUP_PETITION, actor="police", targets=[])


# --- The chain (A13.1) ------------------------------------------------------------------------------


def test_the_chain_runs_in_order(petition, persona) -> None:
    police, judge, chief, leader = (persona(n) for n in ("police", "judge", "chief", "leader"))
    first = services.notify_step(
        actor=police, incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=judge, note="电话通知。"
    )
    assert first.acknowledged_at is None and first.notified_by == police
    first = services.acknowledge_step(actor=judge, step=first)
    assert first.acknowledged_at is not None
    second = services.notify_step(actor=judge, incident=petition, step=ChainStep.REPORT_CHIEF, notified=chief)
    assert second.notified_by == judge
    second = services.acknowledge_step(actor=chief, step=second)
    assert second.acknowledged_at is not None
    third = services.notify_step(
        actor=chief, incident=petition, step=ChainStep.ARRANGE_RECEPTION, notified=leader
    )
    assert third.notified_by == chief
    steps = list(petition.chain.order_by("notified_at", "id").values_list("step", "notified__username"))
    assert steps == [
        (ChainStep.NOTIFY_JUDGE, "judge"),
        (ChainStep.REPORT_CHIEF, "chief"),
        (ChainStep.ARRANGE_RECEPTION, "leader"),
    ]
    for row in (first, second, third):
        assert Notification.objects.filter(
            recipient=row.notified, kind="incidents.chain", dedupe_key=f"incidents.chain:{row.pk}"
        ).exists()


def test_a_step_by_someone_outside_the_chain_comes_back_403_with_the_input(
    petition, client_as, persona
) -> None:
    """A court leader sees the petition but does not carry the chain on (the service
    refuses): the incident's page comes back with 403 and what was typed; nothing is
    recorded."""
    typed = {"step": ChainStep.NOTIFY_JUDGE, "notified": persona("judge").pk, "note": "电话通知。"}
    response = client_as("leader").post(reverse("incidents:chain_notify", args=[petition.pk]), typed)
    assert response.status_code == 403
    assert response.context["chain_form"]["note"].value() == "电话通知。"
    assert not petition.chain.exists()


@pytest.mark.parametrize("step", [ChainStep.REPORT_CHIEF, ChainStep.ARRANGE_RECEPTION])
def test_a_step_before_its_turn_is_refused(petition, persona, step) -> None:
    with pytest.raises(ValidationError) as caught:
        services.notify_step(actor=persona("police"), incident=petition, step=step, notified=persona("chief"))
    assert field_codes(caught.value, "step") == ["out_of_order"]
    assert not petition.chain.exists()


def test_the_judge_does_not_record_the_first_step(petition, persona) -> None:
    with pytest.raises(PermissionDenied):
        services.notify_step(
            actor=persona("judge"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
        )
    with pytest.raises(PermissionDenied):
        services.notify_step(
            actor=persona("chief"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
        )
    assert not petition.chain.exists()


def test_only_who_was_told_carries_the_chain_on(petition, persona) -> None:
    services.notify_step(
        actor=persona("police"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
    )
    with pytest.raises(PermissionDenied):
        services.notify_step(
            actor=persona("member"), incident=petition, step=ChainStep.REPORT_CHIEF, notified=persona("chief")
        )


@pytest.mark.parametrize("username", ["staff", "office", "guard", "judge2"])
def test_the_first_step_tells_a_judge_of_the_court(petition, persona, username) -> None:
    with pytest.raises(ValidationError) as caught:
        services.notify_step(
            actor=persona("police"),
            incident=petition,
            step=ChainStep.NOTIFY_JUDGE,
            notified=persona(username),
        )
    assert field_codes(caught.value, "notified") == ["wrong_person"]
    assert not petition.chain.exists()


def test_the_chief_step_tells_a_chief_or_leader(petition, persona) -> None:
    services.notify_step(
        actor=persona("police"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
    )
    with pytest.raises(ValidationError) as caught:
        services.notify_step(
            actor=persona("judge"), incident=petition, step=ChainStep.REPORT_CHIEF, notified=persona("member")
        )
    assert field_codes(caught.value, "notified") == ["wrong_person"]


def test_a_person_is_told_once_at_each_step(petition, persona) -> None:
    police, judge = persona("police"), persona("judge")
    services.notify_step(actor=police, incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=judge)
    with pytest.raises(ValidationError) as caught:
        services.notify_step(actor=police, incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=judge)
    assert field_codes(caught.value, "notified") == ["duplicate"]
    assert petition.chain.count() == 1


def test_only_the_person_told_acknowledges_and_only_once(petition, persona) -> None:
    row = services.notify_step(
        actor=persona("police"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
    )
    for username in ("police", "chief", "member"):
        with pytest.raises(PermissionDenied):
            services.acknowledge_step(actor=persona(username), step=row)
    assert ChainNotification.objects.get(pk=row.pk).acknowledged_at is None
    services.acknowledge_step(actor=persona("judge"), step=row)
    with pytest.raises(ValidationError) as caught:
        services.acknowledge_step(actor=persona("judge"), step=ChainNotification.objects.get(pk=row.pk))
    assert caught.value.code == "already_acknowledged"


def test_the_person_told_sees_the_incident_and_is_notified(petition, persona) -> None:
    judge, chief = persona("judge"), persona("chief")
    assert not Incident.objects.visible_to(judge).filter(pk=petition.pk).exists()
    assert not Incident.objects.visible_to(chief).filter(pk=petition.pk).exists()
    row = services.notify_step(
        actor=persona("police"), incident=petition, step=ChainStep.NOTIFY_JUDGE, notified=judge
    )
    assert Incident.objects.visible_to(judge).filter(pk=petition.pk).exists()
    assert not Incident.objects.visible_to(chief).filter(pk=petition.pk).exists()
    note = Notification.objects.get(recipient=judge, dedupe_key=f"incidents.chain:{row.pk}")
    assert note.kind == "incidents.chain" and note.url.endswith(f"/{petition.pk}/")
    services.notify_step(actor=judge, incident=petition, step=ChainStep.REPORT_CHIEF, notified=chief)
    assert Incident.objects.visible_to(chief).filter(pk=petition.pk).exists()
    assert Notification.objects.filter(recipient=chief, kind="incidents.chain").exists()


def test_the_chain_belongs_to_group_petitions(report, persona) -> None:
    threat = report(IncidentKind.THREAT, actor="police")
    with pytest.raises(ValidationError) as caught:
        services.notify_step(
            actor=persona("police"), incident=threat, step=ChainStep.NOTIFY_JUDGE, notified=persona("judge")
        )
    assert caught.value.code == "invalid_kind"


# --- The reception rule (A13.2) ---------------------------------------------------------------------


@pytest.fixture
def receive(persona):
    """receive(incident, participants, police): the judicial police record a reception."""

    def make(incident, participants, police, actor="police"):
        return services.record_reception(
            actor=persona(actor),
            incident=incident,
            held_at=timezone.now() - dt.timedelta(minutes=30),
            place="诉讼服务中心第一接待室",
            participants=participants,
            police=police,
            petitioners=5,
            summary="听取诉求，告知审理进度。",
        )

    return make


@pytest.fixture
def judges_petition(report, person_of):
    """A group petition about the case of judge 王立明 (the incident's target)."""
    return report(IncidentKind.GROUP_PETITION, actor="police", targets=[person_of("judge")])


def test_a_group_petition_is_not_received_without_police(judges_petition, receive, person_of) -> None:
    with pytest.raises(ValidationError) as caught:
        receive(judges_petition, [person_of("chief")], [])
    assert field_codes(caught.value, "police") == ["no_police"]
    assert not Reception.objects.filter(incident=judges_petition).exists()


def test_a_sensitive_case_of_another_kind_is_not_received_without_police(report, receive, person_of) -> None:
    sensitive = report(IncidentKind.THREAT, actor="police", sensitive_case=True)
    with pytest.raises(ValidationError) as caught:
        receive(sensitive, [person_of("chief")], [])
    assert field_codes(caught.value, "police") == ["no_police"]
    assert receive(sensitive, [person_of("chief")], [person_of("police")]).pk is not None


def test_the_case_judge_never_receives(judges_petition, receive, person_of) -> None:
    judge, chief, police = person_of("judge"), person_of("chief"), person_of("police")
    for participants in ([judge], [judge, police], [chief, judge]):
        with pytest.raises(ValidationError) as caught:
            receive(judges_petition, participants, [police])
        assert field_codes(caught.value, "participants") == ["case_judge"]
        assert "王立明" in caught.value.message_dict["participants"][0]
    assert not Reception.objects.filter(incident=judges_petition).exists()


def test_only_judicial_police_count_as_police(judges_petition, receive, person_of) -> None:
    for not_police in ("staff", "guard", "chief"):
        with pytest.raises(ValidationError) as caught:
            receive(judges_petition, [person_of("chief")], [person_of(not_police)])
        assert "police" in caught.value.error_dict
    assert not Reception.objects.filter(incident=judges_petition).exists()


def test_the_chief_with_a_police_officer_receives(judges_petition, receive, person_of, colleague) -> None:
    reception = receive(judges_petition, [person_of("chief"), person_of("staff")], [person_of("police")])
    stored = Reception.objects.get(pk=reception.pk)
    assert set(stored.participants.values_list("name", flat=True)) == {"周海", person_of("staff").name}
    assert list(stored.police.values_list("name", flat=True)) == ["马军"]
    # An officer of the judicial police department without an account counts too.
    second = receive(judges_petition, [person_of("chief")], [colleague])
    assert list(second.police.values_list("name", flat=True)) == ["韩磊"]


def test_a_plain_threat_may_be_received_without_police(report, receive, person_of) -> None:
    threat = report(IncidentKind.THREAT, actor="police")
    assert not threat.sensitive_case
    reception = receive(threat, [person_of("chief")], [])
    assert not reception.police.exists()


def test_who_was_told_in_the_chain_records_a_reception(judges_petition, receive, persona, person_of) -> None:
    with pytest.raises(PermissionDenied):
        receive(judges_petition, [person_of("chief")], [person_of("police")], actor="chief")
    services.notify_step(
        actor=persona("police"),
        incident=judges_petition,
        step=ChainStep.NOTIFY_JUDGE,
        notified=persona("judge"),
    )
    services.notify_step(
        actor=persona("judge"),
        incident=judges_petition,
        step=ChainStep.REPORT_CHIEF,
        notified=persona("chief"),
    )
    assert receive(judges_petition, [person_of("chief")], [person_of("police")], actor="chief").pk


# --- Emergency plans (A13.4) -------------------------------------------------------------------------


@pytest.fixture
def plan(persona, court, pdf):
    return services.add_plan(
        actor=persona("police"),
        court=court,
        kind=PlanKind.HEARING,
        title="庭审突发事件预案",
        upload=pdf("预案.pdf"),
    )


def test_a_plan_keeps_the_sha256_of_its_document(persona, court, pdf) -> None:
    content = b"%PDF-1.4\n% plan for sudden events\n%%EOF\n"
    plan = services.add_plan(
        actor=persona("police"),
        court=court,
        kind=PlanKind.SECURITY_CHECK,
        title="安检突发事件预案",
        upload=pdf("安检预案.pdf", content),
    )
    stored = EmergencyPlan.objects.get(pk=plan.pk)
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.file_name == "安检预案.pdf"
    assert stored.in_force
    with stored.file.open("rb") as handle:
        assert handle.read() == content


def test_only_managers_of_the_court_add_plans(persona, court, base_court, pdf) -> None:
    for username in ("chief", "judge", "chair"):
        with pytest.raises(PermissionDenied):
            services.add_plan(
                actor=persona(username), court=court, kind=PlanKind.HEARING, title="预案", upload=pdf()
            )
    with pytest.raises(PermissionDenied):
        services.add_plan(
            actor=persona("police"), court=base_court, kind=PlanKind.HEARING, title="预案", upload=pdf()
        )


def test_activating_a_plan_calls_people_and_tells_those_with_accounts(
    plan, persona, person_of, colleague
) -> None:
    activation = services.activate_plan(
        actor=persona("police"),
        plan=plan,
        calls=[
            (CallRole.LEADER_IN_CHARGE, person_of("vicechair")),
            (CallRole.DIVISION_CHIEF, person_of("chief")),
            (CallRole.POLICE_DUTY_LEADER, colleague),
        ],
    )
    calls = list(activation.calls.order_by("id").values_list("role", "person__name", "arrived_at"))
    assert calls == [
        (CallRole.LEADER_IN_CHARGE, "陈志强", None),
        (CallRole.DIVISION_CHIEF, "周海", None),
        (CallRole.POLICE_DUTY_LEADER, "韩磊", None),
    ]
    told = Notification.objects.filter(dedupe_key=f"incidents.plan:{activation.pk}")
    assert set(told.values_list("recipient__username", flat=True)) == {"vicechair", "chief"}
    assert set(told.values_list("kind", flat=True)) == {"incidents.plan"}


def test_an_arrival_is_recorded_once_and_not_before_the_call(plan, persona, person_of) -> None:
    police = persona("police")
    called = timezone.now() - dt.timedelta(hours=1)
    activation = services.activate_plan(
        actor=police,
        plan=plan,
        activated_at=called,
        calls=[(CallRole.DIVISION_CHIEF, person_of("chief"))],
    )
    call = activation.calls.get()
    with pytest.raises(ValidationError) as caught:
        services.record_arrival(actor=police, call=call, arrived_at=called - dt.timedelta(minutes=1))
    assert "arrived_at" in caught.value.error_dict
    assert ActivationCall.objects.get(pk=call.pk).arrived_at is None
    arrived = called + dt.timedelta(minutes=12)
    assert services.record_arrival(actor=police, call=call, arrived_at=arrived).arrived_at == arrived
    with pytest.raises(ValidationError) as caught:
        services.record_arrival(actor=police, call=call, arrived_at=arrived + dt.timedelta(minutes=5))
    assert caught.value.code == "already_recorded"
    assert ActivationCall.objects.get(pk=call.pk).arrived_at == arrived


def test_a_plan_no_longer_in_force_is_not_activated(plan, persona, person_of) -> None:
    EmergencyPlan.objects.filter(pk=plan.pk).update(in_force=False)
    retired = EmergencyPlan.objects.get(pk=plan.pk)
    before = PlanActivation.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.activate_plan(
            actor=persona("police"), plan=retired, calls=[(CallRole.DIVISION_CHIEF, person_of("chief"))]
        )
    assert caught.value.code == "not_in_force"
    assert PlanActivation.objects.count() == before


def test_an_activation_calls_people_of_the_plans_court_only(plan, persona, person_of) -> None:
    with pytest.raises(ValidationError) as caught:
        services.activate_plan(
            actor=persona("police"), plan=plan, calls=[(CallRole.DIVISION_CHIEF, person_of("judge2"))]
        )
    assert "calls" in caught.value.error_dict
    with pytest.raises(PermissionDenied):
        services.activate_plan(
            actor=persona("chief"), plan=plan, calls=[(CallRole.DIVISION_CHIEF, person_of("chief"))]
        )


# --- Warning talks (A13.3) ---------------------------------------------------------------------------


@pytest.fixture
def shan(db):
    return PersonOfConcern.objects.get(name="单立新")


def test_a_warning_talk_keeps_its_signed_record(persona, court, shan, pdf, report) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    content = b"%PDF-1.4\n% signed record of the talk\n%%EOF\n"
    talk = services.record_warning_talk(
        actor=persona("police"),
        court=court,
        person=shan,
        incident=incident,
        held_at=timezone.now() - dt.timedelta(days=1),
        conducted_by="马军、韩磊",
        content="告知其滋扰法官行为的法律后果。",
        record=pdf("约谈笔录.pdf", content),
    )
    stored = WarningTalk.objects.get(pk=talk.pk)
    assert stored.record_sha256 == hashlib.sha256(content).hexdigest()
    assert stored.record_name == "约谈笔录.pdf"
    assert stored.incident == incident and stored.person == shan
    with stored.record.open("rb") as handle:
        assert handle.read() == content


def test_an_oversized_record_is_refused_and_nothing_saved(persona, court, shan, pdf) -> None:
    before = WarningTalk.objects.count()
    with override_settings(MATTER_ATTACHMENT_MAX_BYTES=10), pytest.raises(ValidationError) as caught:
        services.record_warning_talk(
            actor=persona("police"),
            court=court,
            person=shan,
            held_at=timezone.now() - dt.timedelta(hours=2),
            conducted_by="马军",
            content="告诫。",
            record=pdf("约谈笔录.pdf", b"%PDF-1.4\n" + b"x" * 64),
        )
    assert field_codes(caught.value, "record") == ["too_large"]
    assert WarningTalk.objects.count() == before


def test_only_managers_who_read_the_list_record_talks(persona, court, shan, pdf) -> None:
    for username in ("judge", "chief", "leader"):
        with pytest.raises(PermissionDenied):
            services.record_warning_talk(
                actor=persona(username),
                court=court,
                person=shan,
                held_at=timezone.now() - dt.timedelta(hours=2),
                conducted_by="某某",
                content="告诫。",
                record=pdf(),
            )


# --- Who receives, and the case judge (A13.1, A13.2) ------------------------------------------------


@pytest.mark.parametrize("receivers", [["staff"], ["police"], ["staff", "member"], ["office"]])
def test_without_a_chief_or_leader_there_is_no_reception(
    judges_petition, receive, person_of, receivers
) -> None:
    with pytest.raises(ValidationError) as caught:
        receive(judges_petition, [person_of(name) for name in receivers], [person_of("police")])
    assert field_codes(caught.value, "participants") == ["no_receiver"]
    assert not Reception.objects.filter(incident=judges_petition).exists()


@pytest.mark.parametrize("receiver", ["chief", "leader", "vicechair", "chair"])
def test_a_chief_or_a_court_leader_receives_with_the_police(
    judges_petition, receive, person_of, receiver
) -> None:
    reception = receive(judges_petition, [person_of(receiver), person_of("staff")], [person_of("police")])
    assert set(reception.participants.all()) == {person_of(receiver), person_of("staff")}


def test_a_named_case_judge_never_receives_and_other_protected_persons_may(
    report, receive, person_of
) -> None:
    # The petition is about 孙丽's case; 王立明 (a protected person) is not its judge.
    petition = report(
        IncidentKind.GROUP_PETITION,
        actor="police",
        targets=[person_of("judge")],
        case_judge=person_of("member"),
    )
    assert services.case_judge_of(petition) == (person_of("member"), "named")
    with pytest.raises(ValidationError) as caught:
        receive(petition, [person_of("chief"), person_of("member")], [person_of("police")])
    assert field_codes(caught.value, "participants") == ["case_judge"]
    assert "孙丽" in caught.value.message_dict["participants"][0]
    assert receive(petition, [person_of("chief"), person_of("judge")], [person_of("police")]).pk


def test_without_a_named_judge_the_judge_told_first_is_the_case_judge(
    petition, receive, persona, person_of
) -> None:
    assert services.case_judge_of(petition) == (None, "")
    for username in ("member", "judge"):
        services.notify_step(
            actor=persona("police"),
            incident=petition,
            step=ChainStep.NOTIFY_JUDGE,
            notified=persona(username),
        )
    fresh = Incident.objects.get(pk=petition.pk)
    assert services.case_judge_of(fresh) == (person_of("member"), "chain")
    with pytest.raises(ValidationError) as caught:
        receive(fresh, [person_of("chief"), person_of("member")], [person_of("police")])
    assert field_codes(caught.value, "participants") == ["case_judge"]
    assert receive(fresh, [person_of("chief")], [person_of("police")]).pk


def test_the_protected_person_is_the_case_judge_by_default(judges_petition, person_of) -> None:
    assert services.case_judge_of(judges_petition) == (person_of("judge"), "target")


def test_the_case_judge_belongs_to_the_court(report, person_of) -> None:
    with pytest.raises(ValidationError) as caught:
        report(IncidentKind.GROUP_PETITION, actor="police", case_judge=person_of("judge2"))
    assert "case_judge" in caught.value.error_dict
    assert not Incident.objects.filter(case_judge=person_of("judge2")).exists()


def test_the_case_judge_is_named_on_the_report_page_and_shown(client_as, court, person_of) -> None:
    from django.urls import reverse

    response = client_as("police").post(
        reverse("incidents:report", args=["group_petition"]),
        {
            "court": court.pk,
            "nature": "group_petition",
            "occurred_at": timezone.localtime(timezone.now() - dt.timedelta(hours=2)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "place": "诉讼服务中心门前广场",
            "description": "二十余人聚集要求见承办法官。",
            "people_count": 20,
            "case_judge": person_of("member").pk,
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get(place="诉讼服务中心门前广场")
    assert incident.case_judge == person_of("member")
    page = client_as("police").get(response["Location"])
    assert "孙丽" in page.content.decode()
    assert page.context["case_judge"] == (person_of("member"), "named")
