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


def test_the_demo_has_requests_in_every_state_that_matters() -> None:
    from benchguard.liaison.choices import RequestStatus
    from benchguard.liaison.models import LiaisonRequest

    before = LiaisonRequest.objects.count()
    load_liaison_demo()
    assert LiaisonRequest.objects.count() == before == 4
    statuses = set(LiaisonRequest.objects.values_list("status", flat=True))
    assert {RequestStatus.SENT, RequestStatus.ANSWERED, RequestStatus.CLOSED} <= statuses
    [overdue] = LiaisonRequest.objects.overdue()
    assert overdue.agency.kind == AgencyKind.PUBLIC_SECURITY and overdue.incident is not None
    answered = LiaisonRequest.objects.get(status=RequestStatus.ANSWERED)
    assert answered.incident is not None and answered.contact is not None
