"""A person of concern's birth date agrees with their resident ID number, whose digits
7–14 are the birth date (issue 9 point 6): in the form, on the edit page and in the
services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from benchguard.organization.demo import demo_id_number
from benchguard.persons_of_concern import services
from benchguard.persons_of_concern.models import IdentityDocument, PersonOfConcern

pytestmark = pytest.mark.django_db

BORN_1980 = demo_id_number("19800214", "013")  # born 14 February 1980


def test_the_service_refuses_a_birth_date_the_resident_id_contradicts(persona) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_person(
            actor=persona("police"),
            name="秦二一",
            birth_date=dt.date(1980, 2, 15),
            documents=[("resident_id", BORN_1980)],
        )
    assert "birth_date" in caught.value.error_dict
    assert "1980-02-14" in caught.value.messages[0]
    assert not PersonOfConcern.objects.filter(name="秦二一").exists()
    person = services.create_person(
        actor=persona("police"),
        name="秦二一",
        birth_date=dt.date(1980, 2, 14),
        documents=[("resident_id", BORN_1980)],
    )
    assert person.birth_date == dt.date(1980, 2, 14)


def test_without_a_birth_date_the_numbers_is_recorded(persona) -> None:
    person = services.create_person(
        actor=persona("police"), name="尤二二", documents=[("resident_id", BORN_1980)]
    )
    assert PersonOfConcern.objects.get(pk=person.pk).birth_date == dt.date(1980, 2, 14)


def test_a_resident_id_added_later_must_agree_with_the_recorded_birth_date(persona) -> None:
    person = services.create_person(actor=persona("police"), name="许二三", birth_date=dt.date(1981, 2, 14))
    with pytest.raises(ValidationError) as caught:
        services.add_document(actor=persona("police"), person=person, kind="resident_id", number=BORN_1980)
    assert "number" in caught.value.error_dict
    assert not IdentityDocument.objects.filter(person=person).exists()
    # Other documents carry no birth date to compare.
    services.add_document(actor=persona("police"), person=person, kind="passport", number="E87654321")


def test_the_create_form_puts_the_disagreement_next_to_the_birth_date(client_as) -> None:
    response = client_as("police").post(
        reverse("persons_of_concern:person_create"),
        {
            "name": "何二四",
            "birth_date": "1980-12-14",
            "document_kind": "resident_id",
            "document_number": BORN_1980,
            "description": "在立案大厅滋事",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-field-error="birth_date"' in body
    assert "在立案大厅滋事" in body  # nothing typed is lost
    assert not PersonOfConcern.objects.filter(name="何二四").exists()


def test_editing_the_birth_date_against_the_resident_id_is_refused(client_as, persona) -> None:
    shan = PersonOfConcern.objects.get(name="单立新")  # resident ID of 8 March 1975
    url = reverse("persons_of_concern:person_edit", args=[shan.pk])
    data = {
        "name": shan.name,
        "sex": "male",
        "birth_date": "1975-08-03",
        "description": "",
        "version": shan.version,
    }
    response = client_as("police").post(url, data)
    assert response.status_code == 200 and 'data-field-error="birth_date"' in response.content.decode()
    assert PersonOfConcern.objects.get(pk=shan.pk).birth_date == dt.date(1975, 3, 8)
    with pytest.raises(ValidationError) as caught:
        services.update_person(
            actor=persona("police"),
            person=shan,
            expected_version=shan.version,
            changes={"birth_date": dt.date(1975, 8, 3)},
        )
    assert "birth_date" in caught.value.error_dict
    assert PersonOfConcern.objects.get(pk=shan.pk).birth_date == dt.date(1975, 3, 8)
