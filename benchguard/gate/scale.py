"""City-scale visits for the benchmarks (`benchguard seed-scale`).

How many: `BENCHGUARD_SCALE_VISITS` when set (the check-in benchmark, bench/gate.py,
sets 1,000,000); otherwise five per person, so that `seed-scale` stays quick. Each court
gets a gatehouse; the visits are spread over the last three years, all ended (left, or a
few not admitted), by visitors who come back about four times each, with valid resident
IDs encrypted and blind-indexed as the services write them. Generated and inserted in
chunks, so a million rows never sit in memory, as plain rows through one prepared INSERT
per chunk (organization.scale.insert_rows): through `bulk_create` a million visits took
most of a quarter of an hour.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import os
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from benchguard.core.identity import check_character
from benchguard.gate.choices import PostKind, ReturnedHow, VisitStatus
from benchguard.gate.models import IdDeposit, Post, Visit, document_index
from benchguard.organization.scale import (
    ScaleContext,
    indexes_built_after,
    insert_rows,
    next_ids,
    random_name,
    register_generator,
    reset_sequences,
)

CHUNK = 20_000
VISITS_PER_VISITOR = 4
PURPOSES = ("递交材料", "约见承办法官", "查询案件进度", "领取文书", "参加调解", "送达回证")


def target_count(people: int) -> int:
    configured = os.environ.get("BENCHGUARD_SCALE_VISITS")
    return int(configured) if configured else people * 5


@register_generator("gate")
def generate_visits(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    total = target_count(len(ctx.people))
    hosts_by_court: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for person in ctx.people:
        hosts_by_court[person.court_id].append((person.pk, person.department_id))
    accounts_by_court, fallback = ctx.accounts_by_court()
    if total <= 0 or fallback is None:
        return {"visits": 0}
    posts = {}
    for court in ctx.courts:
        post = Post.objects.filter(court=court, kind=PostKind.GATEHOUSE).first()
        posts[court.pk] = post or Post.objects.create(court=court, name="传达室", kind=PostKind.GATEHOUSE)
    courts = [c for c in ctx.courts if hosts_by_court.get(c.pk)]
    # rng.choices(courts, weights) draws exactly this, without summing the weights each time.
    cumulative = list(itertools.accumulate(len(hosts_by_court[c.pk]) for c in courts))
    registrars = {c.pk: accounts_by_court.get(c.pk) or [fallback] for c in courts}
    index_of = _document_indexer()
    now = timezone.now()
    start = Visit.objects.count()
    visit_ids = iter(next_ids(Visit, total))
    deposit_ids = iter(next_ids(IdDeposit, total))
    # Visitors come back (parties, lawyers): each about VISITS_PER_VISITOR times, with the
    # same document and name; so each distinct number is encrypted and indexed once.
    visitors = max(1, total // VISITS_PER_VISITOR)
    known: dict[int, tuple[str, str, str]] = {}
    ciphertexts: dict[str, str] = {}
    with indexes_built_after(Visit, IdDeposit):
        made = 0
        while made < total:
            visits: list[tuple[object, ...]] = []
            deposits: list[tuple[object, ...]] = []
            for index in range(start + made, start + min(made + CHUNK, total)):
                court = rng.choices(courts, cum_weights=cumulative)[0]
                host_id, department_id = rng.choice(hosts_by_court[court.pk])
                arrived = now - dt.timedelta(minutes=rng.randrange(60, 3 * 365 * 24 * 60))
                visitor = start + (index - start) % visitors
                if visitor not in known:
                    born = dt.date(1950, 1, 1) + dt.timedelta(days=visitor % 20000)
                    first17 = f"370211{born:%Y%m%d}{visitor // 20000 % 1000:03d}"
                    number = first17 + check_character(first17)
                    known[visitor] = (number, index_of(number), random_name(rng)[0])
                number, document_index, name = known[visitor]
                left = rng.random() > 0.03
                purpose = rng.choice(PURPOSES)
                registered_by = rng.choice(registrars[court.pk])
                departed = arrived + dt.timedelta(minutes=rng.randrange(10, 240)) if left else None
                closed = None if left else arrived + dt.timedelta(minutes=10)
                visit_id = next(visit_ids)
                post_id = posts[court.pk].pk
                visits.append(
                    (
                        visit_id, court.pk, post_id, name, "resident_id", number, document_index, purpose,
                        host_id, department_id, arrived, registered_by,
                        VisitStatus.DEPARTED if left else VisitStatus.CLOSED,
                        arrived + dt.timedelta(minutes=2) if left else None,
                        departed, closed, "" if left else "被访人未确认。", arrived, arrived,
                    )
                )  # fmt: skip
                deposits.append(
                    (
                        next(deposit_ids), visit_id, post_id, document_index, "S", arrived,
                        departed or closed, ReturnedHow.CHECK_OUT if left else ReturnedHow.CLOSED,
                    )
                )  # fmt: skip
            insert_rows(Visit, VISIT_FIELDS, visits, ciphertexts=ciphertexts)
            insert_rows(IdDeposit, DEPOSIT_FIELDS, deposits)
            made += len(visits)
    reset_sequences(Visit, IdDeposit)
    return {"visits": made}


VISIT_FIELDS = (
    "id", "court_id", "post_id", "visitor_name", "document_kind", "document_number", "document_index",
    "purpose", "host_id", "host_department_id", "arrived_at", "registered_by_id", "status",
    "confirmed_at", "departed_at", "closed_at", "closed_reason", "created_at", "updated_at",
)  # fmt: skip
DEPOSIT_FIELDS = (
    "id", "visit_id", "post_id", "document_index", "slot", "held_since", "returned_at", "returned_how",
)  # fmt: skip


def _document_indexer() -> Callable[[str], str]:
    """models.document_index for resident IDs, with the keyed hash set up once instead of
    once per visit; checked against the real one so the two can never drift apart."""
    key = hashlib.sha256(f"{settings.BLIND_INDEX_KEY}:gate-document-resident_id".encode()).digest()
    keyed = hmac.new(key, digestmod=hashlib.sha256)

    def index(number: str) -> str:
        mac = keyed.copy()
        mac.update(number.encode())
        return mac.hexdigest()

    probe = "11010519491231002X"
    if index(probe) != document_index("resident_id", probe):
        raise ImproperlyConfigured("gate scale data: the document index differs from models.document_index")
    return index
