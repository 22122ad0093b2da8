"""A visitor's path through the gatehouse (A12.2): registered with the document held,
confirmed by the host (in BenchGuard or on the phone), checked out with the document
handed back in the same step; or refused, closed with a reason. A document is never
held twice, a slot holds one document, and nothing is half-saved when refused."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from benchguard.gate import services
from benchguard.gate.choices import ConfirmedVia, ReturnedHow, VisitStatus
from benchguard.gate.models import IdDeposit, Post, Visit
from benchguard.gate.tests.conftest import at, new_id_number, new_slot, with_wrong_check
from benchguard.notifications.models import Notification

pytestmark = pytest.mark.django_db


def field_codes(exc: ValidationError, field: str) -> list[str | None]:
    return [error.code for error in exc.error_dict.get(field, [])]


def deposit_of(visit: Visit) -> IdDeposit:
    return IdDeposit.objects.get(visit=visit)


# --- The full path ------------------------------------------------------------------------------


def test_the_full_path_from_check_in_to_check_out(visitor, persona) -> None:
    guard, judge = persona("guard"), persona("judge")
    visit = visitor()
    assert visit.status == VisitStatus.PENDING
    assert visit.hits == 0
    assert visit.registered_by == guard
    deposit = deposit_of(visit)
    assert deposit.returned_at is None
    assert deposit.document_index == visit.document_index != ""

    visit = services.confirm(actor=judge, visit=visit)
    assert visit.status == VisitStatus.ADMITTED
    assert visit.confirmed_via == ConfirmedVia.SYSTEM
    assert visit.confirmed_by == judge
    assert visit.confirmed_at is not None

    visit = services.check_out(actor=guard, visit=visit)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DEPARTED
    assert visit.departed_at is not None
    deposit.refresh_from_db()
    assert deposit.returned_at == visit.departed_at  # handed back in the same step
    assert deposit.returned_how == ReturnedHow.CHECK_OUT
    assert deposit.returned_by == guard


def test_the_guard_records_the_hosts_confirmation_by_phone(visitor, persona) -> None:
    guard = persona("guard")
    visit = services.confirm(actor=guard, visit=visitor(), via=ConfirmedVia.PHONE)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.ADMITTED
    assert visit.confirmed_via == ConfirmedVia.PHONE
    assert visit.confirmed_by == guard


def test_the_guard_cannot_confirm_in_the_hosts_name_in_the_system(visitor, persona) -> None:
    visit = visitor()
    with pytest.raises(PermissionDenied):
        services.confirm(actor=persona("guard"), visit=visit, via=ConfirmedVia.SYSTEM)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PENDING
    assert visit.confirmed_at is None


def test_the_host_refuses_and_the_document_is_handed_back(visitor, persona) -> None:
    judge = persona("judge")
    visit = services.close_visit(actor=judge, visit=visitor(), reason="不接受当事人单方约见。")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CLOSED
    assert visit.closed_reason == "不接受当事人单方约见。"
    assert visit.closed_at is not None
    deposit = deposit_of(visit)
    assert deposit.returned_at == visit.closed_at
    assert deposit.returned_how == ReturnedHow.CLOSED
    assert deposit.returned_by == judge


def test_an_unanswered_visit_closed_by_the_guard_needs_a_reason(visitor, persona) -> None:
    guard = persona("guard")
    visit = visitor()
    with pytest.raises(ValidationError) as caught:
        services.close_visit(actor=guard, visit=visit, reason="  ")
    assert "reason" in caught.value.error_dict
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PENDING
    assert deposit_of(visit).returned_at is None

    visit = services.close_visit(actor=guard, visit=visit, reason="承办法官电话无人接听，访客自行离开。")
    assert visit.status == VisitStatus.CLOSED
    assert deposit_of(visit).returned_how == ReturnedHow.CLOSED


def test_someone_else_cannot_close_a_visit(visitor, persona) -> None:
    visit = visitor()
    with pytest.raises(PermissionDenied):
        services.close_visit(actor=persona("clerk"), visit=visit, reason="不是我的访客。")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PENDING


# --- Check-out ----------------------------------------------------------------------------------


def test_a_visitor_is_not_checked_out_before_being_admitted(visitor, persona) -> None:
    visit = visitor()
    with pytest.raises(ValidationError) as caught:
        services.check_out(actor=persona("guard"), visit=visit)
    assert caught.value.code == "invalid_transition"
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PENDING
    assert visit.departed_at is None
    assert deposit_of(visit).returned_at is None


def test_checking_out_twice_is_refused(visitor, persona) -> None:
    guard = persona("guard")
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    services.check_out(actor=guard, visit=visit)
    departed = Visit.objects.get(pk=visit.pk)
    returned = deposit_of(visit).returned_at
    with pytest.raises(ValidationError) as caught:
        services.check_out(actor=guard, visit=visit)
    assert caught.value.code == "already_departed"
    again = Visit.objects.get(pk=visit.pk)
    assert again.departed_at == departed.departed_at
    assert again.version == departed.version
    assert deposit_of(visit).returned_at == returned


# --- The document and the slot ------------------------------------------------------------------


def test_a_document_is_never_held_twice(visitor, persona) -> None:
    number = new_id_number()
    first = visitor(document_number=number)
    with pytest.raises(ValidationError) as caught:
        visitor(document_number=number)
    assert field_codes(caught.value, "document_number") == ["already_held"]
    # The same number typed with spaces and a lower-case check character is the same document.
    with pytest.raises(ValidationError) as caught:
        visitor(document_number=f"{number[:6]} {number[6:14]} {number[14:].lower()}")
    assert field_codes(caught.value, "document_number") == ["already_held"]

    services.confirm(actor=persona("judge"), visit=first)
    services.check_out(actor=persona("guard"), visit=first)
    second = visitor(document_number=number)  # handed back: it can be left again
    assert second.status == VisitStatus.PENDING
    assert second.document_index == first.document_index
    assert deposit_of(second).returned_at is None


def test_a_slot_in_use_is_refused(visitor) -> None:
    slot = new_slot()
    visitor(slot=slot)
    visits, deposits = Visit.objects.count(), IdDeposit.objects.count()
    with pytest.raises(ValidationError) as caught:
        visitor(slot=slot)
    assert field_codes(caught.value, "slot") == ["slot_taken"]
    assert (Visit.objects.count(), IdDeposit.objects.count()) == (visits, deposits)


def test_a_slot_is_free_again_once_the_document_is_handed_back(visitor, persona) -> None:
    slot = new_slot()
    first = visitor(slot=slot)
    services.close_visit(actor=persona("guard"), visit=first, reason="访客改日再来。")
    second = visitor(slot=slot)
    assert deposit_of(second).slot == slot


# --- The clock and the notification -------------------------------------------------------------


def test_the_arrival_time_is_the_servers_clock(visitor) -> None:
    moment = at("2027-03-02", 9, 17)
    with time_machine.travel(moment, tick=False):
        visit = visitor()
    visit.refresh_from_db()
    assert visit.arrived_at == moment
    assert deposit_of(visit).held_since == moment


def test_the_host_is_asked_to_confirm(visitor, persona) -> None:
    judge = persona("judge")
    visit = visitor()
    notes = Notification.objects.filter(
        recipient=judge, kind="gate.confirm", dedupe_key=f"gate.confirm:{visit.pk}"
    )
    assert notes.count() == 1
    assert notes.get().url.endswith(f"/gate/visits/{visit.pk}/")
    assert not Notification.objects.filter(kind="gate.hold", dedupe_key=f"gate.hold:{visit.pk}").exists()


# --- Refusals -----------------------------------------------------------------------------------


def test_a_host_of_another_court_is_refused(visitor, person_of) -> None:
    visits, deposits = Visit.objects.count(), IdDeposit.objects.count()
    with pytest.raises(ValidationError) as caught:
        visitor(host=person_of("judge2"))
    assert field_codes(caught.value, "host") == ["host"]
    assert (Visit.objects.count(), IdDeposit.objects.count()) == (visits, deposits)


@pytest.mark.parametrize("username", ["judge", "outsider", "clerk", "cityadmin"])
def test_only_the_desk_checks_in(visitor, persona, username) -> None:
    visits, deposits = Visit.objects.count(), IdDeposit.objects.count()
    with pytest.raises(PermissionDenied):
        visitor(actor=persona(username))
    assert (Visit.objects.count(), IdDeposit.objects.count()) == (visits, deposits)


def test_a_guard_cannot_check_in_at_another_courts_gatehouse(visitor, person_of) -> None:
    shinan = Post.objects.get(court__division_code="370202", kind="gatehouse")
    visits, deposits = Visit.objects.count(), IdDeposit.objects.count()
    with pytest.raises(PermissionDenied):
        visitor(post=shinan, host=person_of("judge2"))
    assert (Visit.objects.count(), IdDeposit.objects.count()) == (visits, deposits)


def test_the_judicial_police_may_check_in_too(visitor, persona) -> None:
    visit = visitor(actor=persona("police"))
    assert visit.status == VisitStatus.PENDING
    assert visit.registered_by == persona("police")


def test_a_checkpoint_is_not_a_gatehouse(visitor, checkpoint_post) -> None:
    visits = Visit.objects.count()
    with pytest.raises(ValidationError) as caught:
        visitor(post=checkpoint_post)
    assert "post" in caught.value.error_dict
    assert Visit.objects.count() == visits


def test_nothing_is_half_saved_when_refused(visitor) -> None:
    visits, deposits = Visit.objects.count(), IdDeposit.objects.count()
    notifications = Notification.objects.count()
    with pytest.raises(ValidationError) as caught:
        visitor(visitor_name="  ", purpose="", slot=" ", document_number=with_wrong_check(new_id_number()))
    assert set(caught.value.error_dict) == {"visitor_name", "purpose", "slot", "document_number"}
    assert (Visit.objects.count(), IdDeposit.objects.count()) == (visits, deposits)
    assert Notification.objects.count() == notifications


def test_a_host_sees_their_own_visitors_only(visitor, client_as) -> None:
    visit = visitor(visitor_name="周小雨")  # the fixture's host is judge 王立明
    mine = client_as("judge").get(reverse("gate:my_visitors")).content.decode()
    assert "周小雨" in mine
    assert "周小雨" not in client_as("chief").get(reverse("gate:my_visitors")).content.decode()
    assert client_as("chief").get(reverse("gate:visit_detail", args=[visit.pk])).status_code == 404
