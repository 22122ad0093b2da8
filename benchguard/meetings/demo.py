"""Demo meetings with parties (A10.3): two designated rooms at the intermediate court; the
judge 王立明 has a request booked for the next working day at 10:00, one held on the last
working day at 15:00 with its record, and a one-sided request refused with its reason
(not sent to the interference register, so the register's own demo stays as that area
made it). Every time is an office hour of the court's local day (Asia/Shanghai), whenever
the demo is loaded; `load_meetings_demo()` is idempotent (rooms by name, requests by judge)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.core import audit
from benchguard.core.demo import at, register_demo, working_day
from benchguard.core.services import save_versioned
from benchguard.meetings import services
from benchguard.meetings.choices import Capacity, MeetingStatus
from benchguard.meetings.models import MeetingRequest, MeetingRoom
from benchguard.organization.models import Account, Court

ROOMS = [("第一约谈室", "诉讼服务中心二楼，同步录音录像"), ("第二约谈室", "审判楼一楼东侧，同步录音录像")]


@register_demo("meetings")
@transaction.atomic
def load_meetings_demo() -> None:
    court = Court.objects.get(division_code="370200")
    for name, place in ROOMS:
        MeetingRoom.objects.get_or_create(court=court, name=name, defaults={"place": place})
    judge = Account.objects.get(username="judge")
    if MeetingRequest.objects.filter(judge__account=judge).exists():
        return
    today = timezone.localdate()
    next_day, last_day = (
        working_day(today + dt.timedelta(days=1), 1),
        working_day(today - dt.timedelta(days=1)),
    )
    room = MeetingRoom.objects.get(court=court, name=ROOMS[0][0])

    booked = services.record_request(
        actor=judge, case_number="（2026）鲁02民终88号", requester_name="孙律师", capacity=Capacity.AGENT,
        purpose="就调解方案与双方代理人共同沟通。", received_at=at(last_day, 16, 20),
    )  # fmt: skip
    services.schedule_meeting(
        actor=judge, request=booked, room=room, starts_at=at(next_day, 10), ends_at=at(next_day, 11),
        expected_version=booked.version,
    )  # fmt: skip

    # A meeting held on the last working day, and its record. The services book only times
    # to come, so the past booking and its record are written as they would have been then.
    held = services.record_request(
        actor=judge, case_number="（2026）鲁02民初501号", requester_name="李某", capacity=Capacity.PARTY,
        purpose="询问鉴定进度。", received_at=at(working_day(last_day - dt.timedelta(days=1)), 9, 40),
    )  # fmt: skip
    booking = ["status", "room", "starts_at", "ends_at"]
    before = audit.snapshot(held, booking)
    held.status, held.room = MeetingStatus.SCHEDULED, MeetingRoom.objects.get(court=court, name=ROOMS[1][0])
    held.starts_at, held.ends_at = at(last_day, 15), at(last_day, 15, 40)
    held = save_versioned(
        held, actor=judge, action="meetings.request.schedule", fields=booking, before=before
    )
    services.record_meeting(
        actor=judge, request=held, attendees="李某（原告）、王立明（审判员）、李静（法官助理，记录）",
        record="告知鉴定机构已受理，预计三十日内出具意见；未涉及案件实体处理。",
        expected_version=held.version,
    )  # fmt: skip

    refused = services.record_request(
        actor=judge, case_number="（2026）鲁02民初501号", requester_name="赵某", capacity=Capacity.PARTY,
        one_sided=True, purpose="希望单独面谈，说明对方当事人的“情况”。",
        received_at=at(last_day, 11, 5),
    )  # fmt: skip
    services.refuse_request(
        actor=judge, request=refused, reason="对方当事人未到场，单方约见不予安排；可通过书面材料提交。",
        expected_version=refused.version,
    )  # fmt: skip
