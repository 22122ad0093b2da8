"""Condolence payments (A21): the cap refusal naming the cap, the raised standard
approved by a court leader, and the approval chain step by step."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from benchguard.core.models import AuditEntry
from benchguard.welfare import services
from benchguard.welfare.choices import CondolenceStatus, Occasion, StepKind
from benchguard.welfare.models import CondolencePayment
from benchguard.welfare.tests.helpers import account, intermediate, person

pytestmark = pytest.mark.django_db


def _request(amount: str, **extra: Any) -> CondolencePayment:
    return services.request_condolence(
        actor=account("union"),
        court=intermediate(),
        person=person("judge"),
        occasion=extra.pop("occasion", Occasion.HOSPITALISATION),
        amount=Decimal(amount),
        reason="住院治疗",
        **extra,
    )


def test_a_payment_above_its_cap_is_refused_naming_the_cap() -> None:
    with pytest.raises(ValidationError) as refused:
        _request("1200.00")
    error = refused.value.error_dict["amount"][0]
    assert error.code == "above_cap"
    with translation.override("en"):
        assert "1000.00" in str(error.message) and "1200.00" in str(error.message)


def test_a_payment_within_its_cap_moves_along_the_whole_chain() -> None:
    union = account("union")
    payment = _request("1000.00")
    assert payment.cap == Decimal("1000.00")
    for step in (StepKind.GROUP_CHECK, StepKind.CHAIR_APPROVAL):
        payment = services.advance_condolence(actor=union, payment=payment, step=step)
    with pytest.raises(ValidationError) as no_voucher:
        services.advance_condolence(actor=union, payment=payment, step=StepKind.FINANCE_PAID)
    assert no_voucher.value.error_dict["voucher"][0].code == "required"
    payment = services.advance_condolence(
        actor=union, payment=payment, step=StepKind.FINANCE_PAID, voucher="记-0412"
    )
    payment = services.advance_condolence(actor=union, payment=payment, step=StepKind.RECEIPT)
    assert payment.status == CondolenceStatus.RECEIVED
    assert [s.kind for s in payment.steps.all()] == [
        StepKind.REQUEST,
        StepKind.GROUP_CHECK,
        StepKind.CHAIR_APPROVAL,
        StepKind.FINANCE_PAID,
        StepKind.RECEIPT,
    ]
    assert all(s.by == union for s in payment.steps.all())


def test_a_step_out_of_order_is_refused_naming_the_status() -> None:
    payment = _request("500.00")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.advance_condolence(
            actor=account("union"), payment=payment, step=StepKind.FINANCE_PAID, voucher="x"
        )
    assert refused.value.code == "invalid_transition"
    assert "Requested" in refused.value.messages[0]


def test_a_raised_standard_needs_a_leaders_approval_recorded_with_the_approver() -> None:
    union, leader = account("union"), account("leader")
    payment = _request("5000.00", occasion=Occasion.HARM_ON_DUTY, raised_standard=True)
    assert payment.raised_standard and payment.above_cap
    payment = services.advance_condolence(actor=union, payment=payment, step=StepKind.GROUP_CHECK)
    with pytest.raises(ValidationError) as pending:
        services.advance_condolence(actor=union, payment=payment, step=StepKind.CHAIR_APPROVAL)
    assert pending.value.code == "raise_pending"
    with pytest.raises(PermissionDenied):
        services.approve_raised_standard(actor=union, payment=payment)
    payment = services.approve_raised_standard(actor=leader, payment=payment, note="因公负伤，提高标准")
    assert payment.raised_approved_by == leader and payment.raised_approved_at is not None
    payment = services.advance_condolence(actor=union, payment=payment, step=StepKind.CHAIR_APPROVAL)
    assert payment.status == CondolenceStatus.APPROVED
    assert AuditEntry.objects.filter(action="welfare.condolence.raise", object_id=str(payment.pk)).exists()


def test_a_raised_standard_is_only_for_harm_in_the_line_of_duty() -> None:
    with pytest.raises(ValidationError) as refused:
        _request("3000.00", raised_standard=True)
    assert refused.value.error_dict["raised_standard"][0].code == "not_on_duty"


def test_only_the_union_of_the_court_requests_payments() -> None:
    for name in ("judge", "office", "personnel", "judge2"):
        with pytest.raises(PermissionDenied):
            services.request_condolence(
                actor=account(name),
                court=intermediate(),
                person=person("judge"),
                occasion=Occasion.BIRTH,
                amount=Decimal("100"),
                reason="生育",
            )
