"""The special assistance fund (A25): an application decided by the chair, or by the
office naming the adopted resolution of a committee meeting; paid from the fund, whose
balance never goes below zero."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from benchguard.committee.models import Resolution
from benchguard.welfare import services
from benchguard.welfare.choices import ApplicationStatus, FundKind, Ground
from benchguard.welfare.models import AssistanceApplication
from benchguard.welfare.tests.helpers import account, funded, intermediate, person

pytestmark = pytest.mark.django_db


def _apply(amount: str = "3000.00") -> AssistanceApplication:
    return services.submit_application(
        actor=account("office"), court=intermediate(), person=person("staff"), ground=Ground.HARDSHIP,
        facts="配偶重病，家庭困难。", amount_requested=Decimal(amount),
    )  # fmt: skip


def _adopted() -> Resolution:
    return next(r for r in Resolution.objects.filter(meeting__court=intermediate()) if r.adopted)


def test_the_office_records_a_meetings_resolution_as_the_approval() -> None:
    application = _apply()
    with pytest.raises(ValidationError) as missing:
        services.decide_application(
            actor=account("office"), application=application, approve=True, amount_approved=Decimal("2000"),
            decided_on=timezone.localdate(),
        )  # fmt: skip
    assert missing.value.error_dict["resolution"][0].code == "required"
    decided = services.decide_application(
        actor=account("office"), application=application, approve=True, amount_approved=Decimal("2000"),
        decided_on=timezone.localdate(), resolution=_adopted(),
    )  # fmt: skip
    assert decided.status == ApplicationStatus.APPROVED and decided.resolution == _adopted()


def test_the_chair_decides_and_the_office_pays_from_the_fund() -> None:
    fund = funded(FundKind.SPECIAL, "10.00")
    application = _apply()
    with pytest.raises(PermissionDenied):
        services.decide_application(
            actor=account("union"), application=application, approve=True, amount_approved=Decimal("1"),
            decided_on=timezone.localdate(),
        )  # fmt: skip
    services.decide_application(
        actor=account("chair"), application=application, approve=True, amount_approved=Decimal("2500.00"),
        decided_on=timezone.localdate(),
    )  # fmt: skip
    application.refresh_from_db()
    entry = services.pay_application(
        actor=account("office"), application=application, on=timezone.localdate()
    )
    assert entry.balance_after == fund.balance - Decimal("2500.00")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    with pytest.raises(ValidationError) as again:
        services.pay_application(actor=account("office"), application=application, on=timezone.localdate())
    assert again.value.code == "invalid_transition"


def test_an_application_larger_than_the_fund_is_not_paid() -> None:
    fund = funded(FundKind.SPECIAL, "1.00")
    application = _apply(str(fund.balance + 1))
    services.decide_application(
        actor=account("chair"), application=application, approve=True, amount_approved=fund.balance + 1,
        decided_on=timezone.localdate(),
    )  # fmt: skip
    application.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.pay_application(actor=account("office"), application=application, on=timezone.localdate())
    assert refused.value.error_dict["amount"][0].code == "insufficient"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


def test_an_approval_grants_at_most_what_was_applied_for() -> None:
    """The walk approved 50,000 on an application for 20,000 and the office paid it."""
    application = _apply("20000.00")
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        services.decide_application(
            actor=account("chair"), application=application, approve=True,
            amount_approved=Decimal("50000.00"), decided_on=timezone.localdate(),
        )  # fmt: skip
    assert refused.value.error_dict["amount_approved"][0].code == "above_requested"
    assert "20000.00 yuan" in refused.value.messages[0]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.amount_approved is None
    services.decide_application(
        actor=account("chair"), application=application, approve=True, amount_approved=Decimal("20000.00"),
        decided_on=timezone.localdate(),
    )  # fmt: skip
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
