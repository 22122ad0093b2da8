"""Incidents are classified by the taxonomy of rights (A3) and the register filters by it."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from benchguard.incidents import services
from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.incidents.models import Incident
from benchguard.organization.models import Account, RightCategory
from benchguard.organization.rights import right_for


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


def test_the_reporter_chooses_the_category_and_a_cleared_one_goes_back_to_the_kinds(
    report: Callable[..., Incident], persona: Callable[[str], Account]
) -> None:
    chosen = report(IncidentKind.THREAT, right=right_for("family"))
    assert chosen.right == right_for("family")

    cleared = services.update_incident(
        actor=persona("police"), incident=chosen, expected_version=chosen.version, changes={"right": None}
    )
    assert cleared.right == right_for("personal-safety")


def test_the_report_form_offers_the_active_categories_only(client_as: Callable[[str | None], Client]) -> None:
    RightCategory.objects.filter(code="career").update(is_active=False)

    form = client_as("judge").get(reverse("incidents:report", args=["threat"])).context["form"]

    offered = set(form.fields["right"].queryset.values_list("code", flat=True))
    assert "family" in offered and "career" not in offered
    assert not form.fields["right"].required


def test_an_edit_keeps_a_retired_category_the_incident_has(
    report: Callable[..., Incident], client_as: Callable[[str | None], Client]
) -> None:
    incident = report(IncidentKind.THREAT, right=right_for("career"))
    RightCategory.objects.filter(code="career").update(is_active=False)

    form = client_as("police").get(reverse("incidents:incident_edit", args=[incident.pk])).context["form"]

    assert "career" in set(form.fields["right"].queryset.values_list("code", flat=True))
