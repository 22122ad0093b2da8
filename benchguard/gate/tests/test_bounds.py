"""A phone the desk cannot call is refused with the message in Chinese, and the guard's
typing is kept; the API says the same (issue 9, point 6)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from benchguard.gate.models import Visit
from benchguard.gate.tests.conftest import api_data, desk_data


def test_the_desk_refuses_phone_12345_and_keeps_what_was_typed(client_as, gatehouse) -> None:
    visits = Visit.objects.count()
    data = desk_data(gatehouse, phone="12345")
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
    data = api_data(gatehouse, person_of, phone="abc")
    response = client_as("guard").post(reverse("api-gate-visit-list"), data, content_type="application/json")
    assert response.status_code == 400
    assert "phone" in response.json()
