"""City-scale incidents for the benchmark (`benchguard seed-scale`): two per person over
the years 2019–2026 — 6,000 at 3,000 people — of every kind, each about one or two
people of its court, most closed. The register's first page is measured against them
(bench/run.py). Bulk-inserted, like the rest of the scale data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from benchguard.incidents.choices import NATURES_BY_KIND, IncidentKind, IncidentStatus, Procedure
from benchguard.incidents.models import Incident
from benchguard.organization.scale import ScaleContext, register_generator

INCIDENTS_PER_PERSON = 2
YEARS = range(2019, 2027)


@register_generator("incidents")
def generate_incidents(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    people_by_court: dict[int, list[int]] = defaultdict(list)
    accounts_by_court: dict[int, list[int]] = defaultdict(list)
    for person in ctx.people:
        people_by_court[person.court_id].append(person.pk)
        if person.account_id:
            accounts_by_court[person.court_id].append(person.account_id)
    fallback = next((ids[0] for ids in accounts_by_court.values() if ids), None)
    if not ctx.people or fallback is None:
        return {"incidents": 0}
    now = timezone.now()
    rows: list[Incident] = []
    targets: list[list[int]] = []
    for _ in range(len(ctx.people) * INCIDENTS_PER_PERSON):
        victim = rng.choice(ctx.people)
        kind = rng.choice(IncidentKind.values)
        occurred = timezone.make_aware(
            dt.datetime(rng.choice(YEARS), 1, 1, 9) + dt.timedelta(days=rng.randrange(0, 330))
        )
        occurred = min(occurred, now - dt.timedelta(days=rng.randrange(1, 60)))
        closed = occurred < now - dt.timedelta(days=90) or rng.random() < 0.5
        rows.append(
            Incident(
                court_id=victim.court_id,
                kind=kind,
                nature=rng.choice(NATURES_BY_KIND[kind]),
                occurred_at=occurred,
                place="（规模测试数据）法院周边",
                description="（规模测试数据）当事人在法院周边滋扰。",
                case_number=f"（{occurred.year}）测{rng.randrange(1, 9999)}号",
                procedure=rng.choice(Procedure.values) if kind == IncidentKind.COURTROOM else "",
                people_count=rng.randrange(1, 40)
                if kind in (IncidentKind.DISTURBANCE, IncidentKind.GROUP_PETITION)
                else None,
                reported_by_id=rng.choice(accounts_by_court.get(victim.court_id) or [fallback]),
                reported_at=occurred + dt.timedelta(hours=1),
                status=IncidentStatus.CLOSED if closed else IncidentStatus.OPEN,
                closed_at=occurred + dt.timedelta(days=10) if closed else None,
                closing_note="（规模测试数据）已处理。" if closed else "",
            )
        )
        colleagues = people_by_court[victim.court_id]
        targets.append(sorted({victim.pk, rng.choice(colleagues)}))
    Incident.objects.bulk_create(rows, batch_size=ctx.batch_size)
    through = Incident.targets.through
    through.objects.bulk_create(
        [
            through(incident_id=incident.pk, person_id=person_id)
            for incident, ids in zip(rows, targets, strict=True)
            for person_id in ids
        ],
        batch_size=ctx.batch_size,
    )
    return {"incidents": len(rows)}
