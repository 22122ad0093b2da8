"""After-hours protection (A12.3): a judge at evident risk, their division chief or the
committee office asks the judicial police detachment for protection; the police decide,
assign officers of the judicial police and log what was done; the request is linked to
the incident that caused it. Who may ask, who decides, who sees it, and the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from benchguard.after_hours import services
from benchguard.after_hours.choices import ProtectionStatus
from benchguard.after_hours.models import ProtectionLogEntry, ProtectionRequest
from benchguard.core.models import AuditEntry
from benchguard.core.services import StaleEditError
from benchguard.incidents.choices import IncidentKind
from benchguard.incidents.tests.helpers import field_codes
from benchguard.notifications.models import Notification
from benchguard.organization import services as org_services
from benchguard.organization.models import Department, Person

pytestmark = pytest.mark.django_db


def detail(protection: ProtectionRequest) -> str:
    return reverse("after_hours:protection_detail", args=[protection.pk])


def _window(hours_from_now: float = 2, length: float = 10) -> dict[str, dt.datetime]:
    starts = timezone.now() + dt.timedelta(hours=hours_from_now)
    return {"starts_at": starts, "ends_at": starts + dt.timedelta(hours=length)}


@pytest.fixture
def ask(persona, person_of):
    """ask(actor="judge", judge="judge", **overrides): a protection request through the
    service (judge: a persona's username or a Person)."""

    def make(actor: str = "judge", judge: str | Person = "judge", **overrides: Any) -> ProtectionRequest:
        fields: dict[str, Any] = {
            "risk": "当事人扬言下班后在小区门口等候，近期多次出现。",
            "place": "法官住所小区",
            **_window(),
        }
        fields.update(overrides)
        person = person_of(judge) if isinstance(judge, str) else judge
        return services.request_protection(actor=persona(actor), judge=person, **fields)

    return make


@pytest.fixture
def approve(persona):
    """approve(request, *officers): the judicial police approve the request, as loaded,
    with these officers."""

    def decide(request: ProtectionRequest, *officers: Person) -> ProtectionRequest:
        return services.decide_protection(
            actor=persona("police"),
            request=request,
            expected_version=request.version,
            approve=True,
            officers=list(officers),
        )

    return decide


@pytest.fixture
def approved(ask, approve, person_of, colleague):
    """A request the judge made for himself, approved with officers 马军 and 韩磊."""
    return approve(ask(), person_of("police"), colleague)


# --- The path ------------------------------------------------------------------------------------


def test_request_approve_log_complete(ask, report, persona, person_of, colleague) -> None:
    police = persona("police")
    threat = report(IncidentKind.THREAT, actor="judge")
    request = ask(incident=threat)
    assert (request.status, request.court_id, request.incident_id) == (
        ProtectionStatus.REQUESTED,
        threat.court_id,
        threat.pk,
    )
    assert request.requested_by == persona("judge") and request.version == 1

    request = services.decide_protection(
        actor=police,
        request=request,
        expected_version=1,
        approve=True,
        officers=[person_of("police"), colleague],
        note="两名司法警察夜间值守。",
    )
    assert request.status == ProtectionStatus.APPROVED
    assert request.decided_by == police and request.decided_at is not None
    assert set(request.officers.all()) == {person_of("police"), colleague}

    entry = services.log_protection(actor=police, request=request, what_was_done="20:00 到达小区门口值守。")
    earlier = services.log_protection(
        actor=police,
        request=request,
        what_was_done="与物业确认监控。",
        at=timezone.now() - dt.timedelta(hours=1),
    )
    assert entry.by == police
    assert list(request.log.all()) == [earlier, entry]  # in the order things were done

    done = services.complete_protection(
        actor=police, request=request, expected_version=request.version, note="护送至次日早晨，无异常。"
    )
    assert done.status == ProtectionStatus.COMPLETED and done.completed_at is not None
    assert done.completion_note == "护送至次日早晨，无异常。"
    with pytest.raises(ValidationError) as caught:  # nothing is logged on a finished protection
        services.log_protection(actor=police, request=done, what_was_done="补记")
    assert caught.value.code == "not_approved"
    actions = set(
        AuditEntry.objects.filter(
            object_type="after_hours.protectionrequest", object_id=str(request.pk)
        ).values_list("action", flat=True)
    )
    assert actions == {
        "incidents.protection.request",
        "incidents.protection.approve",
        "incidents.protection.officers",
        "incidents.protection.log",
        "incidents.protection.complete",
    }


def test_declining_needs_a_note(ask, persona, person_of) -> None:
    police = persona("police")
    request = ask()
    with pytest.raises(ValidationError) as caught:
        services.decide_protection(actor=police, request=request, expected_version=1, approve=False, note=" ")
    assert field_codes(caught.value, "note") == ["required"]
    declined = services.decide_protection(
        actor=police,
        request=request,
        expected_version=1,
        approve=False,
        note="该时段已安排巡逻，由派出所负责。",
    )
    assert declined.status == ProtectionStatus.DECLINED and declined.officers.count() == 0
    with pytest.raises(ValidationError) as caught:  # decided once: only from "requested"
        services.decide_protection(
            actor=police,
            request=declined,
            expected_version=declined.version,
            approve=True,
            officers=[person_of("police")],
        )
    assert caught.value.code == "invalid_transition"
    with pytest.raises(ValidationError) as caught:
        services.complete_protection(actor=police, request=declined, expected_version=declined.version)
    assert caught.value.code == "invalid_transition"


def test_approving_needs_judicial_police_officers_of_the_court(ask, persona, person_of) -> None:
    police = persona("police")
    request = ask()
    for officers, code in (
        ([], "no_officer"),
        ([person_of("police"), person_of("chief")], "not_police"),  # a judge is not police
        ([person_of("judge2")], "other_court"),
    ):
        with pytest.raises(ValidationError) as caught:
            services.decide_protection(
                actor=police, request=request, expected_version=1, approve=True, officers=officers
            )
        assert field_codes(caught.value, "officers") == [code]
    request.refresh_from_db()
    assert request.status == ProtectionStatus.REQUESTED and request.version == 1


@pytest.mark.parametrize("username", ["judge", "office", "chair", "chief"])
def test_only_the_judicial_police_of_the_court_decide(ask, persona, person_of, username) -> None:
    request = ask()
    with pytest.raises(PermissionDenied):
        services.decide_protection(
            actor=persona(username),
            request=request,
            expected_version=1,
            approve=True,
            officers=[person_of("police")],
        )
    with pytest.raises(PermissionDenied):
        services.log_protection(actor=persona(username), request=request, what_was_done="值守")


def test_only_the_police_log_and_complete(approved, persona) -> None:
    with pytest.raises(PermissionDenied):
        services.log_protection(actor=persona("judge"), request=approved, what_was_done="自行回家")
    with pytest.raises(PermissionDenied):
        services.complete_protection(actor=persona("office"), request=approved, expected_version=2)
    with pytest.raises(ValidationError) as caught:
        services.log_protection(
            actor=persona("police"),
            request=approved,
            what_was_done="值守",
            at=timezone.now() + dt.timedelta(hours=3),
        )
    assert field_codes(caught.value, "at") == ["future"]
    with pytest.raises(ValidationError) as caught:
        services.log_protection(actor=persona("police"), request=approved, what_was_done="  ")
    assert field_codes(caught.value, "what_was_done") == ["required"]
    assert approved.log.count() == 0


# --- Who may ask ----------------------------------------------------------------------------------


def test_who_may_request_protection(ask, persona, person_of) -> None:
    assert person_of("chief").department == person_of("judge").department  # 民事审判第一庭
    assert ask("judge", "judge").requested_by == persona("judge")  # for himself
    assert ask("chief", "judge").requested_by == persona("chief")  # a judge of his division
    assert ask("office", "member").judge == person_of("member")  # anyone of the court
    for actor, judge in (
        ("judge", "member"),  # another judge
        ("chief", "member"),  # a judge of another division
        ("staff", "judge"),  # a colleague of the same division
        ("police", "judge"),  # the police decide, they do not ask
        ("judge2", "judge"),  # another court
        ("office", "judge2"),  # the office of another court
    ):
        with pytest.raises(PermissionDenied):
            ask(actor, judge)


def test_the_time_and_place_are_checked(ask) -> None:
    now = timezone.now()
    before = ProtectionRequest.objects.count()
    for window, code in (
        (
            {"starts_at": now + dt.timedelta(hours=5), "ends_at": now + dt.timedelta(hours=3)},
            "ends_before_starts",
        ),
        (
            {"starts_at": now + dt.timedelta(hours=5), "ends_at": now + dt.timedelta(hours=5)},
            "ends_before_starts",
        ),
        ({"starts_at": now - dt.timedelta(hours=12), "ends_at": now - dt.timedelta(hours=1)}, "in_the_past"),
    ):
        with pytest.raises(ValidationError) as caught:
            ask(**window)
        assert field_codes(caught.value, "ends_at") == [code]
    with pytest.raises(ValidationError) as caught:
        ask(risk=" ", place="")
    assert field_codes(caught.value, "risk") == ["required"]
    assert field_codes(caught.value, "place") == ["required"]
    # Protection that already began and runs on is fine.
    running = ask(starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=8))
    assert running.status == ProtectionStatus.REQUESTED
    assert ProtectionRequest.objects.count() == before + 1


