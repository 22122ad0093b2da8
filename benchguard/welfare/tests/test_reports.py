"""The reports by person category (A2, A28) as Excel: per register and category, counts
and sums, never a name; the export is logged."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from benchguard.core.models import AuditEntry
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Account
from benchguard.welfare import services
from benchguard.welfare.choices import Occasion
from benchguard.welfare.models import CondolencePayment
from benchguard.welfare.tests.helpers import account, intermediate, person

pytestmark = pytest.mark.django_db


def test_the_union_exports_its_registers_by_category(client_as: Callable[[str], Client]) -> None:
    judge = person("judge")
    assert judge.category == PersonCategory.QUOTA_JUDGE
    services.request_condolence(
        actor=account("union"),
        court=intermediate(),
        person=judge,
        occasion=Occasion.HOSPITALISATION,
        amount=Decimal("800"),
        reason="住院治疗",
    )

    Account.objects.filter(username="union").update(language="en")  # the workbook in English

    response = client_as("union").get(reverse("welfare:index"), {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Register", "Category", "Number", "Amount (yuan)")
    payments = {row[1]: row for row in rows if row[0] == "Condolence payments"}
    with translation.override("en"):
        labels = {value: str(label) for value, label in PersonCategory.choices}
    assert set(payments) == set(labels.values())
    quota = payments[labels[PersonCategory.QUOTA_JUDGE]]
    quota_payments = CondolencePayment.objects.visible_to(account("union")).filter(
        person__category=PersonCategory.QUOTA_JUDGE
    )
    assert quota_payments.filter(person=judge, amount=Decimal("800")).exists()
    assert quota[2] == quota_payments.count()
    assert Decimal(str(quota[3])) == sum(p.amount for p in quota_payments)
    assert all(judge.name not in str(cell) for row in rows for cell in row)
    assert AuditEntry.objects.filter(action="welfare.report.export", actor_id=account("union").pk).exists()


def test_someone_outside_the_area_gets_no_workbook(client_as: Callable[[str], Client]) -> None:
    assert client_as("guard").get(reverse("welfare:index"), {"export": "xlsx"}).status_code == 403
