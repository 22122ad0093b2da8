"""Demo data of the duty area (A13.4): the intermediate court's settings (10 minutes
before an alert goes to every officer) and its roster for this week and the next — the
judicial police officer 马军 on the day shift (08:00–20:00) and 郑伟, court leader, as
the duty leader on weekdays. Nights and weekends are left open, so the demo shows both
an alert to the officer on duty and one to every officer.

`load_duty_demo()` is idempotent (settings by court, shifts by person and start) and
writes through the services as the court's judicial police (马军)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import at, register_demo
from benchguard.core.services import create_versioned
from benchguard.duty import services
from benchguard.duty.choices import DutyRole
from benchguard.duty.models import DutySettings, DutyShift
from benchguard.organization.models import Account, Court, Person

INTERMEDIATE = "370200"


@register_demo("duty")
@transaction.atomic
def load_duty_demo() -> None:
    court = Court.objects.get(division_code=INTERMEDIATE)
    police = Account.objects.get(username="police")
    if not DutySettings.objects.filter(court=court).exists():
        create_versioned(
            DutySettings(court=court),
            actor=None,
            action="duty.settings.create",
            fields=["court", "escalate_after_minutes"],
        )
    officer = Person.objects.get(account__username="police")
    leader = Person.objects.get(account__username="leader")
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    for offset in range(14):
        day = monday + dt.timedelta(days=offset)
        rota = [(officer, DutyRole.POLICE)]
        if day.weekday() < 5:
            rota.append((leader, DutyRole.LEADER))
        for person, role in rota:
            if not DutyShift.objects.filter(person=person, starts_at=at(day, 8)).exists():
                services.add_shift(
                    actor=police,
                    court=court,
                    person=person,
                    role=role,
                    starts_at=at(day, 8),
                    ends_at=at(day, 20),
                )
