"""A register's record opens a committee matter in one step, linked both ways (A5, A7.1,
A17, A18; issue 13 part 7): matters.sources and services.open_matter_from.

The registers that use it live in higher layers; here a department of the court stands
in for such a record (any model with a court will do), registered for the test only."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from benchguard.core.models import AuditEntry
from benchguard.matters import services, sources
from benchguard.matters.choices import MatterStatus, Origin, Subject
from benchguard.matters.models import Matter, MatterSource
from benchguard.organization.models import Account, Department, Person
from tests.concurrency import at_once, needs_postgres

Persona = Callable[[str], Account]
PersonOf = Callable[[str], Person]


@pytest.fixture
def registered() -> Iterator[None]:
    sources.register(Department, label="部门记录", url_name="organization:department_detail")
    yield
    sources._KINDS.pop(Department._meta.label_lower)


@pytest.fixture
def record(db: None) -> Department:
    return Department.objects.get(court__division_code="370200", name="民事审判第一庭")


def _open(actor: Account, record: Department, judge: Person) -> Matter:
    return services.open_matter_from(
        actor=actor,
        source=record,
        subject=Subject.INTERFERENCE,
        facts="有人打招呼过问案件。",
        applicant=judge,
    )


def test_it_opens_an_accepted_matter_on_the_clock_linked_both_ways(
    registered: None, record: Department, persona: Persona, person_of: PersonOf
) -> None:
    matter = _open(persona("office"), record, person_of("judge"))

    assert (matter.origin, matter.status, matter.court_id) == (
        Origin.EX_OFFICIO,
        MatterStatus.ACCEPTED,
        record.court_id,
    )
    assert matter.due_date is not None and matter.handling_days == 30  # the 30-day clock runs (A26.4)
    assert matter.right is not None and matter.right.code == "independence"  # A3, from the subject
    assert sources.opened_matter(record) == matter
    link = sources.source_of(matter)
    assert link is not None
    assert (str(link.label), link.url, link.object_id) == (
        "部门记录",
        reverse("organization:department_detail", args=[record.pk]),
        record.pk,
    )
    event = AuditEntry.objects.filter(action="matters.matter.opened_from").get()
    assert event.object_id == str(matter.pk)
    assert event.data["source"] == f"organization.department:{record.pk}"


def test_a_second_opening_is_refused_naming_the_matter(
    registered: None, record: Department, persona: Persona, person_of: PersonOf
) -> None:
    first = _open(persona("office"), record, person_of("judge"))
    matters = Matter.objects.count()

    with pytest.raises(ValidationError) as refused:
        _open(persona("chair"), record, person_of("judge"))

    assert refused.value.code == "duplicate"
    with translation.override("en"):
        assert first.number in str(refused.value.messages[0])
    assert MatterSource.objects.count() == 1
    assert Matter.objects.count() == matters


def test_only_the_office_or_the_chair_opens_one(
    registered: None, record: Department, persona: Persona, person_of: PersonOf
) -> None:
    matters = Matter.objects.count()
    for username in ("judge", "leader", "personnel", "judge2"):
        with pytest.raises(PermissionDenied):
            _open(persona(username), record, person_of("judge"))
    assert not MatterSource.objects.exists() and Matter.objects.count() == matters


def test_a_record_of_an_unregistered_kind_is_a_programming_error(
    record: Department, persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    with pytest.raises(TypeError):
        _open(persona("office"), record, person_of("judge"))


def test_the_matters_page_links_back_to_the_record(
    registered: None,
    record: Department,
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
    client_as: Callable[[str | None], Client],
) -> None:
    matter = _open(persona("office"), record, person_of("judge"))

    page = client_as("office").get(reverse("matters:detail", args=[matter.pk])).content.decode()

    assert f'href="{reverse("organization:department_detail", args=[record.pk])}"' in page
    assert "部门记录" in page


@pytest.mark.django_db(transaction=True)
def test_two_openings_at_once_make_one_matter() -> None:
    needs_postgres()
    sources.register(Department, label="部门记录", url_name="organization:department_detail")
    try:
        record = Department.objects.get(court__division_code="370200", name="民事审判第一庭")
        judge = Person.objects.get(account__username="judge")

        def open_as(username: str) -> Matter:
            return _open(Account.objects.get(username=username), record, judge)

        opened, errors = at_once(open_as, "office", "chair")

        assert len(opened) == 1 and len(errors) == 1
        assert isinstance(errors[0], ValidationError) and errors[0].code == "duplicate"
        assert MatterSource.objects.filter(object_id=record.pk).count() == 1
    finally:
        sources._KINDS.pop(Department._meta.label_lower)
