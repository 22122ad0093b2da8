"""A18: private details are encrypted, opened only by those with a need, and logged."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from benchguard.core.models import AuditEntry
from benchguard.organization import services
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Person, PersonPrivate


def test_opening_is_written_to_the_access_log(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    before = AuditEntry.objects.filter(kind="access").count()
    response = client_as("personnel").get(f"/directory/people/{judge.pk}/private/")
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(kind="access").order_by("-id").first()
    assert AuditEntry.objects.filter(kind="access").count() == before + 1
    assert entry is not None
    assert (entry.actor_name, entry.object_id, entry.action) == (
        "徐丽华",
        str(judge.pk),
        "organization.private.view",
    )


def test_the_judge_sees_who_opened_their_details(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    client_as("office").get(f"/directory/people/{judge.pk}/private/")
    page = client_as("judge").get(f"/directory/people/{judge.pk}/private/").content.decode()
    assert "赵敏" in page


def test_the_id_number_is_shown_masked_and_stored_encrypted(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    number = PersonPrivate.objects.get(person=judge).id_number
    page = client_as("personnel").get(f"/directory/people/{judge.pk}/private/").content.decode()
    assert number not in page
    assert number[:3] + "*" * 11 + number[-4:] in page
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, home_address FROM organization_personprivate WHERE person_id = %s",
            [judge.pk],
        )
        raw_number, raw_address = cursor.fetchone()
    assert number not in raw_number
    assert "香港中路" not in raw_address


def test_an_id_number_is_found_through_the_blind_index(person_of: Callable[[str], Person]) -> None:
    judge = person_of("judge")
    number = PersonPrivate.objects.get(person=judge).id_number
    assert services.find_person_by_id_number(number.lower()) == judge


def test_a_wrong_id_number_gets_a_message_next_to_the_field(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    private = PersonPrivate.objects.get(person=judge)
    wrong = private.id_number[:17] + ("1" if private.id_number[17] != "1" else "2")
    response = client_as("personnel").post(
        f"/directory/people/{judge.pk}/private/edit/",
        {
            "home_address": "新地址",
            "private_phone": "",
            "id_number": wrong,
            "version": private.version,
        },
    )
    assert response.status_code == 200
    assert "id_number" in response.context["form"].errors
    private.refresh_from_db()
    assert private.home_address != "新地址"


def test_the_same_id_number_cannot_belong_to_two_people(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    taken = PersonPrivate.objects.get(person=person_of("judge")).id_number
    staff = person_of("staff")
    PersonPrivate.objects.get_or_create(person=staff)
    with pytest.raises(ValidationError) as caught:
        services.update_private_details(
            actor=persona("personnel"), person=staff, expected_version=1, changes={"id_number": taken}
        )
    assert caught.value.error_dict["id_number"][0].code == "duplicate"


def test_private_values_never_enter_the_audit_log_in_clear(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    staff = person_of("staff")
    number = demo_id_number("19900202", "777")
    PersonPrivate.objects.get_or_create(person=staff)
    services.update_private_details(
        actor=persona("personnel"), person=staff, expected_version=1,
        changes={"id_number": number, "home_address": "崂山区秘密路 9 号"},
    )  # fmt: skip
    entry = AuditEntry.objects.filter(action="organization.private.update").order_by("-id").first()
    assert entry is not None
    assert number not in str(entry.data) and "秘密路" not in str(entry.data)
    assert set(entry.data["changed"]) >= {"id_number", "home_address"}


def test_a_colleague_and_the_city_admin_may_not_open_them(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    before = AuditEntry.objects.filter(kind="access").count()
    assert client_as("staff").get(f"/directory/people/{judge.pk}/private/").status_code == 403
    assert client_as("cityadmin").get(f"/directory/people/{judge.pk}/private/").status_code == 403
    assert client_as("judge2").get(f"/directory/people/{judge.pk}/private/").status_code == 404
    assert AuditEntry.objects.filter(kind="access").count() == before
