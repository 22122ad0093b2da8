"""Demo after-hours protection (A12.3): the judge threatened at home (the incident
register's demo threat) asks for protection tonight; the judicial police approve it with
two officers and log what they did. Made through the services; idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.after_hours import services
from benchguard.after_hours.models import ProtectionRequest
from benchguard.core.demo import register_demo
from benchguard.incidents.demo import FIRST_PLACE
from benchguard.incidents.models import Incident
from benchguard.organization.models import Account, Person


@register_demo("after_hours")
@transaction.atomic
def load_after_hours_demo() -> None:
    threat = Incident.objects.select_related("court").get(place=FIRST_PLACE)
    if ProtectionRequest.objects.filter(incident=threat).exists():
        return
    judge, police = (Account.objects.get(username=name) for name in ("judge", "police"))
    now = timezone.now()
    protection = services.request_protection(
        actor=judge,
        judge=Person.objects.get(account=judge),
        risk="威胁人近期多次在住所小区门口出现，扬言报复，晚间下班后风险明显。",
        place="法官住所小区及周边",
        starts_at=now + dt.timedelta(hours=2),
        ends_at=now + dt.timedelta(hours=14),
        incident=threat,
    )
    protection = services.decide_protection(
        actor=police,
        request=protection,
        expected_version=protection.version,
        approve=True,
        officers=[Person.objects.get(account=police), Person.objects.get(court=threat.court, name="韩磊")],
        note="指派两名司法警察，夜间在小区门口值守并护送回家。",
    )
    services.log_protection(
        actor=police,
        request=protection,
        what_was_done="与小区物业确认监控覆盖和门岗联络方式，约定值守位置。",
    )
