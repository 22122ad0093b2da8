"""Fixtures of the liaison tests (the intermediate court and its committee office are the
project's `court` and `office`): the demo's public security bureau, a base court's body
kept by that court's office, an incident (`report`, the register's fixture) and a
request (`send`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from benchguard.incidents.tests import conftest as incident_fixtures
from benchguard.liaison import services
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.models import Agency, LiaisonRequest
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person


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


# An incident reported through the register's own fixture: report(kind, actor=..., **facts).
report = incident_fixtures.report


@pytest.fixture
def send(persona: Callable[[str], Account], court: Court, bureau: Agency) -> Callable[..., LiaisonRequest]:
    """send(actor="police", **overrides): a valid request to the demo's public security
    bureau about the judge 王立明, sent today and to be answered within a week."""

    def make(actor: str | Account = "police", **overrides: Any) -> LiaisonRequest:
        account = persona(actor) if isinstance(actor, str) else actor
        today = timezone.localdate()
        fields: dict[str, Any] = {
            "court": court,
            "agency": bureau,
            "judge": Person.objects.get(account__username="judge"),
            "request_text": "请依法处置。",
            "sent_on": today,
            "answer_by": today + dt.timedelta(days=7),
            **overrides,
        }
        return services.send_request(actor=account, **fields)

    return make
