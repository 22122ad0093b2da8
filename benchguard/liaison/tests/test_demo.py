"""The liaison demo (A19): the intermediate court's six bodies, loaded once however often it runs."""

from __future__ import annotations

import pytest

from benchguard.core.validators import is_phone_number
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.demo import load_liaison_demo
from benchguard.liaison.models import Agency, AgencyContact

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_body_of_each_kind_and_runs_twice_without_duplicates() -> None:
    before = (Agency.objects.count(), AgencyContact.objects.count())
    load_liaison_demo()
    assert (Agency.objects.count(), AgencyContact.objects.count()) == before
    kinds = set(Agency.objects.filter(court__division_code="370200").values_list("kind", flat=True))
    assert kinds == set(AgencyKind.values) - {AgencyKind.OTHER}
    for contact in AgencyContact.objects.all():
        assert contact.office_phone.startswith("0532-")
        assert all(is_phone_number(p) for p in (contact.office_phone, contact.mobile_phone) if p)
