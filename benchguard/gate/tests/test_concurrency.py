"""Two guards (or two clicks) at the same moment: a visitor is checked out once and the
document handed back once; a document is checked in once (PostgreSQL:
tests.concurrency.needs_postgres)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from benchguard.core.models import AuditEntry
from benchguard.gate import services
from benchguard.gate.choices import ConfirmedVia, ReturnedHow, VisitStatus
from benchguard.gate.models import IdDeposit, Post, Visit
from benchguard.gate.tests.conftest import GATEHOUSE, VISITOR, new_id_number, new_slot
from benchguard.organization.models import Account, Person
from tests.concurrency import at_once, needs_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def check_in_data() -> dict[str, Any]:
    return {
        "actor": Account.objects.get(username="guard"),
        "post": Post.objects.get(court__division_code="370200", name=GATEHOUSE),
        "visitor_name": VISITOR,
        "document_kind": "resident_id",
        "purpose": "递交上诉材料",
        "host": Person.objects.get(account__username="judge"),
    }


def test_two_guards_check_out_the_same_visitor_at_once() -> None:
    needs_postgres()
    data = check_in_data()
    guard, police = data["actor"], Account.objects.get(username="police")
    visit = services.check_in(**data, document_number=new_id_number(), slot=new_slot())
    visit = services.confirm(actor=guard, visit=visit, via=ConfirmedVia.PHONE)
    assert visit.status == VisitStatus.ADMITTED

    actors = {"guard": guard, "police": police}
    results, errors = at_once(
        lambda who: services.check_out(actor=actors[who], visit=Visit.objects.get(pk=visit.pk)), *actors
    )
    assert len(results) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert errors[0].code == "already_departed"

    visit.refresh_from_db()
    assert visit.status == VisitStatus.DEPARTED
    assert visit.departed_at is not None
    [departed] = results.values()
    assert visit.version == departed.version
    deposit = IdDeposit.objects.get(visit=visit)
    assert deposit.returned_at == visit.departed_at
    assert deposit.returned_how == ReturnedHow.CHECK_OUT
    assert deposit.returned_by_id == departed.deposit.returned_by_id
    events = AuditEntry.objects.filter(action="gate.visit.check_out", object_id=str(visit.pk))
    assert events.count() == 1


def test_the_same_document_checked_in_twice_at_once_is_held_once() -> None:
    needs_postgres()
    data = check_in_data()
    number = new_id_number()
    index = services.document_index("resident_id", number)
    slots = {"first": new_slot(), "second": new_slot()}

    results, errors = at_once(
        lambda desk: services.check_in(**data, document_number=number, slot=slots[desk]), *slots
    )
    assert len(results) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert set(errors[0].error_dict) <= {"document_number", "slot"}
    assert Visit.objects.filter(document_index=index).count() == 1
    assert IdDeposit.objects.filter(document_index=index, returned_at__isnull=True).count() == 1
    [held] = results.values()
    assert Visit.objects.get(document_index=index).pk == held.pk
