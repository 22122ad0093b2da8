"""`benchguard seed-scale`: realistic, reproducible, valid city-scale data, loaded once.

Small runs only (3 courts, 120 people): the timing at city scale belongs to `bench/`.
"""

from __future__ import annotations

import io
import random
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from benchguard.core.audit import verify_chain
from benchguard.core.identity import validate_resident_id
from benchguard.core.models import AuditEntry
from benchguard.organization import scale, services
from benchguard.organization.choices import DepartmentType, PersonCategory, Role
from benchguard.organization.models import Account, Court, Department, Person, PersonPrivate, RoleAssignment
from benchguard.organization.reference import BASE_COURTS, STANDARD_DEPARTMENTS

pytestmark = pytest.mark.django_db

SMALL = {"courts": 3, "people": 120, "seed": 7}


def seed(**options: Any) -> str:
    out = io.StringIO()
    call_command("seed_scale", **{**SMALL, **options}, stdout=out)
    return out.getvalue()


def scale_people() -> Any:
    return Person.objects.filter(staff_number__startswith=scale.STAFF_PREFIX)


def test_it_creates_the_requested_courts_departments_and_people() -> None:
    # The test database already holds the demo's real courts: they are found, not copied.
    courts_before = Court.objects.count()

    output = seed()

    assert Court.objects.count() == courts_before
    used = Court.objects.filter(people__in=scale_people()).distinct()
    assert set(used.values_list("division_code", flat=True)) == {"370200", "370202", "370203"}
    for court in used:
        assert set(court.departments.values_list("name", flat=True)) >= {n for n, _t in STANDARD_DEPARTMENTS}
    assert scale_people().count() == 120
    assert "Created 120 people" in output


def test_every_person_is_valid_by_the_models_own_rules() -> None:
    seed()

    for person in scale_people().select_related("department"):
        person.full_clean()
        assert person.department is None or person.department.court_id == person.court_id
    for private in PersonPrivate.objects.all():
        private.full_clean()


def test_categories_come_in_realistic_proportions() -> None:
    seed(people=600)

    shares = scale.category_shares(list(scale_people()))
    assert 0.33 < shares[PersonCategory.QUOTA_JUDGE] < 0.47
    assert 0.33 < shares[PersonCategory.SUPPORT_STAFF] < 0.47
    assert 0.14 < shares[PersonCategory.OTHER_STAFF] < 0.26


def test_positions_fit_the_department_type() -> None:
    seed()

    for person in scale_people().select_related("department"):
        allowed = scale.POSITIONS[person.category][person.department.type]
        assert person.position in {position for position, _weight in allowed}
    police = scale_people().filter(department__type=DepartmentType.JUDICIAL_POLICE)
    assert set(police.values_list("category", flat=True)) <= {PersonCategory.OTHER_STAFF}


def test_pinyin_is_filled_exactly_as_the_services_fill_it() -> None:
    seed()

    for name, pinyin, initials in scale_people().values_list("name", "name_pinyin", "name_initials"):
        assert (pinyin, initials) == services.pinyin_of(name)
        assert pinyin and initials


def test_every_generated_id_number_is_valid_and_found_through_the_blind_index() -> None:
    seed()

    privates = list(PersonPrivate.objects.select_related("person"))
    assert 30 < len(privates) < 90  # about half of 120
    for private in privates:
        assert validate_resident_id(private.id_number) == private.id_number
        assert private.id_number_index == services.id_number_index(private.id_number)
    one = privates[len(privates) // 2]
    assert services.find_person_by_id_number(one.id_number) == one.person


def test_private_details_are_encrypted_at_rest() -> None:
    from django.db import connection

    seed()
    private = PersonPrivate.objects.first()
    assert private is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, home_address FROM organization_personprivate WHERE person_id = %s",
            [private.pk],
        )
        stored_number, stored_address = cursor.fetchone()
    assert private.id_number not in stored_number
    assert private.home_address not in stored_address


