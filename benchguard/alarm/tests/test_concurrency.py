"""Two presses of one button at the same moment (a double press, two hands), and two
officers taking one alarm on at once: one alarm, one officer (PostgreSQL:
tests.concurrency.needs_postgres)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from benchguard.alarm import services
from benchguard.alarm.choices import AlarmStatus
from benchguard.alarm.models import Alarm, AlarmPoint
from benchguard.organization.models import Account, Court
from tests.concurrency import at_once, needs_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_presses_of_one_button_at_once_are_one_alarm() -> None:
    needs_postgres()
    court = Court.objects.get(division_code="370200")
    point = AlarmPoint.objects.get(court=court, name="第一法庭")
    actors = {name: Account.objects.get(username=name) for name in ("staff", "clerk")}
    results, errors = at_once(
        lambda who: services.press_alarm(
            actor=actors[who], court=court, point=AlarmPoint.objects.get(pk=point.pk)
        ),
        *actors,
    )
    assert errors == []
    assert len({alarm.pk for alarm in results.values()}) == 1
    alarm = Alarm.objects.get(point=point)
    assert alarm.presses == 2
    assert alarm.incident.alarms.count() == 1


def test_two_officers_take_one_alarm_on_at_once() -> None:
    needs_postgres()
    court = Court.objects.get(division_code="370200")
    point = AlarmPoint.objects.get(court=court, name="第二法庭")
    alarm = services.press_alarm(actor=Account.objects.get(username="staff"), court=court, point=point)
    from benchguard.organization import services as org
    from benchguard.organization.choices import Role

    second = Account.objects.filter(username="police2").first() or org.create_account(
        actor=None, username="police2", display_name="韩磊", password=None
    )
    org.assign_role(actor=None, account=second, role=Role.JUDICIAL_POLICE, court=court)
    actors = {"police": Account.objects.get(username="police"), "police2": second}
    results, errors = at_once(
        lambda who: services.acknowledge_alarm(actor=actors[who], alarm=Alarm.objects.get(pk=alarm.pk)),
        *actors,
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError) and errors[0].code == "acknowledged"
    alarm.refresh_from_db()
    assert alarm.status == AlarmStatus.ACKNOWLEDGED
    assert alarm.acknowledged_by_id == actors[next(iter(results))].pk