def test_the_incident_must_be_of_the_judges_court(ask, report, base_court, person_of) -> None:
    elsewhere = report(IncidentKind.THREAT, actor="judge2", court=base_court, targets=[person_of("judge2")])
    with pytest.raises(ValidationError) as caught:
        ask("office", "judge", incident=elsewhere)
    assert field_codes(caught.value, "incident") == ["other_court"]
    unseen = report(IncidentKind.THREAT, actor="staff", targets=[person_of("member")])
    with pytest.raises(ValidationError) as caught:  # the judge cannot link what he cannot see
        ask("judge", "judge", incident=unseen)
    assert field_codes(caught.value, "incident") == ["not_visible"]
    assert not ProtectionRequest.objects.filter(incident__in=[elsewhere, unseen]).exists()


# --- Who sees it ---------------------------------------------------------------------------------


@pytest.fixture
def officer_without_role(court):
    """刘警官: a judicial police officer with an account but no role in the system."""
    account = org_services.create_account(
        actor=None, username="officer3", display_name="刘警官", password=None
    )
    return org_services.create_person(
        actor=None,
        court=court,
        department=Department.objects.get(court=court, name="司法警察支队"),
        name="刘警官",
        category="other_staff",
        position="司法警察",
        account=account,
    )


def test_who_sees_a_request(ask, approve, persona, person_of, client_as, officer_without_role) -> None:
    request = ask("chief", "judge")  # the chief asks for his judge
    for username in ("chief", "judge", "police", "office", "leader", "chair"):
        assert client_as(username).get(detail(request)).status_code == 200, username
    for username in ("member", "staff", "guard", "judge2", "cityadmin", "officer3"):
        assert client_as(username).get(detail(request)).status_code == 404, username
    approve(request, officer_without_role)
    assert client_as("officer3").get(detail(request)).status_code == 200  # assigned: now sees it
    assert client_as("member").get(detail(request)).status_code == 404
    seen = ProtectionRequest.objects.visible_to(persona("officer3"))
    assert list(seen.values_list("pk", flat=True)) == [request.pk]


