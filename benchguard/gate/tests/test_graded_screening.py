"""Graded screening at check-in (issue 9): hold, check or pass by the rule in
persons_of_concern.matching.grade; no number of unlisted namesakes hides a listed
person; a check the judicial police do not answer in time becomes a hold, never a pass."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.duty.models import DutyShift
from benchguard.gate import services
from benchguard.gate.choices import CheckDecision, HitOutcome, HoldDecision, VisitStatus
from benchguard.gate.models import CheckDecisionRecord, HoldDecisionRecord, ScreeningHit, Visit
from benchguard.gate.tests.conftest import days_ahead, desk_data, refused_to
from benchguard.notifications.models import Notification
from benchguard.organization import services as org_services
from benchguard.organization.choices import Role
from benchguard.organization.demo import demo_id_number
from benchguard.persons_of_concern import services as poc_services
from benchguard.persons_of_concern.models import PersonOfConcern
from benchguard.persons_of_concern.tests.conftest import police_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(persona):
    """Record a person of concern and put them on the list (police propose, office approves)."""

    def make(name: str, **kwargs) -> PersonOfConcern:
        person = poc_services.create_person(actor=persona("police"), name=name, **kwargs)
        today = timezone.localdate()
        entry = poc_services.propose_entry(
            actor=persona("police"),
            person=person,
            legal_basis="依据安全保卫规定",
            level="key",
            review_date=today + dt.timedelta(days=30),
            expires_on=today + dt.timedelta(days=365),
            citations=[(police_log(persona, person), "当场制止，予以训诫。")],
        )
        poc_services.approve_entry(actor=persona("office"), entry=entry)
        return person

    return make


@pytest.fixture
def checking(visitor, listed):
    """A visitor whose name sounds like a listed person's (善/单) with no document on file."""
    listed("单国栋")
    return visitor(visitor_name="善国栋")


# --- Who is held, checked or let through ----------------------------------------------------------


def test_a_listed_person_is_held_among_thirty_unlisted_namesakes(visitor, listed, persona) -> None:
    for _ in range(30):
        poc_services.create_person(actor=persona("police"), name="张伟")
    zhang = listed("张伟")
    visit = visitor(visitor_name="张伟")
    assert visit.status == VisitStatus.ON_HOLD
    assert list(ScreeningHit.objects.filter(visit=visit).values_list("person_id", "outcome")) == [
        (zhang.pk, HitOutcome.HOLD)
    ]


def test_a_namesake_whose_listed_document_differs_walks_on(visitor, listed) -> None:
    listed("张伟", documents=[("resident_id", demo_id_number("19800101", "633"))])
    visit = visitor(visitor_name="张伟")  # another resident ID
    assert visit.status == VisitStatus.PENDING
    assert visit.hits == 0


def test_a_homophone_of_a_listed_name_waits_for_a_check(checking, persona, settings) -> None:
    visit = Visit.objects.get(pk=checking.pk)
    assert visit.status == VisitStatus.CHECKING
    assert visit.check_due_at == visit.arrived_at + dt.timedelta(minutes=settings.GATE_CHECK_MINUTES)
    hit = ScreeningHit.objects.get(visit=visit)
    assert (hit.person.name, hit.outcome, hit.reasons) == ("单国栋", HitOutcome.CHECK, ["pinyin"])
    alert = Notification.objects.get(recipient=persona("police"), kind="gate.check")
    assert alert.url == reverse("gate:holds")
    assert "善国栋" not in f"{alert.title} {alert.body}" and "单国栋" not in f"{alert.title} {alert.body}"
    assert AuditEntry.objects.filter(action="gate.visit.check", object_id=str(visit.pk)).exists()


def test_the_guard_sees_wait_but_not_whom(checking, client_as) -> None:
    html = client_as("guard").get(reverse("gate:desk")).content.decode()
    assert 'data-testid="check"' in html and "单国栋" not in html
    page = client_as("guard").get(reverse("gate:visit_detail", args=[checking.pk])).content.decode()
    assert 'data-testid="check"' in page and "单国栋" not in page


