"""Who may open the alarm area's URLs (tests/test_permission_matrix.py).

Everyone holding a role in a court has the button (and the list of the alarms they
pressed); the officers' screen is for the judicial police, the committee office and
the leaders (chair, vice-chair, leader). A point belongs to the intermediate court: its
staff open it, everyone else gets 404. The demo presses no alarm (a press opens an
incident), so an alarm's page answers 404 here; tests/ of the area cover who sees one."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, INTERMEDIATE_STAFF, LOGIN, Expect, each

WATCHERS = {"police", "office", "chair", "vicechair", "leader"}
PRESSERS = INTERMEDIATE_STAFF | {"judge2"}


def demo_point() -> dict[str, Any]:
    from benchguard.alarm.models import AlarmPoint

    return {"pk": AlarmPoint.objects.filter(court__division_code="370200").order_by("pk")[0].pk}


def demo_alarm() -> dict[str, Any]:
    from benchguard.alarm.models import Alarm

    alarm = Alarm.objects.order_by("pk").first()
    return {"pk": alarm.pk if alarm else 999999}


EXPECTED: dict[str, Expect] = {
    "alarm:press": Expect(403, {ANON: LOGIN, **each(PRESSERS, 200)}),
    "alarm:press_mine": Expect(405, {ANON: LOGIN}),
    "alarm:point": Expect(404, {ANON: LOGIN, **each(INTERMEDIATE_STAFF, 200)}, demo_point),
    "alarm:press_point": Expect(405, {ANON: LOGIN}, demo_point),
    "alarm:set_hearing": Expect(405, {ANON: LOGIN}, demo_point),
    "alarm:board": Expect(403, {ANON: LOGIN, **each(WATCHERS, 200)}),
    "alarm:board_feed": Expect(403, {ANON: LOGIN, **each(WATCHERS, 200)}),
    "alarm:alarm_list": Expect(403, {ANON: LOGIN, **each(PRESSERS, 200)}),
    "alarm:alarm_detail": Expect(404, {ANON: LOGIN}, demo_alarm),
    "alarm:acknowledge": Expect(405, {ANON: LOGIN}, demo_alarm),
    "alarm:arrive": Expect(405, {ANON: LOGIN}, demo_alarm),
    "alarm:close": Expect(405, {ANON: LOGIN}, demo_alarm),
    "api-alarm-list": Expect(200, {ANON: 401}),
    "api-alarm-detail": Expect(404, {ANON: 401}, demo_alarm),
    "api-alarm-press": Expect(405, {ANON: 401}),
    "api-alarm-acknowledge": Expect(405, {ANON: 401}, demo_alarm),
    "api-alarm-arrive": Expect(405, {ANON: 401}, demo_alarm),
    "api-alarm-close": Expect(405, {ANON: 401}, demo_alarm),
}
