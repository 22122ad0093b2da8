"""Two clerks (or two clicks) filing the same number at the same moment make one case;
the other is told the number is registered (PostgreSQL: tests.concurrency.needs_postgres)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from benchguard.cases import services
from benchguard.cases.models import Case
from benchguard.organization.models import Account, Court
from tests.concurrency import at_once, needs_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_clerks_filing_the_same_number_at_once_make_one_case() -> None:
    needs_postgres()
    court = Court.objects.get(division_code="370200")
    clerk = Account.objects.get(username="clerk")
    results, errors = at_once(
        lambda _who: services.file_case(
            actor=clerk,
            court=court,
            number="（2026）鲁02民初901号",
            cause="合同纠纷",
            filed_on=dt.date(2026, 11, 30),
        ),
        "first",
        "second",
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert errors[0].error_dict["number"][0].code == "duplicate"
    assert Case.objects.filter(number="（2026）鲁02民初901号").count() == 1
