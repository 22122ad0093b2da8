"""City-scale alarms for the benchmark (`benchguard seed-scale`): four alarm points per
court (three courtrooms, a reception room) and one closed alarm for every courtroom
disorder and every other threat incident of the scale data, linked to it — so the
alarm list and the officers' screen are measured against a court's years of history.
Inserted as plain rows, like the rest of the scale data."""

from __future__ import annotations

import datetime as dt

from benchguard.alarm.choices import AlarmStatus, PointKind
from benchguard.alarm.models import Alarm, AlarmPoint
from benchguard.incidents.choices import IncidentKind
from benchguard.incidents.models import Incident
from benchguard.organization.scale import (
    ScaleContext,
    insert_rows,
    next_ids,
    register_generator,
    reset_sequences,
)

POINTS = [
    ("（规模）第一法庭", PointKind.COURTROOM),
    ("（规模）第二法庭", PointKind.COURTROOM),
    ("（规模）第三法庭", PointKind.COURTROOM),
    ("（规模）接待室", PointKind.OTHER),
]
ALARM_FIELDS = (
    "id", "court_id", "point_id", "place", "pressed_by_id", "pressed_at", "incident_id", "status",
    "escalate_at", "acknowledged_at", "acknowledged_by_id", "arrived_at", "arrived_by_id", "closed_at",
    "closed_by_id", "outcome",
)  # fmt: skip


@register_generator("alarm")
def generate_alarms(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    accounts_by_court, fallback = ctx.accounts_by_court()
    if fallback is None:
        return {"alarm points": 0, "alarms": 0}
    courts = sorted({person.court_id for person in ctx.people})
    taken = set(AlarmPoint.objects.filter(court_id__in=courts).values_list("court_id", "name"))
    point_ids = iter(next_ids(AlarmPoint, len(courts) * len(POINTS)))
    points: list[tuple[object, ...]] = []
    courtrooms: dict[int, list[tuple[int, str]]] = {}
    for court_id in courts:
        for name, kind in POINTS:
            if (court_id, name) in taken:
                continue
            pk = next(point_ids)
            points.append((pk, court_id, kind, name, "（规模测试数据）"))
            if kind == PointKind.COURTROOM:
                courtrooms.setdefault(court_id, []).append((pk, name))
    insert_rows(AlarmPoint, ("id", "court_id", "kind", "name", "location"), points)
    incidents = list(
        Incident.objects.filter(
            court_id__in=list(courtrooms), kind__in=[IncidentKind.COURTROOM, IncidentKind.THREAT], alarms=None
        )
        .values_list("pk", "court_id", "kind", "occurred_at", "reported_by_id")
        .order_by("pk")
    )
    rows: list[tuple[object, ...]] = []
    alarm_ids = iter(next_ids(Alarm, len(incidents)))
    for pk, court_id, kind, occurred, reporter in incidents:
        officer = rng.choice(accounts_by_court.get(court_id) or [fallback])
        point, place = (
            rng.choice(courtrooms[court_id]) if kind == IncidentKind.COURTROOM else (None, "（规模）个人报警")
        )
        taken_on = occurred + dt.timedelta(seconds=rng.randrange(5, 90))
        arrived = taken_on + dt.timedelta(seconds=rng.randrange(60, 400))
        rows.append(
            (
                next(alarm_ids), court_id, point, place, reporter or fallback, occurred, pk,
                AlarmStatus.CLOSED,
                occurred + dt.timedelta(seconds=60), taken_on, officer, arrived, officer,
                arrived + dt.timedelta(minutes=30), officer, "（规模测试数据）已处置。",
            )
        )  # fmt: skip
    insert_rows(Alarm, ALARM_FIELDS, rows)
    reset_sequences(AlarmPoint, Alarm)
    return {"alarm points": len(points), "alarms": len(rows)}
