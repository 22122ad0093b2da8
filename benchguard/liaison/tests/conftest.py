"""Fixtures of the liaison tests (the intermediate court and its committee office are the
project's `court` and `office`): the demo's public security bureau, and a base court's
body kept by that court's office."""

from __future__ import annotations

import pytest

from benchguard.liaison import services
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.models import Agency
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court


@pytest.fixture
def bureau(db: None) -> Agency:
    return Agency.objects.get(court__division_code="370200", name="青岛市公安局")


@pytest.fixture
def shinan_office(db: None) -> Account:
    """The committee office of the Shinan base court (no demo persona holds it)."""
    account = org.create_account(
        actor=None, username="office_shinan", display_name="市南维权办", password=None
    )
    org.assign_role(
        actor=None,
        account=account,
        role=Role.COMMITTEE_OFFICE,
        court=Court.objects.get(division_code="370202"),
    )
    return account


@pytest.fixture
def shinan_body(shinan_office: Account) -> Agency:
    agency = services.add_agency(
        actor=shinan_office,
        court=Court.objects.get(division_code="370202"),
        kind=AgencyKind.PUBLIC_SECURITY,
        name="青岛市公安局市南分局",
    )
    services.add_contact(actor=shinan_office, agency=agency, name="韩东", office_phone="0532-8288 0110")
    return agency
