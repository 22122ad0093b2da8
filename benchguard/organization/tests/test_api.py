"""The directory API: same scoping as the pages, session or token authentication."""

from collections.abc import Callable

from django.test import Client
from rest_framework.authtoken.models import Token

from benchguard.organization.models import Account, Person


def test_a_token_reads_the_people_of_its_own_court(persona: Callable[[str], Account]) -> None:
    token = Token.objects.create(user=persona("judge2"))
    response = Client().get("/api/people/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    courts = {row["court"] for row in response.json()["results"]}
    assert courts == {"青岛市市南区人民法院"}


def test_another_courts_person_is_404_not_403(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    assert client_as("judge2").get(f"/api/people/{judge.pk}/").status_code == 404


def test_private_details_are_not_in_the_api(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    body = client_as("personnel").get(f"/api/people/{person_of('judge').pk}/").json()
    assert body["name"] == "王立明"
    assert not {"home_address", "private_phone", "id_number", "family_members"} & set(body)


def test_anonymous_calls_are_told_to_authenticate(db: None) -> None:
    response = Client().get("/api/people/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_the_openapi_schema_describes_the_people_endpoint(
    client_as: Callable[[str | None], Client],
) -> None:
    schema = client_as("office").get("/api/schema/", {"format": "json"}).json()
    assert "/api/people/" in schema["paths"]
