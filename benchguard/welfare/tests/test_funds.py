"""The funds (A20, A25): income and payments, the balance never below zero, also under
two payments at once (PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from benchguard.welfare import services
from benchguard.welfare.choices import FundKind
from benchguard.welfare.models import Fund, FundEntry
from benchguard.welfare.tests.helpers import account, funded, intermediate, person
from tests.concurrency import at_once, needs_postgres


@pytest.mark.django_db
def test_a_payment_larger_than_the_balance_is_refused_and_nothing_moves() -> None:
    fund = funded(FundKind.RISK, "1000.00")
    held = fund.balance
    with pytest.raises(ValidationError) as refused:
        services.pay_from_fund(
            actor=account("personnel"),
            fund=fund,
            amount=held + Decimal("0.01"),
            on=timezone.localdate(),
            purpose="慰问",
            person=person("judge"),
        )
    assert refused.value.error_dict["amount"][0].code == "insufficient"
    fund.refresh_from_db()
    assert fund.balance == held
    entry = services.pay_from_fund(
        actor=account("personnel"),
        fund=fund,
        amount=held,
        on=timezone.localdate(),
        purpose="慰问",
        person=person("judge"),
    )
    assert entry.balance_after == Decimal("0.00")


@pytest.mark.django_db
def test_the_database_refuses_a_negative_balance_too() -> None:
    fund = services.fund_of(intermediate(), FundKind.SPECIAL)
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=fund.pk).update(balance=Decimal("-1"))


@pytest.mark.django_db
def test_only_the_keeper_of_a_fund_moves_it() -> None:
    risk = services.fund_of(intermediate(), FundKind.RISK)
    special = services.fund_of(intermediate(), FundKind.SPECIAL)
    with pytest.raises(PermissionDenied):
        services.record_fund_income(
            actor=account("office"), fund=risk, amount=Decimal(1), on=timezone.localdate(), purpose="x"
        )
    with pytest.raises(PermissionDenied):
        services.record_fund_income(
            actor=account("personnel"), fund=special, amount=Decimal(1), on=timezone.localdate(), purpose="x"
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_payments_at_once_never_take_the_fund_below_zero() -> None:
    needs_postgres()
    fund = funded(FundKind.RISK, "1.00")
    share = (fund.balance * 2 / 3).quantize(Decimal("0.01"))  # two shares are more than the fund holds
    left = fund.balance - share
    payer = account("personnel")
    judge = person("judge")

    def pay(_who: str) -> FundEntry:
        return services.pay_from_fund(
            actor=payer, fund=fund, amount=share, on=timezone.localdate(), purpose="慰问", person=judge
        )

    results, errors = at_once(pay, "first", "second")
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    fund.refresh_from_db()
    assert fund.balance == left >= 0
    assert FundEntry.objects.filter(fund=fund, direction="payment", amount=share).count() == 1


def test_a_claim_recorded_without_its_documents_lists_them_when_it_is_submitted(client_as: Any) -> None:
    """The walk found a claim saved without documents that could never be submitted: the
    submit page now asks for the documents (filled with those already listed)."""
    from benchguard.welfare.choices import ClaimStatus
    from benchguard.welfare.models import InsurancePolicy

    policy = InsurancePolicy.objects.filter(court=intermediate(), insured=person("judge")).first()
    assert policy is not None, "the demo insures the intermediate court's people"
    claim = services.add_claim(
        actor=account("personnel"), policy=policy, person=person("judge"), event_on=timezone.localdate(),
        event="庭审中被当事人推搡受伤", amount_claimed=Decimal("800.00"),
    )  # fmt: skip
    client = client_as("personnel")
    url = f"/welfare/insurance/claims/{claim.pk}/submit/"
    day = timezone.localdate().isoformat()
    refused = client.post(url, {"submitted_on": day, "documents": "  ", "version": claim.version})
    assert refused.status_code == 200 and refused.context["form"].errors["documents"]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PREPARING
    documents = " 诊断证明\r\n\r\n医疗费发票 \r\n"  # blank lines and spaces are dropped
    done = client.post(url, {"submitted_on": day, "documents": documents, "version": claim.version})
    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.documents == "诊断证明\n医疗费发票"