def test_the_list_shows_what_the_user_sees(ask, client_as) -> None:
    mine = ask("judge", "judge")
    other = ask("office", "member")
    url = reverse("after_hours:protection_list")
    seen_by_judge = list(client_as("judge").get(url).context["page"])
    assert mine in seen_by_judge and other not in seen_by_judge
    assert {p.pk for p in client_as("office").get(url).context["page"]} >= {mine.pk, other.pk}
    assert list(client_as("staff").get(url).context["page"]) == []
    assert client_as("outsider").get(url).status_code == 403
    filtered = list(client_as("office").get(url, {"status": ProtectionStatus.REQUESTED}).context["page"])
    assert mine in filtered and other in filtered  # both still requested
    assert all(p.status == ProtectionStatus.REQUESTED for p in filtered)
    approved = list(client_as("office").get(url, {"status": ProtectionStatus.APPROVED}).context["page"])
    assert mine not in approved and other not in approved


# --- Notifications -------------------------------------------------------------------------------


def test_the_police_the_requester_and_the_officers_are_told(
    ask, approve, persona, person_of, colleague
) -> None:
    request = ask("chief", "judge")
    asked = Notification.objects.filter(kind="incidents.protection.requested", url=detail(request))
    assert set(asked.values_list("recipient__username", flat=True)) == {"police"}
    approve(request, person_of("police"), colleague)  # 韩磊 has no account
    decided = Notification.objects.filter(kind="incidents.protection.decided", url=detail(request))
    assert set(decided.values_list("recipient__username", flat=True)) == {"chief", "judge"}
    assigned = Notification.objects.filter(kind="incidents.protection.assigned", url=detail(request))
    assert set(assigned.values_list("recipient__username", flat=True)) == {"police"}


