"""Two clerks (or two clicks) filing the same number at the same moment make one case;
the other is told the number is registered.

Real concurrency needs a real server: the suite's SQLite database lives in memory, where
a second connection is refused outright instead of waiting. CI runs the suite on
PostgreSQL, where this runs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from benchguard.cases import services
from benchguard.cases.models import Case
from benchguard.organization.models import Account, Court
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_clerks_filing_the_same_number_at_once_make_one_case() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL); CI does")
    from benchguard.organization.demo import load_demo

    load_demo()  # a transactional test starts from an empty database
    court = Court.objects.get(division_code="370200")
    clerk = Account.objects.get(username="clerk")
    results, errors = at_once(
        lambda _who: services.file_case(
            actor=clerk,
            court=court,
            number="（2026）鲁02民初901号",
            cause="合同纠纷",
            filed_on=timezone.localdate(),
        ),
        "first",
        "second",
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert errors[0].error_dict["number"][0].code == "duplicate"
    assert Case.objects.filter(number="（2026）鲁02民初901号").count() == 1
