"""Screening at check-in (A15 through the gate): a visitor matching a person with an
ACTIVE controlled-list entry is held until the judicial police decide, with a reason;
an expired or removed entry holds no one. The guard sees only "do not admit, call the
judicial police", never whom the visitor matched."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from benchguard.core.documents import DocumentType
from benchguard.gate import services
from benchguard.gate.choices import HoldDecision, ReturnedHow, VisitStatus
from benchguard.gate.models import HoldDecisionRecord, IdDeposit, ScreeningHit, Visit
from benchguard.gate.tests.conftest import refused_to
from benchguard.notifications.models import Notification
from benchguard.organization.demo import demo_id_number
from benchguard.persons_of_concern.models import PersonOfConcern

pytestmark = pytest.mark.django_db

SHAN_ID = demo_id_number("19750308", "031")  # 单立新: an active entry
ZENG_ID = demo_id_number("19680512", "015")  # 曾国强: the entry expired
XIE_PASSPORT = "E12345678"  # 解玉兰: the entry was removed


def field_codes(exc: ValidationError, field: str) -> list[str | None]:
    return [error.code for error in exc.error_dict.get(field, [])]


def poc(name: str) -> PersonOfConcern:
    return PersonOfConcern.objects.get(name=name)


@pytest.fixture
def held(visitor):
    """A visitor who typed another name but left 单立新's resident ID."""
    return visitor(visitor_name="张某某", document_number=SHAN_ID, purpose="找法官反映情况")


@pytest.fixture
def decided(persona):
    """decided(visit, decision, reason): the judicial police decide the hold on `visit`;
    the visit as then stored."""

    def decide(visit: Visit, decision: str, reason: str) -> Visit:
        visit = services.decide_hold(actor=persona("police"), visit=visit, decision=decision, reason=reason)
        visit.refresh_from_db()
        return visit

    return decide


# --- Who is held ----------------------------------------------------------------------------------


def test_an_exact_document_match_puts_the_visit_on_hold(held, persona) -> None:
    visit = Visit.objects.get(pk=held.pk)
    assert visit.status == VisitStatus.ON_HOLD
    assert visit.hits >= 1
    hits = list(ScreeningHit.objects.filter(visit=visit))
    assert len(hits) == visit.hits
    assert poc("单立新").pk in {hit.person_id for hit in hits}
    shan = next(hit for hit in hits if hit.person_id == poc("单立新").pk)
    assert shan.score == 100
    assert "document" in shan.reasons
    assert IdDeposit.objects.get(visit=visit).returned_at is None  # the document stays held

    police_note = Notification.objects.get(
        recipient=persona("police"), kind="gate.hold", dedupe_key=f"gate.hold:{visit.pk}"
    )
    assert police_note.url == reverse("gate:holds")
    assert "单立新" not in f"{police_note.title} {police_note.body}"
    assert Notification.objects.filter(
        recipient=persona("judge"), kind="gate.confirm", dedupe_key=f"gate.confirm:{visit.pk}"
    ).exists()
    assert not Notification.objects.filter(recipient=persona("guard"), kind="gate.hold").exists()


def test_an_exact_name_with_no_document_of_that_type_on_file_puts_the_visit_on_hold(
    visitor,
) -> None:
    # 单立新's resident ID is on file, no passport: a passport tells nothing apart.
    visit = visitor(visitor_name="单立新", document_kind="passport", document_number="E70000002")
    assert visit.status == VisitStatus.ON_HOLD
    assert visit.hits >= 1
    assert ScreeningHit.objects.filter(visit=visit, person=poc("单立新")).exists()


def test_an_exact_name_with_another_resident_id_than_the_one_on_file_passes(visitor) -> None:
    visit = visitor(visitor_name="单立新")  # a fresh resident ID, not 单立新's
    assert visit.status == VisitStatus.PENDING
    assert visit.hits == 0


def test_the_second_demo_controlled_person_is_held_too(visitor) -> None:
    visit = visitor(visitor_name="钱某", document_number=demo_id_number("19700101", "057"))
    assert visit.status == VisitStatus.ON_HOLD
    assert ScreeningHit.objects.filter(visit=visit, person=poc("钱永刚")).exists()


