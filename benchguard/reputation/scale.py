"""City-scale public-opinion events for the benchmarks (`benchguard seed-scale`): one per
twenty generated people, about a judge of the run, spread over the last three years,
most of them closed. Bulk inserts; no screenshots or clarifications."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from benchguard.organization.rights import right_for
from benchguard.organization.scale import ScaleContext, register_generator
from benchguard.reputation.choices import EventKind, EventOrigin, EventStatus
from benchguard.reputation.models import OpinionEvent

PEOPLE_PER_EVENT = 20
PLATFORMS = ["微博", "微信公众号", "某论坛", "某短视频平台", "某新闻客户端"]


@register_generator("reputation")
def generate_reputation(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    accounts_by_court, fallback = ctx.accounts_by_court()
    if not ctx.people or fallback is None:
        return {"opinion_events": 0}
    right = right_for("reputation")
    today = timezone.localdate()
    rows = []
    for _ in range(len(ctx.people) // PEOPLE_PER_EVENT):
        judge = rng.choice(ctx.people)
        rows.append(
            OpinionEvent(
                court_id=judge.court_id,
                right=right,
                kind=rng.choice(EventKind.values),
                origin=rng.choice(EventOrigin.values),
                judge=judge,
                platform=rng.choice(PLATFORMS),
                summary="网络发布的不实信息",
                found_on=today - dt.timedelta(days=rng.randrange(0, 3 * 365)),
                status=rng.choices(EventStatus.values, weights=[1, 1, 6])[0],
                registered_by_id=rng.choice(accounts_by_court.get(judge.court_id) or [fallback]),
            )
        )
    OpinionEvent.objects.bulk_create(rows, batch_size=ctx.batch_size)
    return {"opinion_events": len(rows)}
