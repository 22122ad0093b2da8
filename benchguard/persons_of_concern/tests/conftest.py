from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court
from benchguard.persons_of_concern import services
from benchguard.persons_of_concern.models import ControlledListEntry, PersonOfConcern


@pytest.fixture
def make_person(persona: Callable[[str], Account]) -> Callable[..., PersonOfConcern]:
    def make(name: str, **kwargs: Any) -> PersonOfConcern:
        return services.create_person(actor=persona("police"), name=name, **kwargs)

    return make


@pytest.fixture
def list_person(persona: Callable[[str], Account]) -> Callable[..., ControlledListEntry]:
    """Propose and approve an entry for the person (police proposes, office approves)."""

    def make(person: PersonOfConcern, *, days: int = 365) -> ControlledListEntry:
        today = timezone.localdate()
        entry = services.propose_entry(
            actor=persona("police"),
            person=person,
            legal_basis="依据安全保卫规定",
            level="key",
            review_date=today + dt.timedelta(days=min(days, 30)),
            expires_on=today + dt.timedelta(days=days),
        )
        return services.approve_entry(actor=persona("office"), entry=entry)

    return make


@pytest.fixture
def shinan_police(db: None) -> Account:
    account = org.create_account(actor=None, username="police_shinan", display_name="市南法警", password=None)
    org.assign_role(
        actor=None,
        account=account,
        role=Role.JUDICIAL_POLICE,
        court=Court.objects.get(division_code="370202"),
    )
    return account