@pytest.mark.parametrize(
    ("name", "kind", "number"),
    [
        ("曾国强", DocumentType.RESIDENT_ID, ZENG_ID),  # the entry expired
        ("解玉兰", DocumentType.PASSPORT, XIE_PASSPORT),  # the entry was removed
    ],
)
def test_a_person_whose_entry_expired_or_was_removed_is_not_held(
    visitor, persona, name, kind, number
) -> None:
    visit = visitor(visitor_name=name, document_kind=kind, document_number=number)
    assert visit.status == VisitStatus.PENDING
    assert visit.hits == 0
    assert not ScreeningHit.objects.filter(visit=visit).exists()
    assert not Notification.objects.filter(dedupe_key=f"gate.hold:{visit.pk}").exists()


def test_an_unrelated_visitor_is_not_held(visitor) -> None:
    visit = visitor()
    assert visit.status == VisitStatus.PENDING
    assert visit.hits == 0


# --- The judicial police decide -------------------------------------------------------------------


def test_admit_with_an_escort_waits_for_the_host(held, persona, decided) -> None:
    visit = decided(held, HoldDecision.ADMIT_WITH_ESCORT, "身份核实，派员全程陪同。")
    assert visit.status == VisitStatus.PENDING
    assert visit.escort_required is True
    assert visit.cleared_at is not None
    record = HoldDecisionRecord.objects.get(visit=visit)
    assert (record.decision, record.decided_by, record.reason) == (
        HoldDecision.ADMIT_WITH_ESCORT,
        persona("police"),
        "身份核实，派员全程陪同。",
    )
    # The host then confirms: admitted, with the escort.
    visit = services.confirm(actor=persona("judge"), visit=visit)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.ADMITTED
    assert visit.escort_required is True
    assert Notification.objects.filter(
        recipient=persona("judge"), kind="gate.decided", dedupe_key=f"gate.decided:{visit.pk}"
    ).exists()


def test_admit_with_an_escort_admits_when_the_host_had_confirmed(held, persona, decided) -> None:
    visit = services.confirm(actor=persona("judge"), visit=held)
    assert visit.status == VisitStatus.ON_HOLD  # the host's word does not lift a hold
    visit = decided(visit, HoldDecision.ADMIT_WITH_ESCORT, "陪同进入。")
    assert visit.status == VisitStatus.ADMITTED
    assert visit.escort_required is True


def test_not_the_same_person_clears_the_hold(held, persona, decided) -> None:
    visit = decided(held, HoldDecision.NOT_SAME_PERSON, "核对照片，非同一人。")
    assert visit.status == VisitStatus.PENDING
    assert visit.cleared_at is not None
    assert visit.escort_required is False
    record = HoldDecisionRecord.objects.get(visit=visit)
    assert (record.decision, record.decided_by) == (HoldDecision.NOT_SAME_PERSON, persona("police"))


def test_refusal_closes_the_visit_and_hands_the_document_back(held, persona, decided) -> None:
    police = persona("police")
    visit = decided(held, HoldDecision.REFUSE, "管控名单在列，拒绝入内。")
    assert visit.status == VisitStatus.CLOSED
    assert visit.closed_reason == "管控名单在列，拒绝入内。"
    deposit = IdDeposit.objects.get(visit=visit)
    assert deposit.returned_at is not None
    assert deposit.returned_how == ReturnedHow.CLOSED
    assert deposit.returned_by == police
    record = HoldDecisionRecord.objects.get(visit=visit)
    assert (record.decision, record.decided_by, record.reason) == (
        HoldDecision.REFUSE,
        police,
        "管控名单在列，拒绝入内。",
    )


