"""A person of concern's incidents, served by the register to the person's page (A15):
the same people see them as before the list moved out of that page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.incidents.demo import FIRST_PLACE
from benchguard.incidents.models import Incident
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Court
from benchguard.persons_of_concern.models import PersonOfConcern

pytestmark = pytest.mark.django_db


def shan() -> PersonOfConcern:
    return PersonOfConcern.objects.get(name="单立新")


def partial_url(person: PersonOfConcern) -> str:
    return reverse("incidents:person_incidents", args=[person.pk])


def test_the_person_page_loads_the_list_from_the_register(client_as: Callable[[str | None], Client]) -> None:
    page = client_as("police").get(reverse("persons_of_concern:person_detail", args=[shan().pk]))
    assert page.status_code == 200
    assert f'hx-get="{partial_url(shan())}"' in page.content.decode()


def test_the_police_of_the_incidents_court_open_it_from_the_list(
    client_as: Callable[[str | None], Client],
) -> None:
    threat = Incident.objects.get(place=FIRST_PLACE)
    response = client_as("police").get(partial_url(shan()))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="incidents"' in html
    assert f'href="{reverse("incidents:incident_detail", args=[threat.pk])}"' in html


def test_a_reader_of_another_court_sees_the_incident_but_cannot_open_it() -> None:
    shinan = org.create_account(actor=None, username="police_shinan", display_name="市南法警", password=None)
    org.assign_role(
        actor=None, account=shinan, role=Role.JUDICIAL_POLICE, court=Court.objects.get(division_code="370202")
    )
    client = Client()
    client.force_login(shinan)
    threat = Incident.objects.get(place=FIRST_PLACE)
    response = client.get(partial_url(shan()))
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{timezone.localtime(threat.occurred_at):%Y-%m-%d} · {threat.court.short_name}" in html
    assert reverse("incidents:incident_detail", args=[threat.pk]) not in html


@pytest.mark.parametrize("username", ["judge", "judge2", "guard", "clerk", "outsider", "cityadmin"])
def test_whoever_cannot_see_the_person_finds_nothing(
    client_as: Callable[[str | None], Client], username: str
) -> None:
    assert client_as(username).get(partial_url(shan())).status_code == 404
