"""A phone the desk cannot call is refused with the message in Chinese, and the guard's
typing is kept; the API says the same (issue 9, point 6)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from benchguard.gate.models import Visit
from benchguard.gate.tests.conftest import new_id_number, new_slot


def test_the_desk_refuses_phone_12345_and_keeps_what_was_typed(client_as, gatehouse) -> None:
    visits = Visit.objects.count()
    data = {
        "post": gatehouse.pk,
        "document_number": new_id_number(),
        "visitor_name": "孟凡超",
        "document_kind": "resident_id",
        "host_query": "wlm",
        "purpose": "领取判决书",
        "slot": new_slot(),
        "phone": "12345",
    }
    response = client_as("guard").post(reverse("gate:desk"), data)
    assert response.status_code == 400
    [error] = response.context["form"].errors.as_data()["phone"]
    assert error.code == "phone"
    html = response.content.decode()
    with translation.override("zh-hans"):
        assert str(error.message) in html
    assert 'value="孟凡超"' in html and 'value="12345"' in html
    assert Visit.objects.count() == visits


def test_the_api_refuses_phone_abc(client_as, gatehouse, person_of) -> None:
    data = {
        "post": gatehouse.pk,
        "visitor_name": "孟凡超",
        "document_kind": "resident_id",
        "document_number": new_id_number(),
        "purpose": "领取判决书",
        "host": person_of("judge").pk,
        "slot": new_slot(),
        "phone": "abc",
    }
    response = client_as("guard").post(reverse("api-gate-visit-list"), data, content_type="application/json")
    assert response.status_code == 400
    assert "phone" in response.json()
