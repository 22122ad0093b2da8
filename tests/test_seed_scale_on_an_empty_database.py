"""`benchguard seed-scale` on an empty database creates the courts and their departments.

Emptying the database takes every area's rows (each area's tests/cleanup.py), so this
test sits with the project-wide tests; the rest of seed-scale's tests are in
benchguard/organization/tests/test_seed_scale.py.
"""

from __future__ import annotations

import pytest

from benchguard.committee.tests.cleanup import delete_committee_rows
from benchguard.gate.tests.cleanup import delete_gate_rows
from benchguard.incidents.tests.cleanup import delete_incident_rows
from benchguard.matters.tests.cleanup import delete_matter_rows
from benchguard.organization.models import Court, Department, Person, PersonPrivate, RoleAssignment
from benchguard.organization.reference import STANDARD_DEPARTMENTS
from benchguard.organization.tests.test_seed_scale import seed
from benchguard.persons_of_concern.tests.cleanup import delete_persons_of_concern_rows

pytestmark = pytest.mark.django_db


def test_on_an_empty_database_it_creates_the_courts_and_their_departments() -> None:
    delete_gate_rows()
    delete_incident_rows()
    delete_matter_rows()
    delete_persons_of_concern_rows()
    delete_committee_rows()
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
