"""Condolence payments (A21): the cap refusal naming the cap, the raised standard
approved by a court leader, and the approval chain step by step."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from benchguard.core.models import AuditEntry
from benchguard.welfare import services
from benchguard.welfare.choices import CondolenceStatus, Occasion, StepKind
from benchguard.welfare.demo import UNION_GROUP
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
    union, group = account("union"), account(UNION_GROUP)
    payment = _request("1000.00")
    assert payment.cap == Decimal("1000.00")
    payment = services.advance_condolence(actor=group, payment=payment, step=StepKind.GROUP_CHECK)
    payment = services.advance_condolence(actor=union, payment=payment, step=StepKind.CHAIR_APPROVAL)
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
    assert [s.by for s in payment.steps.all()] == [union, group, union, union, union]


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
    payment = services.advance_condolence(
        actor=account(UNION_GROUP), payment=payment, step=StepKind.GROUP_CHECK
    )
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


def test_whoever_recorded_the_group_check_may_not_record_the_chairs_approval() -> None:
    """Segregation of duties (A21): the union group's check and the union chair's approval
    are two people's; the refusal says why."""
    union, group = account("union"), account(UNION_GROUP)
    payment = _request("800.00")
    payment = services.advance_condolence(actor=union, payment=payment, step=StepKind.GROUP_CHECK)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.advance_condolence(actor=union, payment=payment, step=StepKind.CHAIR_APPROVAL)
    assert refused.value.code == "same_person"
    with translation.override("en"):
        assert "segregation of duties" in refused.value.messages[0]
    payment.refresh_from_db()
    assert payment.status == CondolenceStatus.GROUP_CHECKED
    assert not payment.steps.filter(kind=StepKind.CHAIR_APPROVAL).exists()
    payment = services.advance_condolence(actor=group, payment=payment, step=StepKind.CHAIR_APPROVAL)
    assert payment.status == CondolenceStatus.APPROVED


def test_the_page_offers_the_chairs_approval_only_to_someone_else(
    client_as: Callable[[str | None], Client],
) -> None:
    payment = _request("800.00")
    before = client_as("union").get(reverse("welfare:payment_detail", args=[payment.pk])).content.decode()
    assert 'data-testid="two-people"' in before  # told before taking the group's step
    payment = services.advance_condolence(actor=account("union"), payment=payment, step=StepKind.GROUP_CHECK)
    url = reverse("welfare:payment_detail", args=[payment.pk])
    checker = client_as("union").get(url)
    assert checker.status_code == 200 and 'data-testid="step-form"' not in checker.content.decode()
    told = checker.content.decode().split('data-testid="step-for-another">')[1].split("<")[0]
    assert told == "您已记录本笔款项的工会小组审核，工会主席审批须由他人记录（职责分离）。"
    other = Client()
    other.force_login(account(UNION_GROUP))
    offered = other.get(url).content.decode()
    assert 'data-testid="step-form"' in offered and f'value="{StepKind.CHAIR_APPROVAL}"' in offered


def test_a_refused_step_keeps_what_was_typed(client_as: Callable[[str | None], Client]) -> None:
    payment = _request("800.00")
    payment = services.advance_condolence(actor=account("union"), payment=payment, step=StepKind.GROUP_CHECK)
    with translation.override("en"):
        response = client_as("union").post(
            reverse("welfare:payment_step", args=[payment.pk]),
            {"version": payment.version, "step": StepKind.CHAIR_APPROVAL, "note": "同意发放，请财务办理"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "同意发放，请财务办理" in page and 'data-testid="typed"' in page
    assert response.context["step_form"].non_field_errors()
    payment.refresh_from_db()
    assert payment.status == CondolenceStatus.GROUP_CHECKED


def test_a_step_refused_for_its_missing_voucher_keeps_the_note(
    client_as: Callable[[str | None], Client],
) -> None:
    payment = _request("800.00")
    payment = services.advance_condolence(
        actor=account(UNION_GROUP), payment=payment, step=StepKind.GROUP_CHECK
    )
    payment = services.advance_condolence(
        actor=account("union"), payment=payment, step=StepKind.CHAIR_APPROVAL
    )
    response = client_as("union").post(
        reverse("welfare:payment_step", args=[payment.pk]),
        {"version": payment.version, "step": StepKind.FINANCE_PAID, "note": "财务已转账", "voucher": ""},
    )
    assert response.status_code == 200
    assert response.context["step_form"].errors["voucher"]
    assert "财务已转账" in response.content.decode()
    assert 'data-testid="step-form"' in response.content.decode()


def test_the_demo_chain_has_two_people_for_the_check_and_the_approval() -> None:
    payment = CondolencePayment.objects.filter(status=CondolenceStatus.RECEIVED, raised_standard=True).first()
    assert payment is not None
    steps = {step.kind: step.by for step in payment.steps.all()}
    assert steps[StepKind.GROUP_CHECK] == account(UNION_GROUP)
    assert steps[StepKind.CHAIR_APPROVAL] == account("union")


def test_the_api_refuses_the_chairs_approval_to_the_groups_checker(
    client_as: Callable[[str | None], Client],
) -> None:
    payment = _request("800.00")
    payment = services.advance_condolence(actor=account("union"), payment=payment, step=StepKind.GROUP_CHECK)
    url = f"/api/welfare/condolence/{payment.pk}/advance/"
    refused = client_as("union").post(url, {"step": StepKind.CHAIR_APPROVAL}, content_type="application/json")
    assert refused.status_code == 400
    payment.refresh_from_db()
    assert payment.status == CondolenceStatus.GROUP_CHECKED