def test_the_desk_says_wait_after_registering_a_check(client_as, gatehouse, listed) -> None:
    from django.contrib.messages import get_messages

    listed("曾志远")
    response = client_as("guard").post(
        reverse("gate:desk"),
        desk_data(
            gatehouse,
            document_number=demo_id_number("19910301", "644"),
            visitor_name="增志远",
            purpose="找法官",
            slot="C9",
        ),
    )
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["warning"]
    assert Visit.objects.get(visitor_name="增志远").status == VisitStatus.CHECKING


# --- The police clear or hold ---------------------------------------------------------------------


def test_the_police_clear_a_check(checking, persona) -> None:
    police = persona("police")
    visit = services.decide_check(
        actor=police, visit=checking, decision=CheckDecision.CLEAR, reason="核对照片。"
    )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PENDING and visit.cleared_at is not None
    record = CheckDecisionRecord.objects.get(visit=visit)
    assert (record.decision, record.decided_by, record.reason) == (CheckDecision.CLEAR, police, "核对照片。")
    visit = services.confirm(actor=persona("judge"), visit=visit)
    assert visit.status == VisitStatus.ADMITTED


def test_the_police_hold_a_check_and_then_decide_the_hold(checking, persona) -> None:
    police = persona("police")
    visit = services.decide_check(
        actor=police, visit=checking, decision=CheckDecision.HOLD, reason="疑似本人。"
    )
    assert visit.status == VisitStatus.ON_HOLD
    visit = services.decide_hold(
        actor=police, visit=visit, decision=HoldDecision.REFUSE, reason="本人，拒绝。"
    )
    assert visit.status == VisitStatus.CLOSED
    assert HoldDecisionRecord.objects.get(visit=visit).decision == HoldDecision.REFUSE


@pytest.mark.parametrize("username", ["guard", "judge", "leader"])
def test_only_the_judicial_police_answer_a_check(checking, persona, username) -> None:
    refused_to(persona(username), services.decide_check, checking, CheckDecision.CLEAR)
    assert checking.status == VisitStatus.CHECKING


