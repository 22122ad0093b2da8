"""The incident register reads its court's index in the order it shows (issue 11): a
court-wide reader whose own incidents all lie in their courts gets no OR, so the page
costs the same with 6,000 or 24,000 incidents — without relying on planner statistics."""

from __future__ import annotations

import pytest

from benchguard.incidents import selectors
from benchguard.incidents.models import Incident
from benchguard.organization.models import Account, Court
from tests.plans import plan_of

pytestmark = pytest.mark.django_db


def test_the_register_is_read_in_index_order_and_a_reporters_own_elsewhere_brings_the_or_back() -> None:
    office = Account.objects.get(username="office")
    ours = set(Incident.objects.filter(court__division_code="370200").values_list("pk", flat=True))
    register = selectors.incidents_for(office)
    assert set(register.values_list("pk", flat=True)) == ours
    sql, params = register[:50].query.sql_with_params()  # in its own order: newest first
    plan = plan_of(sql, params)
    assert "incident_court_recent_idx" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
    # An incident of another court the office reported itself: visible too (the OR).
    elsewhere = Incident.objects.filter(court__division_code="370200").order_by("pk").first()
    assert elsewhere is not None
    Incident.objects.filter(pk=elsewhere.pk).update(
        court=Court.objects.get(division_code="370202"), reported_by=office
    )
    assert elsewhere.pk in set(selectors.incidents_for(office).values_list("pk", flat=True))
