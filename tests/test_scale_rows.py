"""The scale generators' plain-row inserts (organization.scale.insert_rows): the rows are
what the services would write — encrypted, blind-indexed, valid — and ids go on after
them. Small runs only; the timing at city scale belongs to `bench/`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from benchguard.core.crypto import decrypt
from benchguard.core.identity import validate_resident_id
from benchguard.gate.models import IdDeposit, Post, Visit, document_index
from benchguard.incidents.models import Incident
from benchguard.matters.models import Matter
from benchguard.organization.models import Court
from benchguard.persons_of_concern.models import IdentityDocument, NameKey, PersonName, PhoneNumber

pytestmark = pytest.mark.django_db


def test_visits_deposits_matters_and_incidents_are_written_as_the_services_write_them() -> None:
    call_command("seed_scale", courts=3, people=120, seed=7, stdout=io.StringIO())

    visits = Visit.objects.filter(document_number__isnull=False).order_by("-pk")[:600]
    assert len(visits) == 600  # five per person
    for visit in visits[:50]:
        visit.full_clean()
        validate_resident_id(visit.document_number)  # decrypts to a valid number
        assert visit.document_index == document_index("resident_id", visit.document_number)
        assert visit.deposit.document_index == visit.document_index
        assert visit.deposit.returned_at is not None and visit.deposit.held_since == visit.arrived_at
    with connection.cursor() as cursor:
        cursor.execute("SELECT document_number FROM gate_visit WHERE id = %s", [visits[0].pk])
        stored = cursor.fetchone()[0]
    assert stored != visits[0].document_number and decrypt(stored) == visits[0].document_number
    assert IdDeposit.objects.filter(visit__in=[v.pk for v in visits]).count() == 600
    assert Matter.objects.count() >= 800 and Incident.objects.count() >= 240
    for matter in Matter.objects.order_by("-pk")[:20]:
        matter.full_clean()
    for incident in Incident.objects.order_by("-pk")[:20]:
        incident.full_clean()
        assert incident.targets.exists()
    for document in IdentityDocument.objects.order_by("-pk")[:10]:
        document.full_clean()
    assert PhoneNumber.objects.exists()
    name = PersonName.objects.order_by("-pk").first()
    assert name is not None and NameKey.objects.filter(name=name).exists()

    # Rows made afterwards number on after the explicit ids.
    court = Court.objects.get(pk=visits[0].court_id)
    highest = Visit.objects.order_by("-pk").values_list("pk", flat=True)[0]
    post = Post.objects.get(pk=visits[0].post_id)
    later = Visit.objects.create(
        court=court,
        post=post,
        visitor_name="张三",
        document_kind="resident_id",
        document_number=visits[0].document_number,
        document_index=visits[0].document_index,
        purpose="递交材料",
        host_id=visits[0].host_id,
        registered_by_id=visits[0].registered_by_id,
        status="departed",
    )
    assert later.pk > highest
