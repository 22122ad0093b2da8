"""Demo data of the alarm area: the intermediate court's alarm settings (60 seconds
before an alarm goes to everyone; a new alarm from the same place within 10 minutes
joins the open incident) and its alarm points — two courtrooms and the reception room.
No alarm is pressed in the demo: a press opens an incident, and the demo's incidents
are the incident register's. `load_alarm_demo()` is idempotent (by court and name)."""

from __future__ import annotations

from django.db import transaction

from benchguard.alarm.choices import PointKind
from benchguard.alarm.models import AlarmPoint, AlarmSettings
from benchguard.core.demo import register_demo
from benchguard.core.services import create_versioned
from benchguard.organization.models import Court

INTERMEDIATE = "370200"
POINTS = [
    ("第一法庭", PointKind.COURTROOM, "审判楼一层东侧"),
    ("第二法庭", PointKind.COURTROOM, "审判楼一层西侧"),
    ("第十法庭", PointKind.COURTROOM, "审判楼三层"),
    ("诉讼服务中心接待室", PointKind.OTHER, "诉讼服务中心一层"),
]


@register_demo("alarm")
@transaction.atomic
def load_alarm_demo() -> None:
    court = Court.objects.get(division_code=INTERMEDIATE)
    if not AlarmSettings.objects.filter(court=court).exists():
        create_versioned(
            AlarmSettings(court=court),
            actor=None,
            action="alarm.settings.create",
            fields=["court", "escalate_after_seconds", "join_within_minutes"],
        )
    for name, kind, location in POINTS:
        if not AlarmPoint.objects.filter(court=court, name=name).exists():
            create_versioned(
                AlarmPoint(court=court, name=name, kind=kind, location=location),
                actor=None,
                action="alarm.point.create",
                fields=["court", "kind", "name", "location"],
            )
