"""City-scale visits for the benchmarks (`benchguard seed-scale`).

How many: `BENCHGUARD_SCALE_VISITS` when set (the check-in benchmark, bench/gate.py,
sets 1,000,000); otherwise five per person, so that `seed-scale` stays quick. Each court
gets a gatehouse; the visits are spread over the last three years, all ended (left, or a
few not admitted), with valid resident IDs encrypted and blind-indexed as the services
write them. Generated and inserted in chunks, so a million rows never sit in memory.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict

from django.utils import timezone

from benchguard.core.identity import check_character
from benchguard.gate.choices import PostKind, ReturnedHow, VisitStatus
from benchguard.gate.models import IdDeposit, Post, Visit, document_index
from benchguard.organization.scale import ScaleContext, random_name, register_generator

CHUNK = 20_000
PURPOSES = ("递交材料", "约见承办法官", "查询案件进度", "领取文书", "参加调解", "送达回证")


def target_count(people: int) -> int:
    configured = os.environ.get("BENCHGUARD_SCALE_VISITS")
    return int(configured) if configured else people * 5


@register_generator("gate")
def generate_visits(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    total = target_count(len(ctx.people))
    hosts_by_court: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    accounts_by_court: dict[int, list[int]] = defaultdict(list)
    for person in ctx.people:
        hosts_by_court[person.court_id].append((person.pk, person.department_id))
        if person.account_id:
            accounts_by_court[person.court_id].append(person.account_id)
    fallback = next((ids[0] for ids in accounts_by_court.values() if ids), None)
    if total <= 0 or fallback is None:
        return {"visits": 0}
    posts = {}
    for court in ctx.courts:
        post = Post.objects.filter(court=court, kind=PostKind.GATEHOUSE).first()
        posts[court.pk] = post or Post.objects.create(court=court, name="传达室", kind=PostKind.GATEHOUSE)
    courts = [c for c in ctx.courts if hosts_by_court.get(c.pk)]
    weights = [len(hosts_by_court[c.pk]) for c in courts]
    now = timezone.now()
    start = Visit.objects.count()
    made = 0
    while made < total:
        visits: list[Visit] = []
        for index in range(start + made, start + min(made + CHUNK, total)):
            court = rng.choices(courts, weights)[0]
            host_id, department_id = rng.choice(hosts_by_court[court.pk])
            arrived = now - dt.timedelta(minutes=rng.randrange(60, 3 * 365 * 24 * 60))
            born = dt.date(1950, 1, 1) + dt.timedelta(days=index % 20000)
            first17 = f"370211{born:%Y%m%d}{index // 20000 % 1000:03d}"
            number = first17 + check_character(first17)
            left = rng.random() > 0.03
            visits.append(
                Visit(
                    court_id=court.pk,
                    post=posts[court.pk],
                    visitor_name=random_name(rng)[0],
                    document_kind="resident_id",
                    document_number=number,
                    document_index=document_index("resident_id", number),
                    purpose=rng.choice(PURPOSES),
                    host_id=host_id,
                    host_department_id=department_id,
                    arrived_at=arrived,
                    registered_by_id=rng.choice(accounts_by_court.get(court.pk) or [fallback]),
                    status=VisitStatus.DEPARTED if left else VisitStatus.CLOSED,
                    confirmed_at=arrived + dt.timedelta(minutes=2) if left else None,
                    departed_at=arrived + dt.timedelta(minutes=rng.randrange(10, 240)) if left else None,
                    closed_at=None if left else arrived + dt.timedelta(minutes=10),
                    closed_reason="" if left else "被访人未确认。",
                    created_at=arrived,
                    updated_at=arrived,
                )
            )
        Visit.objects.bulk_create(visits, batch_size=ctx.batch_size)
        IdDeposit.objects.bulk_create(
            [
                IdDeposit(
                    visit=v,
                    post=v.post,
                    document_index=v.document_index,
                    slot="S",
                    held_since=v.arrived_at,
                    returned_at=v.departed_at or v.closed_at,
                    returned_how=ReturnedHow.CHECK_OUT if v.departed_at else ReturnedHow.CLOSED,
                )
                for v in visits
            ],
            batch_size=ctx.batch_size,
        )
        made += len(visits)
    return {"visits": made}
