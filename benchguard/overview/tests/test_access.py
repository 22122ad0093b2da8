"""Who opens the leaders' overview (A30): the intermediate court's leaders and office see
the city, a base court's leader their court; anyone else is refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from benchguard.organization.models import Account, Court

OVERVIEW = reverse("overview:overview")


@pytest.mark.parametrize("username", ["chair", "vicechair", "leader", "office"])
def test_the_intermediate_courts_leaders_and_office_see_the_city(
    client_as: Callable[[str | None], Client], username: str, shinan: Court
) -> None:
    response = client_as(username).get(OVERVIEW)
    assert response.status_code == 200
    assert response.context["city"] is True
    assert shinan in response.context["courts"]
    assert b'data-testid="court-filter"' in response.content


def test_a_base_courts_leader_sees_their_court_only(
    client: Client, shinan_leader: Account, shinan: Court, court: Court
) -> None:
    client.force_login(shinan_leader)
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert response.context["city"] is False
    assert response.context["courts"] == [shinan]
    assert b'data-testid="court-filter"' not in response.content
    # The intermediate court is not theirs to choose: as if it did not exist.
    assert client.get(OVERVIEW, {"court": court.pk}).status_code == 404
    assert client.get(reverse("overview:export"), {"court": court.pk}).status_code == 404


@pytest.mark.parametrize("username", ["judge", "staff", "police", "guard", "judge2", "outsider", "cityadmin"])
def test_others_are_refused(client_as: Callable[[str | None], Client], username: str) -> None:
    assert client_as(username).get(OVERVIEW).status_code == 403
    assert client_as(username).get(reverse("overview:export")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_city_viewer_narrows_to_a_base_court_and_no_other(
    client_as: Callable[[str | None], Client], shinan: Court
) -> None:
    chair = client_as("chair")
    response = chair.get(OVERVIEW, {"court": shinan.pk})
    assert response.status_code == 200
    assert response.context["court"] == shinan
    for figure in response.context["figures"]:
        # A number links only with the court chosen (the chair reads the controlled list
        # city-wide, not Shinan's incidents: those are counted, not linked).
        assert all(f"court={shinan.pk}" in bar.url for bar in figure.bars if bar.url), figure.key
    assert chair.get(OVERVIEW, {"court": "999999"}).status_code == 404
    assert chair.get(OVERVIEW, {"court": "x"}).status_code == 404
    higher = Court.objects.get(level="high")
    assert chair.get(OVERVIEW, {"court": higher.pk}).status_code == 404


def test_each_viewer_gets_only_the_figures_of_lists_they_open(
    client_as: Callable[[str | None], Client],
) -> None:
    """The office reads the register of matters and the controlled list but not the
    visits register; a leader who is no committee officer the reverse for matters."""

    def keys(username: str) -> set[str]:
        return {figure.key for figure in client_as(username).get(OVERVIEW).context["figures"]}

    office, leader, chair = keys("office"), keys("leader"), keys("chair")
    assert {"open-matters", "controlled-list", "incidents-by-kind"} <= office
    assert "holds-now" not in office
    assert "open-matters" not in leader
    assert {"holds-now", "holds-by-month", "controlled-list", "incidents-by-month"} <= leader
    assert {"open-matters", "overdue-matters", "holds-now", "controlled-list"} <= chair