def test_a_decision_needs_a_reason(held, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        services.decide_hold(actor=persona("police"), visit=held, decision=HoldDecision.REFUSE, reason=" ")
    assert field_codes(caught.value, "reason") == ["required"]
    held.refresh_from_db()
    assert held.status == VisitStatus.ON_HOLD
    assert not HoldDecisionRecord.objects.filter(visit=held).exists()


def test_an_unknown_decision_is_refused(held, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        services.decide_hold(actor=persona("police"), visit=held, decision="ignore", reason="理由")
    assert "decision" in caught.value.error_dict
    assert not HoldDecisionRecord.objects.filter(visit=held).exists()


def test_a_visit_not_on_hold_is_not_decided(visitor, held, persona) -> None:
    police = persona("police")
    with pytest.raises(ValidationError) as caught:
        services.decide_hold(
            actor=police, visit=visitor(), decision=HoldDecision.NOT_SAME_PERSON, reason="理由"
        )
    assert caught.value.code == "invalid_transition"
    services.decide_hold(actor=police, visit=held, decision=HoldDecision.NOT_SAME_PERSON, reason="非同一人。")
    with pytest.raises(ValidationError) as caught:  # decided once; the record is kept as it was
        services.decide_hold(actor=police, visit=held, decision=HoldDecision.REFUSE, reason="改变主意。")
    assert caught.value.code == "invalid_transition"
    assert HoldDecisionRecord.objects.get(visit=held).decision == HoldDecision.NOT_SAME_PERSON


@pytest.mark.parametrize("username", ["guard", "judge", "chair"])
def test_only_the_judicial_police_decide(held, persona, username) -> None:
    refused_to(persona(username), services.decide_hold, held, HoldDecision.NOT_SAME_PERSON)
    assert held.status == VisitStatus.ON_HOLD
    assert not HoldDecisionRecord.objects.filter(visit=held).exists()


def test_a_held_visit_is_not_checked_out(held, persona) -> None:
    with pytest.raises(ValidationError) as caught:
        services.check_out(actor=persona("guard"), visit=held)
    assert caught.value.code == "invalid_transition"


# --- What the guard and the police see ------------------------------------------------------------


def test_the_guard_sees_the_instruction_but_not_whom_the_visitor_matched(held, client_as) -> None:
    shan = poc("单立新")
    link = reverse("persons_of_concern:person_detail", args=[shan.pk])
    guard = client_as("guard")

    desk = guard.get(reverse("gate:desk"))
    assert desk.status_code == 200
    html = desk.content.decode()
    assert f'data-visit="{held.pk}"' in html
    assert 'data-testid="hold"' in html
    assert "张某某" in html  # the visitor's own typed name
    assert "单立新" not in html
    assert link not in html
    assert SHAN_ID not in html

    page = guard.get(reverse("gate:visit_detail", args=[held.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="hold"' in html
    assert 'data-testid="hits"' not in html
    assert link not in html
    assert "单立新" not in html
    assert SHAN_ID not in html


def test_the_guard_cannot_open_the_holds(held, client_as) -> None:
    assert client_as("guard").get(reverse("gate:holds")).status_code == 403


def test_the_police_see_the_hit_with_its_link(held, client_as) -> None:
    shan = poc("单立新")
    link = reverse("persons_of_concern:person_detail", args=[shan.pk])
    page = client_as("police").get(reverse("gate:holds"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-hold="{held.pk}"' in html
    assert link in html
    assert "单立新" in html
    assert SHAN_ID not in html  # only masked

    detail = client_as("police").get(reverse("gate:visit_detail", args=[held.pk]))
    assert 'data-testid="hits"' in detail.content.decode()
    assert link in detail.content.decode()


def test_the_police_decide_on_the_holds_page(held, client_as) -> None:
    police = client_as("police")
    missing = police.post(
        reverse("gate:decide", args=[held.pk]), {"decision": HoldDecision.REFUSE, "reason": ""}
    )
    assert missing.status_code == 400
    held.refresh_from_db()
    assert held.status == VisitStatus.ON_HOLD

    done = police.post(
        reverse("gate:decide", args=[held.pk]), {"decision": HoldDecision.REFUSE, "reason": "拒绝入内。"}
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("gate:holds")
    held.refresh_from_db()
    assert held.status == VisitStatus.CLOSED
