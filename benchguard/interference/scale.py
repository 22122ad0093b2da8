"""City-scale interference register (`benchguard seed-scale`; organization/scale.py):
entries for the run's quota judges across the city's courts over the last three years,
recorded by the judge themself (an eighth by a supervisor stand-in), every way of
interfering and every kind of person, an outsider's contact on a third of them. Bulk
inserts, numbered on per court and year after the entries already there; the register
is permanent, so a second run adds more (as the other areas' generators do)."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict

from django.db.models import Max
from django.utils import timezone

from benchguard.cases.choices import Stage
from benchguard.interference.choices import InternalNature, Method, SourceKind
from benchguard.interference.models import Entry
from benchguard.organization.choices import PersonCategory
from benchguard.organization.rights import right_for
from benchguard.organization.scale import ScaleContext, register_generator

REQUESTS = ("希望“关照”一方当事人", "打听合议庭意见", "要求尽快结案", "转递当事人材料", "要求改变管辖")
RESPONSES = ("当场拒绝并登记", "告知依法审理，不接受案外意见", "拒收材料")


def target_count(people: int) -> int:
    configured = os.environ.get("BENCHGUARD_SCALE_INTERFERENCE")
    return int(configured) if configured else people * 2


@register_generator("interference")
def generate_entries(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    judges = [p for p in ctx.people if p.category == PersonCategory.QUOTA_JUDGE and p.account_id]
    accounts_by_court, fallback = ctx.accounts_by_court()
    total = target_count(len(ctx.people))
    if not judges or total <= 0 or fallback is None:
        return {"interference entries": 0}
    right = right_for("independence")
    now = timezone.now()
    last: dict[tuple[int, int], int] = defaultdict(int)
    for row in Entry.objects.values("court_id", "year").annotate(top=Max("sequence")):
        last[(row["court_id"], row["year"])] = row["top"]
    rows: list[Entry] = []
    for _index in range(total):
        judge = rng.choice(judges)
        recorded = now - dt.timedelta(minutes=rng.randrange(60, 3 * 365 * 24 * 60))
        year = timezone.localtime(recorded).year
        last[(judge.court_id, year)] += 1
        sequence = last[(judge.court_id, year)]
        kind = rng.choice(SourceKind.values)
        supervisor = rng.random() < 0.125
        own: int = judge.account_id or fallback
        recorder = rng.choice(accounts_by_court.get(judge.court_id) or [fallback]) if supervisor else own
        rows.append(
            Entry(
                court_id=judge.court_id,
                number=f"{year}-{sequence:04d}",
                year=year,
                sequence=sequence,
                right=right,
                judge_id=judge.pk,
                recorded_by_id=recorder,
                recorded_at=recorded,
                by_supervisor=recorder != judge.account_id,
                source_kind=kind,
                internal_nature=rng.choice([InternalNature.SUPERVISION, InternalNature.IMPROPER])
                if kind == SourceKind.COURT_INSIDER
                else "",
                person_name=f"过问人{rng.randrange(1, 99999):05d}",
                person_unit="某单位",
                person_post="干部",
                person_contact=f"1390000{rng.randrange(0, 9999):04d}" if rng.random() < 0.33 else "",
                occurred_at=recorded - dt.timedelta(hours=rng.randrange(1, 72)),
                method=rng.choice(Method.values),
                request=rng.choice(REQUESTS),
                case_number=f"（{year}）鲁02民初{rng.randrange(1, 9999)}号",
                stage=rng.choice([Stage.FILING, Stage.TRIAL, Stage.ENFORCEMENT]),
                response=rng.choice(RESPONSES),
                affected_handling=rng.random() < 0.02,
            )
        )
    Entry.objects.bulk_create(rows, batch_size=ctx.batch_size)
    return {"interference entries": len(rows)}
