"""The pursuit of liability per infringer (A5, A17): one structured record on an event, a
committee matter or an incident, shown on their pages (core/sections.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from benchguard.incidents.models import Incident
from benchguard.matters.models import Matter
from benchguard.organization.models import Account
from benchguard.reputation import services
from benchguard.reputation.choices import ReferredTo
from benchguard.reputation.models import Liability

pytestmark = pytest.mark.django_db


def test_the_matter_page_carries_the_section_and_the_section_lists_its_pursuits(
    client_as: Callable[[str | None], Client],
) -> None:
    liability = Liability.objects.exclude(matter=None).get()
    matter = liability.matter
    assert matter is not None
    client = client_as("office")
    page = client.get(f"/matters/{matter.pk}/").content.decode()
    assert f"/reputation/matters/{matter.pk}/liability/" in page
    section = client.get(f"/reputation/matters/{matter.pk}/liability/").content.decode()
    assert liability.infringer in section and "青岛市公安局市南分局" in section
    assert client_as("judge2").get(f"/reputation/matters/{matter.pk}/liability/").status_code == 404


def test_an_incident_gets_a_pursuit_of_liability_and_its_outcome(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    office = persona("office")
    incident = Incident.objects.filter(court__division_code="370200").order_by("id").first()
    assert incident is not None
    today = timezone.localdate()
    response = client_as("office").post(
        f"/reputation/liability/incident/{incident.pk}/add/",
        {"infringer": "张某", "conduct": "在法院门口拉横幅", "referred_to": ReferredTo.POLICE,
         "referred_to_name": "派出所", "referred_on": today.isoformat(), "outcome": "", "outcome_on": ""},
    )  # fmt: skip
    assert response.status_code == 302
    row = Liability.objects.get(incident=incident)
    assert row.court_id == incident.court_id and row.recorded_by == office
    with pytest.raises(ValidationError) as early:
        services.record_liability_outcome(
            actor=office, liability=row, expected_version=row.version, outcome="罚款",
            outcome_on=today - dt.timedelta(days=1),
        )  # fmt: skip
    assert early.value.error_dict["outcome_on"][0].code == "order"
    row = services.record_liability_outcome(
        actor=office, liability=row, expected_version=row.version, outcome="行政拘留五日", outcome_on=today
    )
    assert (
        "行政拘留五日"
        in client_as("office").get(f"/reputation/incidents/{incident.pk}/liability/").content.decode()
    )


def test_only_the_office_records_and_only_on_a_record_it_sees(persona: Callable[[str], Account]) -> None:
    matter = Matter.objects.filter(court__division_code="370200").order_by("id").first()
    assert matter is not None
    kwargs = {
        "parent": matter, "infringer": "某某", "conduct": "…", "referred_to": ReferredTo.CIVIL_SUIT,
        "referred_on": timezone.localdate(),
    }  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.record_liability(actor=persona("chair"), **kwargs)
    with pytest.raises(PermissionDenied):
        services.record_liability(actor=persona("judge2"), **kwargs)
    with pytest.raises(ValidationError) as unpaired:
        services.record_liability(actor=persona("office"), outcome="胜诉", **kwargs)
    assert unpaired.value.error_dict["outcome_on"][0].code == "pair"