def test_accounts_get_roles_that_fit_their_person() -> None:
    seed()

    linked = scale_people().exclude(account=None).select_related("department")
    assert linked.count() >= 3  # at least each court's first judge
    for court in Court.objects.filter(division_code__in=["370200", "370202", "370203"]):
        judges = RoleAssignment.objects.filter(court=court, role=Role.JUDGE)
        assert judges.filter(account__username__startswith=scale.USERNAME_PREFIX).exists()
    for person in linked:
        roles = set(
            RoleAssignment.objects.filter(account_id=person.account_id).values_list("role", flat=True)
        )
        assert roles == set(scale.roles_for(person))
        assert not person.account.has_usable_password()


def test_running_twice_creates_nothing_twice() -> None:
    seed()
    counts = (Court.objects.count(), Department.objects.count(), Person.objects.count(),
              PersonPrivate.objects.count(), Account.objects.count())  # fmt: skip

    output = seed()

    assert "Nothing created" in output
    assert counts == (Court.objects.count(), Department.objects.count(), Person.objects.count(),
                      PersonPrivate.objects.count(), Account.objects.count())  # fmt: skip


def test_force_adds_people_without_duplicating_any_unique_key() -> None:
    seed()
    seed(force=True, courts=14, people=60)

    assert scale_people().count() == 180
    staff_numbers = list(scale_people().values_list("staff_number", flat=True))
    assert len(set(staff_numbers)) == len(staff_numbers)
    indexes = list(PersonPrivate.objects.values_list("id_number_index", flat=True))
    assert len(set(indexes)) == len(indexes)
    # 3 more generated tribunals beside the 11 real courts, on unassigned 379xxx codes
    tribunals = Court.objects.filter(division_code__startswith="379")
    assert tribunals.count() == 3
    assert all(len(code) == 6 for code in tribunals.values_list("division_code", flat=True))
    assert Court.objects.exclude(division_code="370000").count() == 1 + len(BASE_COURTS) + 3


def test_the_same_seed_plans_the_same_people() -> None:
    seed(people=0)
    courts = list(Court.objects.exclude(division_code="370000").order_by("sort_order"))
    departments = {c.pk: list(c.departments.order_by("pk")) for c in courts}

    def plan(seed: int) -> list[tuple[str, str, str]]:
        planned = scale.plan_people(random.Random(seed), courts, departments, count=50, first_number=1)
        return [(p.name, p.position, p.department.name if p.department else "") for p, _male in planned]

    assert plan(1) == plan(1)
    assert plan(1) != plan(2)


def test_it_writes_one_audit_event_and_the_chain_still_verifies() -> None:
    seed()
    seed()  # refused: writes nothing

    events = AuditEntry.objects.filter(action=scale.AUDIT_ACTION)
    assert events.count() == 1
    assert events.get().data["people"] == 120
    assert verify_chain().ok


def test_it_lives_beside_the_demo_data(settings: Any) -> None:
    from benchguard.organization.demo import load_demo

    # The demo is loaded once per test database (conftest); load it again after.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed()
    load_demo()

    assert Court.objects.filter(division_code="370200").count() == 1
    assert scale_people().count() == 120
    assert Counter(PersonPrivate.objects.values_list("id_number_index", flat=True)).most_common(1)[0][1] == 1
    assert verify_chain().ok


def test_a_domain_area_can_add_its_own_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, int] = {}

    def count_judges(ctx: scale.ScaleContext) -> dict[str, int]:
        seen["judges"] = sum(p.category == PersonCategory.QUOTA_JUDGE for p in ctx.people)
        assert all(p.pk for p in ctx.people)
        return {"judges_seen": seen["judges"]}

    monkeypatch.setattr(scale, "_generators", {"example": count_judges})
    output = seed()

    assert "example:" in output
    event = AuditEntry.objects.get(action=scale.AUDIT_ACTION)
    assert event.data["areas"] == {"example": {"judges_seen": seen["judges"]}}


def test_it_refuses_to_run_in_production(settings: Any) -> None:
    settings.BENCHGUARD_ENV = "production"
    with pytest.raises(ImproperlyConfigured):
        scale.seed_scale(scale.ScaleOptions(courts=1, people=1))
    assert not scale_people().exists()