# --- Stale edits ---------------------------------------------------------------------------------


def test_a_stale_decision_is_refused(ask, approve, persona, person_of, court) -> None:
    second = org_services.create_account(
        actor=None, username="police2", display_name="第二警官", password=None
    )
    org_services.assign_role(actor=None, account=second, role="judicial_police", court=court)
    request = ask()
    approve(request, person_of("police"))
    with pytest.raises(StaleEditError):  # loaded at version 1, decided meanwhile
        services.decide_protection(
            actor=second, request=request, expected_version=1, approve=False, note="人手不足"
        )
    request.refresh_from_db()
    assert request.status == ProtectionStatus.APPROVED and request.decision_note == ""
    with pytest.raises(StaleEditError):
        services.complete_protection(actor=second, request=request, expected_version=1)


# --- The pages -----------------------------------------------------------------------------------


def test_the_request_form_offers_whom_the_user_may_ask_for(client_as, person_of) -> None:
    url = reverse("after_hours:protection_request")
    offered = client_as("chief").get(url).context["form"].fields["judge"].queryset
    assert person_of("judge") in offered and person_of("chief") in offered
    assert person_of("member") not in offered
    judge_form = client_as("judge").get(url).context["form"]
    assert list(judge_form.fields["judge"].queryset) == [person_of("judge")]
    assert judge_form.fields["judge"].initial == person_of("judge").pk
    assert client_as("outsider").get(url).status_code == 403


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_requesting_through_the_page(client_as, person_of, report) -> None:
    threat = report(IncidentKind.THREAT, actor="judge")
    window = _window()
    data = {
        "judge": person_of("judge").pk,
        "risk": "下班途中被尾随。",
        "place": "法官住所小区",
        "starts_at": _local(window["ends_at"]),
        "ends_at": _local(window["starts_at"]),  # the wrong way round
        "incident": threat.pk,
    }
    client = client_as("judge")
    refused = client.post(reverse("after_hours:protection_request"), data)
    assert refused.status_code == 200
    form = refused.context["form"]
    assert [e.code for e in form.errors.as_data()["ends_at"]] == ["ends_before_starts"]
    assert form["risk"].value() == "下班途中被尾随。"  # the input is kept
    assert b'data-field-error="ends_at"' in refused.content
    assert not ProtectionRequest.objects.filter(judge=person_of("judge"), risk="下班途中被尾随。").exists()
    data.update(starts_at=_local(window["starts_at"]), ends_at=_local(window["ends_at"]))
    sent = client.post(reverse("after_hours:protection_request"), data)
    saved = ProtectionRequest.objects.get(judge=person_of("judge"), risk="下班途中被尾随。")
    assert sent.status_code == 302 and sent["Location"] == detail(saved)
    assert saved.incident == threat and saved.requested_by.username == "judge"
    page = client.get(detail(saved))
    assert page.context["incident_visible"] and not page.context["can_decide"]


