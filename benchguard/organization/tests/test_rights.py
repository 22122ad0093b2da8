"""The taxonomy of rights and interests (A3): reference data of the city, seeded with the
categories chapter 3 names, extended by the city administrator (organization/rights.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from benchguard.core.models import AuditEntry
from benchguard.organization.models import RightCategory
from benchguard.organization.rights import RIGHTS, right_for

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_the_starting_taxonomy() -> None:
    assert set(RightCategory.objects.values_list("code", flat=True)) >= {code for code, _zh, _en in RIGHTS}
    assert RightCategory.objects.get(code="independence").label == "依法独立审判"


def test_a_category_missing_from_an_emptied_database_is_seeded_again_when_asked_for() -> None:
    RightCategory.objects.filter(code="health").delete()  # no record carries it yet
    assert right_for("health").label == "身心健康"
    assert RightCategory.objects.count() == len(RIGHTS)


def test_the_city_administrator_adds_a_category_and_the_trail_records_it(
    client_as: Callable[[str | None], Client],
) -> None:
    response = client_as("cityadmin").post(
        reverse("admin:organization_rightcategory_add"),
        {"label": "执行安全", "label_en": "Safety in enforcement", "code": "enforcement", "sort_order": 20,
         "is_active": "on"},
    )  # fmt: skip

    assert response.status_code == 302
    added = RightCategory.objects.get(code="enforcement")
    assert str(added) == "执行安全"
    trail = AuditEntry.objects.filter(object_type="organization.rightcategory", object_id=str(added.pk))
    assert trail.exists()


def test_a_courts_administrator_may_not_change_the_citys_taxonomy(
    client_as: Callable[[str | None], Client],
) -> None:
    right = RightCategory.objects.get(code="other")
    response = client_as("admin").post(
        reverse("admin:organization_rightcategory_change", args=[right.pk]),
        {"label": "改名", "label_en": "", "sort_order": 1, "is_active": "on"},
    )
    assert response.status_code == 403
    right.refresh_from_db()
    assert right.label == "其他权益"
