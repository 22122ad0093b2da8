"""The matters API: same scoping and services as the pages; 400 for a refusal, 409 for a
stale version."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from benchguard.matters.choices import MatterStatus
from benchguard.matters.models import Matter


def _accept(client: Client, matter: Matter) -> Any:
    """POST the accept transition at the version the client last saw."""
    return client.post(
        f"/api/matters/{matter.pk}/accept/", {"version": matter.version}, content_type="application/json"
    )


@pytest.mark.parametrize(("who", "answer"), [("office", 200), ("judge", 403)])  # the judge applied
def test_the_office_accepts_through_the_api_and_the_applicant_cannot(
    who: str, answer: int, client_as: Callable[[str | None], Client], application: Callable[..., Matter]
) -> None:
    response = _accept(client_as(who), application("judge"))
    assert response.status_code == answer
    if answer == 200:
        assert response.json()["status"] == MatterStatus.ACCEPTED
        assert response.json()["due_date"]


def test_a_stale_version_answers_409_and_a_refusal_400(
    client_as: Callable[[str | None], Client], application: Callable[..., Matter]
) -> None:
    matter = application("judge")
    office = client_as("office")
    url = f"/api/matters/{matter.pk}/"
    office.post(url + "accept/", {"version": matter.version}, content_type="application/json")
    stale = office.post(
        url + "decline/", {"version": matter.version, "reason": "x"}, content_type="application/json"
    )
    assert stale.status_code == 409
    matter.refresh_from_db()
    refused = office.post(url + "accept/", {"version": matter.version}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["detail"]


def test_the_list_is_scoped_like_the_pages(
    client_as: Callable[[str | None], Client], application: Callable[..., Matter]
) -> None:
    mine = application("judge")
    numbers = {row["number"] for row in client_as("judge").get("/api/matters/").json()["results"]}
    assert mine.number in numbers
    applicants = set(
        Matter.objects.filter(number__in=numbers, court=mine.court).values_list(
            "applicant__account__username", flat=True
        )
    )
    assert applicants == {"judge"}
    assert client_as("judge2").get("/api/matters/").json()["count"] == 0