def test_deciding_logging_and_completing_through_the_page(ask, client_as, person_of, colleague) -> None:
    request = ask()
    decide = reverse("after_hours:protection_decide", args=[request.pk])
    assert client_as("judge").post(decide, {"version": 1, "approve": "1"}).status_code == 403
    assert client_as("member").post(decide, {"version": 1, "approve": "1"}).status_code == 404
    police = client_as("police")
    assert police.get(detail(request)).context["can_decide"]
    refused = police.post(decide, {"version": 1, "approve": "0", "note": ""})
    assert refused.status_code == 400
    assert [e.code for e in refused.context["decision_form"].errors.as_data()["note"]] == ["required"]
    refused = police.post(decide, {"version": 1, "approve": "1", "officers": [person_of("judge").pk]})
    assert refused.status_code == 400  # a judge is not among the police offered
    assert "officers" in refused.context["decision_form"].errors
    approved = police.post(
        decide, {"version": 1, "approve": "1", "officers": [person_of("police").pk, colleague.pk]}
    )
    assert approved.status_code == 302
    request.refresh_from_db()
    assert request.status == ProtectionStatus.APPROVED

    log = reverse("after_hours:protection_log", args=[request.pk])
    assert police.post(log, {"what_was_done": ""}).status_code == 400
    assert police.post(log, {"what_was_done": "21:30 护送法官到家。"}).status_code == 302
    assert list(
        ProtectionLogEntry.objects.filter(request=request).values_list("what_was_done", flat=True)
    ) == ["21:30 护送法官到家。"]
    complete = reverse("after_hours:protection_complete", args=[request.pk])
    stale = police.post(complete, {"version": 1, "note": ""})
    assert stale.status_code == 400
    assert [e.code for e in stale.context["complete_form"].non_field_errors().as_data()] == ["stale"]
    assert police.post(complete, {"version": request.version, "note": "结束"}).status_code == 302
    request.refresh_from_db()
    assert request.status == ProtectionStatus.COMPLETED
    assert police.get(complete).status_code == 405


def test_the_home_page_shows_what_waits(ask, approve, client_as, persona, person_of) -> None:
    request = ask()
    panel = client_as("police").get("/").context["panels"]
    waiting = next(p for p in panel if p["key"] == "after_hours_waiting")
    assert request in waiting["protection_decide"]
    approve(request, person_of("police"))
    panel = client_as("police").get("/").context["panels"]
    waiting = next(p for p in panel if p["key"] == "after_hours_waiting")
    assert request not in waiting["protection_decide"] and request in waiting["protection_duty"]
    judge_panels = client_as("judge").get("/").context["panels"]
    judge_waiting = next(p for p in judge_panels if p["key"] == "after_hours_waiting")
    assert judge_waiting["protection_decide"] == [] and judge_waiting["protection_duty"] == []


# --- Privacy --------------------------------------------------------------------------------------


def test_the_protected_place_stays_out_of_the_audit_and_the_notifications(
    persona, person_of, client_as
) -> None:
    now = timezone.now()
    home = "青岛市市南区某小区3号楼"
    request = services.request_protection(
        actor=persona("judge"),
        judge=person_of("judge"),
        risk="当事人扬言上门报复",
        place=home,
        starts_at=now + dt.timedelta(hours=2),
        ends_at=now + dt.timedelta(hours=14),
    )
    line = AuditEntry.objects.get(action="incidents.protection.request", object_id=str(request.pk))
    assert home not in str(line.data) and "扬言" not in str(line.data)
    assert not Notification.objects.filter(body__contains=home).exists()
    views_before = AuditEntry.objects.filter(action="incidents.protection.view").count()
    page = client_as("police").get(reverse("after_hours:protection_detail", args=[request.pk]))
    assert page.status_code == 200 and home in page.content.decode()
    assert AuditEntry.objects.filter(action="incidents.protection.view").count() == views_before + 1
