"""`benchguard seed-scale` on an empty database creates the courts and their departments.

Emptying the database takes every area's rows (each area's tests/cleanup.py, found by
name), so this test sits with the project-wide tests; the rest of seed-scale's tests are in
benchguard/organization/tests/test_seed_scale.py.
"""

from __future__ import annotations

import importlib
import importlib.util

import pytest
from django.apps import apps

from benchguard.organization.models import Court, Department, Person, PersonPrivate, RoleAssignment
from benchguard.organization.reference import STANDARD_DEPARTMENTS
from benchguard.organization.tests.test_seed_scale import seed

pytestmark = pytest.mark.django_db


def delete_every_areas_rows() -> None:
    """Each area's `tests/cleanup.py` (its `delete_*_rows`), the highest layer first, so
    no row is deleted before the rows that point at it. A new area with rows that protect
    people or courts adds its cleanup module; nothing here names it."""
    for config in reversed(list(apps.get_app_configs())):
        name = f"{config.name}.tests.cleanup"
        if not config.name.startswith("benchguard.") or importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        for attribute in dir(module):
            if attribute.startswith("delete_") and attribute.endswith("_rows"):
                getattr(module, attribute)()


def test_on_an_empty_database_it_creates_the_courts_and_their_departments() -> None:
    delete_every_areas_rows()
    PersonPrivate.objects.all().delete()
    RoleAssignment.objects.all().delete()
    Person.objects.all().delete()
    Department.objects.all().delete()
    # Courts protect their children: base courts first, then their parents.
    Court.objects.filter(level="base").delete()
    Court.objects.filter(level="intermediate").delete()
    Court.objects.all().delete()

    seed()

    assert set(Court.objects.values_list("division_code", flat=True)) == {
        "370000", "370200", "370202", "370203",
    }  # fmt: skip
    assert Department.objects.count() == 3 * len(STANDARD_DEPARTMENTS)  # none for the higher court
    assert Person.objects.count() == 120


def test_the_demo_loads_after_seed_scale_on_an_empty_database() -> None:
    """`seed-scale` first, `seed-demo` after (a reviewer's order on a fresh install): the
    demo finds what the scale data made (a base court's gatehouse, this year's case
    numbers) instead of clashing with it."""
    from benchguard.gate.models import Post
    from benchguard.organization.demo import load_demo

    test_on_an_empty_database_it_creates_the_courts_and_their_departments()
    load_demo()
    assert Post.objects.filter(court__division_code="370202", name="传达室").count() == 1
    assert Person.objects.filter(account__username="clerk").exists()
