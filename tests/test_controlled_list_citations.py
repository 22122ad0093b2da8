"""A controlled-list entry rests on incidents linked to the person (A15). Linking is the
incident register's, proposing the list's: the story crosses both areas, so it sits
with the project-wide tests, with the persons-of-concern fixtures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from benchguard.incidents import services as incident_services
from benchguard.incidents.models import Incident
from benchguard.persons_of_concern import services
from benchguard.persons_of_concern.models import ControlledListEntry
from benchguard.persons_of_concern.tests import conftest as poc_fixtures

pytestmark = pytest.mark.django_db

make_person = poc_fixtures.make_person


def test_an_entry_names_only_incidents_linked_to_the_person(make_person, persona) -> None:
    person = make_person("冯十二")
    threat = Incident.objects.get(place="法官住所小区门口")
    today = timezone.localdate()
    facts = {
        "actor": persona("police"),
        "person": person,
        "legal_basis": "依据",
        "level": "key",
        "review_date": today,
        "expires_on": today + dt.timedelta(days=30),
    }
    with pytest.raises(ValidationError) as caught:
        services.propose_entry(**facts, incidents=[threat])
    assert "incidents" in caught.value.error_dict
    assert not ControlledListEntry.objects.filter(person=person).exists()

    incident_services.link_perpetrator(actor=persona("police"), incident=threat, person=person)
    entry = services.propose_entry(**facts, incidents=[threat])
    assert list(entry.incidents.all()) == [threat]
