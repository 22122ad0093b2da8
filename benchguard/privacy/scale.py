"""City-scale exposure cases for the benchmarks (`benchguard seed-scale`): one per thirty
generated people, mostly online with one takedown notice each (sent, then removed or
refused), a few internal; over the last three years. Bulk inserts."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from benchguard.organization.rights import right_for
from benchguard.organization.scale import ScaleContext, register_generator
from benchguard.privacy.choices import CaseKind, CaseStatus, Exposed, NoticeStatus, Notifier
from benchguard.privacy.models import ExposureCase, NoticeTransition, TakedownNotice

PEOPLE_PER_CASE = 30


@register_generator("privacy")
def generate_privacy(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    accounts_by_court, fallback = ctx.accounts_by_court()
    if not ctx.people or fallback is None:
        return {"exposure_cases": 0, "takedown_notices": 0}
    right = right_for("privacy")
    today = timezone.localdate()
    cases = []
    for i in range(len(ctx.people) // PEOPLE_PER_CASE):
        person = rng.choice(ctx.people)
        kind = CaseKind.ONLINE if rng.random() < 0.9 else rng.choice(CaseKind.values[1:])
        cases.append(
            ExposureCase(
                court_id=person.court_id,
                right=right,
                kind=kind,
                person=person,
                exposed=rng.sample(Exposed.values, k=rng.randint(1, 3)),
                platform="某论坛" if kind == CaseKind.ONLINE else "",
                url=f"https://scale.example.cn/t/{i}" if kind == CaseKind.ONLINE else "",
                description="个人信息被公开",
                found_on=today - dt.timedelta(days=rng.randrange(0, 3 * 365)),
                status=rng.choices([CaseStatus.CLOSED, CaseStatus.OPEN], weights=[8, 2])[0],
                registered_by_id=rng.choice(accounts_by_court.get(person.court_id) or [fallback]),
            )
        )
    created = ExposureCase.objects.bulk_create(cases, batch_size=ctx.batch_size)
    if any(case.pk is None for case in created):  # a backend that does not return ids
        created = list(ExposureCase.objects.filter(url__startswith="https://scale.example.cn/t/"))
    notices = []
    for case in created:
        if case.kind != CaseKind.ONLINE:
            continue
        notices.append(
            TakedownNotice(
                exposure=case,
                recipient="某论坛运营公司",
                notifier=Notifier.COURT,
                notifier_name="本院",
                contact="0532",
                body="删除通知",
                status=rng.choice([NoticeStatus.REMOVED, NoticeStatus.REFUSED]),
                sent_via="平台投诉通道",
                drafted_by_id=case.registered_by_id,
            )
        )
    TakedownNotice.objects.bulk_create(notices, batch_size=ctx.batch_size)
    if any(notice.pk is None for notice in notices):
        notices = list(TakedownNotice.objects.filter(exposure__url__startswith="https://scale.example.cn/t/"))
    history = [
        NoticeTransition(notice=notice, from_status=before, to_status=after, by_id=notice.drafted_by_id)
        for notice in notices
        for before, after in (("", NoticeStatus.DRAFTED), (NoticeStatus.DRAFTED, NoticeStatus.SENT),
                              (NoticeStatus.SENT, notice.status))
    ]  # fmt: skip
    NoticeTransition.objects.bulk_create(history, batch_size=ctx.batch_size)
    return {"exposure_cases": len(created), "takedown_notices": len(notices)}
