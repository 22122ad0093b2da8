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


def test_cases_and_parties_are_written_as_the_filing_service_writes_them() -> None:
    from benchguard.cases.choices import PartyKind
    from benchguard.cases.models import Case, Party, PartyScreening, party_document_index
    from benchguard.cases.numbers import parse_case_number
    from benchguard.cases.services import parse_number_of

    before = Case.objects.count()
    call_command("seed_scale", courts=3, people=120, seed=7, stdout=io.StringIO())

    cases = Case.objects.order_by("-pk")[:1200]
    assert Case.objects.count() - before == 1200  # ten per person
    for case in cases[:100]:
        case.full_clean()
        parsed = parse_number_of(case.court, case.number)  # the court's own code, the official form
        assert (parsed.year, parsed.type_code, parsed.sequence) == (case.year, case.type_code, case.sequence)
        assert str(parse_case_number(case.number)) == case.number and case.filed_on.year == case.year
        assert case.judge is not None and case.judge.court_id == case.court_id
        assert case.judge.category == "quota_judge" and case.judge.is_active
        assert case.division is not None and case.division.court_id == case.court_id
    # Numbers run without gaps per court, year and type, in the order of filing.
    by_key: dict[tuple[int, int, str], list[tuple[object, int]]] = {}
    for case in Case.objects.filter(pk__in=[c.pk for c in cases]).order_by("filed_on", "pk"):
        key = (case.court_id, case.year, case.type_code)
        by_key.setdefault(key, []).append((case.filed_on, case.sequence))
    for rows in by_key.values():
        sequences = [sequence for _day, sequence in rows]
        assert sequences == list(range(sequences[0], sequences[0] + len(sequences)))
    parties = Party.objects.filter(case__in=[c.pk for c in cases])
    counts = {c.pk: 0 for c in cases}
    for case_id in parties.values_list("case_id", flat=True):
        counts[case_id] += 1
    assert set(counts.values()) <= {1, 2, 3, 4} and min(counts.values()) >= 1
    people = list(parties.filter(kind=PartyKind.PERSON).order_by("-pk")[:50])
    assert people and parties.filter(kind=PartyKind.ORGANISATION).exists()
    for party in people:
        party.full_clean()
        assert party.document_kind == "resident_id" and party.screened_at is not None
        validate_resident_id(party.document_number)  # decrypts to a valid number
        # The look-up by document, as the pages and screening make it, finds the party.
        index = party_document_index("resident_id", party.document_number)
        assert party.document_index == index
        assert Party.objects.filter(document_index=index, pk=party.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT document_number FROM cases_party WHERE id = %s", [people[0].pk])
        stored = cursor.fetchone()[0]
    assert stored != people[0].document_number and decrypt(stored) == people[0].document_number
    for party in parties.filter(kind=PartyKind.ORGANISATION)[:10]:
        party.full_clean()
        assert party.document_number == "" and party.document_index == "" and party.screened_at is None
    assert not PartyScreening.objects.filter(party__in=parties).exists()  # none computed (cases/scale.py)

    # Cases filed afterwards through the service number on after them; their numbers are taken.
    from django.core.exceptions import ValidationError

    from benchguard.cases import services
    from benchguard.organization.models import Account

    court = Court.objects.get(division_code="370200")
    last = Case.objects.filter(court=court, type_code="民终").order_by("-year", "-sequence").first()
    assert last is not None
    clerk = Account.objects.get(username="clerk")
    with pytest.raises(ValidationError):
        services.file_case(
            actor=clerk, court=court, number=last.number, cause="民间借贷纠纷", filed_on=last.filed_on
        )
    later = services.file_case(
        actor=clerk,
        court=court,
        number=f"（{last.year}）{court.case_code}民终{last.sequence + 1}号",
        cause="民间借贷纠纷",
        filed_on=last.filed_on,
        parties=[{"kind": "person", "role": "appellant", "name": "张三"}],
    )
    assert later.pk > max(c.pk for c in cases)
    assert later.parties.get().pk > max(p.pk for p in people)


def test_generated_cases_leave_the_demos_numbers_of_this_year_free(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import timezone

    from benchguard.cases import demo
    from benchguard.cases.models import Case

    court = Court.objects.get(division_code=demo.INTERMEDIATE)
    year = timezone.localdate().year
    mine = Case.objects.filter(court=court, year=year)
    # The next numbers after the demo's own (loaded with the test database) stand in for
    # the demo's, as if seed-demo were to come after seed-scale.
    reserved = tuple(
        (
            code,
            (
                mine.filter(type_code=code).order_by("-sequence").values_list("sequence", flat=True).first()
                or 0
            )
            + 1,
        )
        for code in ("民初", "民终")
    )
    monkeypatch.setattr(demo, "NUMBERS", reserved)
    before = set(mine.values_list("pk", flat=True))
    call_command("seed_scale", courts=3, people=120, seed=7, stdout=io.StringIO())

    made = mine.exclude(pk__in=before)
    for code, sequence in reserved:
        numbers = set(made.filter(type_code=code).values_list("sequence", flat=True))
        assert numbers and sequence not in numbers and sequence + 1 in numbers
