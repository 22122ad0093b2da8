"""The cases list reads its index in the order it shows and the search by a party's name
reads each case's parties' names from an index alone (issue 12, bench/cases.py): no sort
of the court's cases and no scan of every party of the city — without relying on planner
statistics, which a real install may never gather."""

from __future__ import annotations

import pytest
from django.db import connection

from benchguard.cases import selectors
from benchguard.cases.models import Case
from benchguard.organization.models import Account, Court, Person
from tests.plans import plan_of

pytestmark = pytest.mark.django_db


def test_the_clerks_list_and_search_read_indexes_in_order() -> None:
    clerk = Account.objects.get(username="clerk")
    sql, params = selectors.cases_for(clerk)[:50].query.sql_with_params()
    plan = plan_of(sql, params)
    assert "cases_case_court_filed_idx" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan

    sql, params = selectors.cases_for(clerk, query="吴晓梅")[:50].query.sql_with_params()
    plan = plan_of(sql, params)
    assert "cases_case_court_filed_idx" in plan and "cases_party_case_name_idx" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
    if connection.vendor == "sqlite":
        assert "COVERING INDEX cases_party_case_name_idx" in plan, plan
        assert "SCAN cases_party" not in plan, plan


def test_a_reader_who_tries_a_case_of_another_court_sees_it_too() -> None:
    chief = Account.objects.get(username="chief")  # division chief at the intermediate court
    ours = set(Case.objects.filter(court__division_code="370200").values_list("pk", flat=True))
    assert ours and set(Case.objects.visible_to(chief).values_list("pk", flat=True)) == ours
    elsewhere = Case.objects.filter(court__division_code="370200").order_by("pk").first()
    assert elsewhere is not None
    elsewhere.pk = None
    elsewhere.court = Court.objects.get(division_code="370202")
    elsewhere.sequence += 10_000
    elsewhere.judge = Person.objects.get(account=chief)
    elsewhere.save(force_insert=True)
    assert set(Case.objects.visible_to(chief).values_list("pk", flat=True)) == {*ours, elsewhere.pk}
    # A judge who reads no court's cases sees the cases they try, wherever they are.
    judge = Account.objects.get(username="judge")
    tried = Case.objects.filter(judge__account=judge).values_list("pk", flat=True)
    assert set(Case.objects.visible_to(judge).values_list("pk", flat=True)) == set(tried)
