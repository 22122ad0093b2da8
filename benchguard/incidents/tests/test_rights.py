"""Incidents are classified by the taxonomy of rights (A3) and the register filters by it."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.incidents.models import Incident


def test_an_incident_is_classified_by_what_was_done(report: Callable[..., Incident]) -> None:
    threat = report(IncidentKind.THREAT)
    home = report(IncidentKind.THREAT, nature=Nature.HARM_HOME)
    damage = report(IncidentKind.CRIME, nature=Nature.PROPERTY_DAMAGE)

    assert threat.right is not None and threat.right.code == "personal-safety"
    assert home.right is not None and home.right.code == "property"
    assert damage.right is not None and damage.right.code == "property"


def test_the_register_lists_the_incidents_of_one_category(
    report: Callable[..., Incident], client_as: Callable[[str | None], Client]
) -> None:
    home = report(IncidentKind.THREAT, nature=Nature.HARM_HOME)
    threat = report(IncidentKind.THREAT)

    page = client_as("police").get(reverse("incidents:incident_list"), {"right": "property"})

    shown = {incident.pk for incident in page.context["page"].object_list}
    assert home.pk in shown and threat.pk not in shown
    assert all(incident.right.code == "property" for incident in page.context["page"].object_list)
