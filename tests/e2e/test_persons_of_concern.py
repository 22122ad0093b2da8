"""A person of concern's page in a real browser, in Chinese (A15): the incidents behind
the person arrive from the incident register (an htmx partial loaded with the page),
and the police open their court's incident from there."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_the_police_open_a_persons_incident_from_the_persons_page(demo: Any, open_page: OpenPage) -> None:
    from benchguard.incidents.demo import FIRST_PLACE
    from benchguard.incidents.models import Incident
    from benchguard.persons_of_concern.models import PersonOfConcern

    shan = PersonOfConcern.objects.get(name="单立新")
    threat = Incident.objects.get(place=FIRST_PLACE)
    police = signed_in(open_page, "police", demo.DEMO_PASSWORD)
    page = police.page
    page.goto(reverse("persons_of_concern:person_detail", args=[shan.pk]))
    incidents = page.locator('[data-testid="incidents"]')
    expect(incidents).to_be_visible()
    expect(page.locator('[data-testid="incidents-slot"]')).to_have_count(0)  # replaced by the list
    police.screenshot("persons-of-concern-person-incidents")
    police.assert_self_contained()
    detail = reverse("incidents:incident_detail", args=[threat.pk])
    incidents.locator(f'a[href="{detail}"]').click()
    expect(page).to_have_url(f"{police.origin}{detail}")