def test_a_check_needs_a_decision_and_a_reason(checking, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        services.decide_check(actor=persona("police"), visit=checking, decision="", reason="理由")
    assert "decision" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        services.decide_check(
            actor=persona("police"), visit=checking, decision=CheckDecision.CLEAR, reason=" "
        )
    assert "reason" in caught.value.error_dict
    with pytest.raises(ValidationError):  # the clock's answer is not the police's to give
        services.decide_check(
            actor=persona("police"), visit=checking, decision=CheckDecision.TIMED_OUT, reason="理由"
        )
    assert not CheckDecisionRecord.objects.filter(visit=checking).exists()


def test_neither_the_guard_nor_the_host_end_a_check(checking, persona) -> None:
    for who in ("guard", "judge"):
        with pytest.raises(ValidationError) as caught:
            services.close_visit(actor=persona(who), visit=checking, reason="走了")
        assert caught.value.code == "on_hold"
    # The host may still say they expect the visitor; the check stays.
    visit = services.confirm(actor=persona("judge"), visit=checking)
    assert visit.status == VisitStatus.CHECKING


def test_the_police_answer_a_check_on_the_holds_page(checking, client_as) -> None:
    police = client_as("police")
    page = police.get(reverse("gate:holds")).content.decode()
    assert f'data-hold="{checking.pk}"' in page and "单国栋" in page and 'data-testid="check-due"' in page
    assert AuditEntry.objects.filter(action="gate.visit.view", object_id=str(checking.pk)).exists()
    missing = police.post(reverse("gate:decide", args=[checking.pk]), {"decision": "", "reason": "理由"})
    assert missing.status_code == 400
    done = police.post(
        reverse("gate:decide", args=[checking.pk]), {"decision": CheckDecision.CLEAR, "reason": "非同一人。"}
    )
    assert done.status_code == 302
    checking.refresh_from_db()
    assert checking.status == VisitStatus.PENDING


# --- Time runs out --------------------------------------------------------------------------------


def test_a_check_not_answered_in_time_becomes_a_hold(visitor, listed, persona, settings) -> None:
    settings.GATE_CHECK_MINUTES = 5
    listed("解明华")
    start = days_ahead(3, 9, 0)
    with time_machine.travel(start, tick=False):
        visit = visitor(visitor_name="谢明华")
    assert visit.status == VisitStatus.CHECKING
    with time_machine.travel(start + dt.timedelta(minutes=4, seconds=59), tick=False):
        assert services.escalate_overdue_checks() == 0
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CHECKING
    with time_machine.travel(start + dt.timedelta(minutes=5), tick=False):
        assert services.escalate_overdue_checks() == 1
        assert services.escalate_overdue_checks() == 0  # once
    visit.refresh_from_db()
    assert visit.status == VisitStatus.ON_HOLD  # never let through
    record = CheckDecisionRecord.objects.get(visit=visit)
    assert (record.decision, record.decided_by) == (CheckDecision.TIMED_OUT, None)
    for who in ("police", "leader"):
        note = Notification.objects.get(
            recipient=persona(who), kind="gate.hold", dedupe_key=f"gate.hold:{visit.pk}"
        )
        assert "谢明华" not in f"{note.title} {note.body}"
    assert AuditEntry.objects.filter(action="gate.visit.check_timeout", object_id=str(visit.pk)).exists()
    # From here it is a hold like any other: the police decide.
    services.decide_hold(
        actor=persona("police"), visit=visit, decision=HoldDecision.NOT_SAME_PERSON, reason="非同一人。"
    )
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PENDING


def test_a_check_answered_in_time_is_not_escalated(checking, persona) -> None:
    services.decide_check(
        actor=persona("police"), visit=checking, decision=CheckDecision.CLEAR, reason="核对。"
    )
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1), tick=False):
        assert services.escalate_overdue_checks() == 0
    checking.refresh_from_db()
    assert checking.status == VisitStatus.PENDING


def test_the_escalation_is_a_job_the_worker_runs_every_minute() -> None:
    from benchguard.core import jobs
    from benchguard.gate import tasks

    job = {job.name: job for job in jobs.registered_jobs()}["gate.escalate_overdue_checks"]
    assert job.task is tasks.escalate_overdue_checks
    assert job.schedule == jobs.every_minutes(1)


# --- Queries (issue 11) ---------------------------------------------------------------------------


def test_a_check_alerts_any_number_of_officers_in_the_same_queries(visitor, listed, gatehouse) -> None:
    """Bulk notifications: one insert for all the judicial police alerted, however many.
    Nobody is on the duty roster here, so every officer is told at once (benchguard.duty)."""
    DutyShift.objects.update(is_active=False)
    listed("单国栋")
    with CaptureQueriesContext(connection) as few:
        first = visitor(visitor_name="善国栋")
    for i in range(6):
        officer = org_services.create_account(
            actor=None, username=f"police-{i}", display_name="法警", password=None
        )
        org_services.assign_role(
            actor=None, account=officer, role=Role.JUDICIAL_POLICE, court=gatehouse.court
        )
    with CaptureQueriesContext(connection) as many:
        second = visitor(visitor_name="善国栋")
    assert first.status == second.status == VisitStatus.CHECKING
    told = Notification.objects.filter(kind="gate.check")
    assert (
        told.filter(dedupe_key=f"gate.check:{second.pk}").count()
        == told.filter(dedupe_key=f"gate.check:{first.pk}").count() + 6
    )
    assert len(many) == len(few)
