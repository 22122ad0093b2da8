"""City-scale matters for the benchmark (`benchguard seed-scale`): about 20,000 at
3,000 people, spread over the courts by their size and over the years 2019–2026, most
closed, some open — the office inbox is measured against them (bench/run.py).

Inserted as plain rows like the rest of the scale data (organization.scale.insert_rows); each
court's numbers run without gaps per year and the registration counters are set to
match, so matters registered afterwards through the services number on correctly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from benchguard.matters.choices import Channel, MatterStatus, Origin, Subject
from benchguard.matters.models import Matter, MatterSettings, RegistrationCounter
from benchguard.organization.models import Person
from benchguard.organization.scale import ScaleContext, insert_rows, register_generator

OFFICE_STAFF = 4  # handlers of matters per court
MATTERS_PER_PERSON = 20 / 3  # 20,000 matters for 3,000 people
YEARS = range(2019, 2027)
# Share of each status among generated matters: most are history.
STATUS_WEIGHTS = [
    (MatterStatus.CLOSED, 70),
    (MatterStatus.DECLINED, 10),
    (MatterStatus.APPEALED, 3),
    (MatterStatus.FEEDBACK_GIVEN, 5),
    (MatterStatus.ACCEPTED, 8),
    (MatterStatus.SUSPENDED, 1),
    (MatterStatus.SUBMITTED, 3),
]


MATTER_FIELDS = (
    "court_id", "year", "sequence", "number", "origin", "channel", "subject", "applicant_id",
    "registered_by_id", "registered_at", "facts", "department_response", "reported_to_department_on",
    "status", "handler_id", "accepted_on", "handling_days", "due_date", "declined_reason",
)  # fmt: skip


@register_generator("matters")
def generate_matters(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    accounts_by_court, fallback = ctx.accounts_by_court()
    # Matters are handled by the committee office, a few people in each court however
    # many judges it has: the court's first accounts, the same on every seeding run, so
    # that more data (bench/run.py's 4×) means more history, not more handlers.
    handlers_by_court: dict[int, list[int]] = defaultdict(list)
    for court_id, account_id in (
        Person.objects.filter(court__in=ctx.courts, account__isnull=False)
        .order_by("court_id", "pk")
        .values_list("court_id", "account_id")
    ):
        if len(handlers_by_court[court_id]) < OFFICE_STAFF:
            handlers_by_court[court_id].append(account_id)
    if not ctx.people or fallback is None:
        return {"matters": 0}
    courts = {court.pk: court for court in ctx.courts}
    total = round(len(ctx.people) * MATTERS_PER_PERSON)
    statuses = [status for status, _w in STATUS_WEIGHTS]
    weights = [weight for _s, weight in STATUS_WEIGHTS]
    sequences: dict[tuple[int, int], int] = {
        (c.court_id, c.year): c.last_sequence for c in RegistrationCounter.objects.all()
    }
    today = timezone.localdate()
    rows: list[tuple[object, ...]] = []
    for _ in range(total):
        applicant = rng.choice(ctx.people)
        court = courts[applicant.court_id]
        year = rng.choice(YEARS)
        status = rng.choices(statuses, weights)[0]
        if status in (MatterStatus.ACCEPTED, MatterStatus.SUSPENDED, MatterStatus.SUBMITTED):
            year = today.year
        key = (court.pk, year)
        sequences[key] = sequences.get(key, 0) + 1
        registered = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 330))
        if registered > today:
            registered = today - dt.timedelta(days=rng.randrange(0, 60))
        accepted = (
            None
            if status in (MatterStatus.SUBMITTED, MatterStatus.DECLINED)
            else registered + dt.timedelta(days=rng.randrange(0, 5))
        )
        registrars = accounts_by_court.get(court.pk) or [fallback]
        channel = rng.choice([Channel.ONLINE, Channel.PHONE, Channel.WRITTEN])
        subject = rng.choice(Subject.values)
        registered_by = rng.choice(registrars)
        handler = rng.choice(handlers_by_court.get(court.pk) or registrars) if accepted else None
        rows.append(
            (
                court.pk, year, sequences[key], f"{court.abbreviation}权保〔{year}〕{sequences[key]}号",
                Origin.APPLICATION, channel, subject, applicant.pk, registered_by,
                timezone.make_aware(dt.datetime.combine(registered, dt.time(9, 30))),
                "（规模测试数据）当事人威胁、骚扰法官。", "部门已处理但未解决。",
                registered - dt.timedelta(days=7), status, handler, accepted, 30 if accepted else None,
                accepted + dt.timedelta(days=30) if accepted else None,
                "不属于受理范围。" if status == MatterStatus.DECLINED else "",
            )
        )  # fmt: skip
    insert_rows(Matter, MATTER_FIELDS, rows)
    for (court_id, year), last in sequences.items():
        RegistrationCounter.objects.update_or_create(
            court_id=court_id, year=year, defaults={"last_sequence": last}
        )
    for court in ctx.courts:
        MatterSettings.objects.get_or_create(court=court)
    return {"matters": len(rows)}
