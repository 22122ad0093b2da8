"""The inbox reads its index in the order it shows (issue 11): no sort of the court's
matters, so a page costs the same with 20,000 or 80,000 of them — without relying on
planner statistics, which a real install may never gather."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchguard.matters import selectors
from benchguard.matters.choices import MatterStatus
from benchguard.matters.models import Matter
from benchguard.organization.models import Account, Court
from tests.plans import plan_of

pytestmark = pytest.mark.django_db


def test_the_inbox_page_is_read_in_index_order_without_statistics() -> None:
    office = Account.objects.get(username="office")
    sql, params = selectors.inbox(office)[:50].query.sql_with_params()
    plan = plan_of(sql, params)
    assert "matter_inbox_order_idx" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan


def test_the_office_sees_its_courts_matters_and_its_own_elsewhere_and_the_list_reads_in_order() -> None:
    office = Account.objects.get(username="office")
    ours = Matter.objects.filter(court__division_code="370200")
    # A matter of the Shinan base court (a copy of one of ours, under its own number).
    elsewhere = ours.order_by("pk").first()
    assert elsewhere is not None
    elsewhere.pk = None
    elsewhere.court = Court.objects.get(division_code="370202")
    elsewhere.number = f"{elsewhere.number}-370202"
    elsewhere.save(force_insert=True)
    visible = Matter.objects.visible_to(office)
    assert set(visible.values_list("pk", flat=True)) == set(ours.values_list("pk", flat=True))
    # Court-wide only: the list is read from the (court, registered_at) index, no sort.
    sql, params = visible.order_by("-registered_at", "-pk")[:50].query.sql_with_params()
    plan = plan_of(sql, params)
    assert "matter_court_recent_idx" in plan and "TEMP B-TREE" not in plan and "Sort" not in plan, plan
    # Handling a matter of another court, the office sees it too (the OR comes back).
    Matter.objects.filter(pk=elsewhere.pk).update(handler=office)
    assert set(Matter.objects.visible_to(office).values_list("pk", flat=True)) == {
        *ours.values_list("pk", flat=True),
        elsewhere.pk,
    }


def test_each_handlers_load_is_counted_from_an_index_alone() -> None:
    office = Account.objects.get(username="office")
    with CaptureQueriesContext(connection) as queries:
        load = selectors.handler_load(office)
    # The query as it was sent, its values written in (as the database logs it).
    counting = next(query["sql"] for query in queries.captured_queries if "GROUP BY" in query["sql"])
    being_handled = Matter.objects.filter(
        court__division_code="370200", status__in=[MatterStatus.ACCEPTED, MatterStatus.SUSPENDED]
    )
    assert being_handled.exists()
    assert sum(row["count"] for row in load) == being_handled.count()
    plan = plan_of(counting)
    assert "matter_handler_load_idx" in plan, plan
    if connection.vendor == "sqlite":
        assert "COVERING INDEX" in plan, plan
