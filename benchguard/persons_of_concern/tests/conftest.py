from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Department
from benchguard.persons_of_concern import services
from benchguard.persons_of_concern.models import ControlledListEntry, DepartmentLog, PersonOfConcern


def police_log(persona: Callable[[str], Account], person: PersonOfConcern) -> DepartmentLog:
    """A line of the intermediate court's police log about the person (to cite)."""
    return services.add_department_log(
        actor=persona("police"),
        department=Department.objects.get(court__division_code="370200", name="司法警察支队"),
        person=person,
        event_date=timezone.localdate(),
        what_happened="在法院门口滋事。",
        outcome="当场制止，予以训诫。",
    )


@pytest.fixture
def cite(persona: Callable[[str], Account]) -> Callable[[PersonOfConcern], list[tuple[DepartmentLog, str]]]:
    """Citations for a proposal: one police log line about the person, with its outcome."""

    def make(person: PersonOfConcern) -> list[tuple[DepartmentLog, str]]:
        return [(police_log(persona, person), "当场制止，予以训诫。")]

    return make


@pytest.fixture
def make_person(persona: Callable[[str], Account]) -> Callable[..., PersonOfConcern]:
    def make(name: str, **kwargs: Any) -> PersonOfConcern:
        return services.create_person(actor=persona("police"), name=name, **kwargs)

    return make


@pytest.fixture
def propose(
    persona: Callable[[str], Account], cite: Callable[[PersonOfConcern], list[tuple[DepartmentLog, str]]]
) -> Callable[..., ControlledListEntry]:
    """Propose an entry for the person (services.propose_entry): by the police, level
    key, to be reviewed today, expiring in `days`, citing a police log line about them;
    any argument of the service can be overridden."""

    def make(person: PersonOfConcern, *, days: int = 365, **overrides: Any) -> ControlledListEntry:
        today = timezone.localdate()
        fields: dict[str, Any] = {
            "actor": overrides.pop("actor", None) or persona("police"),
            "person": person,
            "legal_basis": "依据",
            "level": "key",
            "review_date": today,
            "expires_on": today + dt.timedelta(days=days),
        }
        fields.update(overrides)
        if "citations" not in fields:
            fields["citations"] = cite(person)
        return services.propose_entry(**fields)

    return make


@pytest.fixture
def list_person(
    persona: Callable[[str], Account], propose: Callable[..., ControlledListEntry]
) -> Callable[..., ControlledListEntry]:
    """Propose and approve an entry for the person (police proposes, office approves),
    citing a log line of the police about them."""

    def make(person: PersonOfConcern, *, days: int = 365) -> ControlledListEntry:
        entry = propose(
            person,
            days=days,
            legal_basis="依据安全保卫规定",
            review_date=timezone.localdate() + dt.timedelta(days=min(days, 30)),
        )
        return services.approve_entry(actor=persona("office"), entry=entry)

    return make


def shinan_account(username: str, display_name: str, role: Role) -> Account:
    """A new account holding `role` at the 市南 base court (370202)."""
    account = org.create_account(actor=None, username=username, display_name=display_name, password=None)
    org.assign_role(actor=None, account=account, role=role, court=Court.objects.get(division_code="370202"))
    return account


@pytest.fixture
def shinan_police(db: None) -> Account:
    return shinan_account("police_shinan", "市南法警", Role.JUDICIAL_POLICE)


@pytest.fixture
def shinan_office(db: None) -> Account:
    """The committee office of a base court: not the court that proposed the demo's entries."""
    return shinan_account("office_shinan", "市南委办", Role.COMMITTEE_OFFICE)
