"""City-scale incidents for the benchmark (`benchguard seed-scale`): two per person over
the years 2019–2026 — 6,000 at 3,000 people — of every kind, each about one or two
people of its court, most closed. The register's first page is measured against them
(bench/run.py). Inserted as plain rows, like the rest of the scale data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from benchguard.incidents.choices import NATURES_BY_KIND, IncidentKind, IncidentStatus, Procedure
from benchguard.incidents.models import Incident
from benchguard.organization.scale import (
    ScaleContext,
    insert_rows,
    next_ids,
    register_generator,
    reset_sequences,
)

INCIDENTS_PER_PERSON = 2
YEARS = range(2019, 2027)


INCIDENT_FIELDS = (
    "id", "court_id", "kind", "nature", "occurred_at", "place", "description", "case_number", "procedure",
    "people_count", "reported_by_id", "reported_at", "status", "closed_at", "closing_note",
)  # fmt: skip


@register_generator("incidents")
def generate_incidents(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    people_by_court: dict[int, list[int]] = defaultdict(list)
    for person in ctx.people:
        people_by_court[person.court_id].append(person.pk)
    accounts_by_court, fallback = ctx.accounts_by_court()
    if not ctx.people or fallback is None:
        return {"incidents": 0}
    now = timezone.now()
    rows: list[tuple[object, ...]] = []
    targets: list[tuple[int, int]] = []
    incident_ids = iter(next_ids(Incident, len(ctx.people) * INCIDENTS_PER_PERSON))
    for _ in range(len(ctx.people) * INCIDENTS_PER_PERSON):
        victim = rng.choice(ctx.people)
        kind = rng.choice(IncidentKind.values)
        occurred = timezone.make_aware(
            dt.datetime(rng.choice(YEARS), 1, 1, 9) + dt.timedelta(days=rng.randrange(0, 330))
        )
        occurred = min(occurred, now - dt.timedelta(days=rng.randrange(1, 60)))
        closed = occurred < now - dt.timedelta(days=90) or rng.random() < 0.5
        nature = rng.choice(NATURES_BY_KIND[kind])
        case_number = f"（{occurred.year}）测{rng.randrange(1, 9999)}号"
        procedure = rng.choice(Procedure.values) if kind == IncidentKind.COURTROOM else ""
        people_count = (
            rng.randrange(1, 40) if kind in (IncidentKind.DISTURBANCE, IncidentKind.GROUP_PETITION) else None
        )
        reported_by = rng.choice(accounts_by_court.get(victim.court_id) or [fallback])
        incident_id = next(incident_ids)
        rows.append(
            (
                incident_id, victim.court_id, kind, nature, occurred, "（规模测试数据）法院周边",
                "（规模测试数据）当事人在法院周边滋扰。", case_number, procedure, people_count, reported_by,
                occurred + dt.timedelta(hours=1), IncidentStatus.CLOSED if closed else IncidentStatus.OPEN,
                occurred + dt.timedelta(days=10) if closed else None,
                "（规模测试数据）已处理。" if closed else "",
            )
        )  # fmt: skip
        colleagues = people_by_court[victim.court_id]
        targets += [(incident_id, person_id) for person_id in sorted({victim.pk, rng.choice(colleagues)})]
    insert_rows(Incident, INCIDENT_FIELDS, rows)
    insert_rows(Incident.targets.through, ("incident_id", "person_id"), targets)
    reset_sequences(Incident)
    return {"incidents": len(rows)}
