"""Demo data of the committee (A4–A6) for the intermediate court.

`load_committee_demo()` is idempotent: every row is looked up by its natural key
before it is created, and everything is written through the services with the
committee office's account (赵敏) as actor, so the demo's audit trail is a real one.
It registers itself with `core.demo` and runs after organization's demo (`seed-demo`).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.committee import services
from benchguard.committee.choices import MeetingKind, MemberKind, Position
from benchguard.committee.models import CommitteeMembership, CommitteeSettings, Meeting
from benchguard.core.demo import at, register_demo
from benchguard.organization.models import Account, Court, Person

INTERMEDIATE = "370200"
TERM_START = dt.date(2024, 1, 1)
HELD_TITLE = "法官权益保障委员会全体会议"
PLANNED_TITLE = "法官权益保障委员会全体委员临时会议"

# (staff number, position, member kind)
ROSTER = [
    ("Z0001", Position.CHAIR, ""),  # 刘建国, 院长
    ("Z0002", Position.VICE_CHAIR, ""),  # 陈志强, 副院长
    ("Z0104", Position.MEMBER, MemberKind.JUDGE_REPRESENTATIVE),  # 孙丽
    ("Z0105", Position.MEMBER, MemberKind.JUDGE_REPRESENTATIVE),  # 周海
    ("Z0202", Position.MEMBER, MemberKind.JUDGE_REPRESENTATIVE),  # 黄晓东
    ("Z0204", Position.MEMBER, MemberKind.UNIT_REPRESENTATIVE),  # 罗斌, 执行局
    ("Z0109", Position.MEMBER, MemberKind.UNIT_REPRESENTATIVE),  # 徐丽华, 政治部
    ("Z0103", Position.OFFICE_STAFF, ""),  # 赵敏
]
# One ended term, so the roster has history (A4.3).
ENDED = (
    "Z0201",
    Position.MEMBER,
    MemberKind.JUDGE_REPRESENTATIVE,
    dt.date(2021, 1, 1),
    dt.date(2023, 12, 31),
)
PRESENT_AT_HELD = {"Z0001", "Z0002", "Z0104", "Z0105", "Z0202"}


@register_demo("committee")
@transaction.atomic
def load_committee_demo() -> None:
    court = Court.objects.get(division_code=INTERMEDIATE)
    office = Account.objects.get(username="office")
    people = {p.staff_number: p for p in Person.objects.filter(court=court)}

    if not CommitteeSettings.objects.filter(court=court).exists():
        services.save_committee_settings(
            actor=office,
            court=court,
            expected_version=0,
            changes={"configured_size": 35, "quorum_percent": 50},
        )

    ended_number, ended_position, ended_kind, start, end = ENDED
    if not CommitteeMembership.objects.filter(
        court=court, person=people[ended_number], term_from=start
    ).exists():
        ended = services.create_membership(
            actor=office,
            court=court,
            person=people[ended_number],
            position=ended_position,
            member_kind=ended_kind,
            term_from=start,
        )
        services.end_membership(
            actor=office, membership=ended, expected_version=ended.version, term_to=end, end_reason="任期届满"
        )
    for number, position, kind in ROSTER:
        if not CommitteeMembership.objects.filter(
            court=court, person=people[number], position=position, term_from=TERM_START
        ).exists():
            services.create_membership(
                actor=office,
                court=court,
                person=people[number],
                position=position,
                member_kind=kind,
                term_from=TERM_START,
            )

    today = timezone.localdate()
    if not Meeting.objects.filter(court=court, title=HELD_TITLE).exists():
        _held_meeting(court, office, people, today - dt.timedelta(days=30), today)
    if not Meeting.objects.filter(court=court, title=PLANNED_TITLE).exists():
        planned = services.schedule_meeting(
            actor=office,
            court=court,
            kind=MeetingKind.AD_HOC,
            title=PLANNED_TITLE,
            scheduled_at=at(today + dt.timedelta(days=14), 14, 30),
            place="第三会议室",
        )
        services.add_agenda_item(
            actor=office,
            meeting=planned,
            title="通报近期法官遭受网络诽谤事件的处理情况",
            shared_summary="办公室通报事件经过、已采取的措施和下一步工作建议。",
            description="涉及当事人信息，会上口头说明。",
        )


def _held_meeting(
    court: Court, office: Account, people: dict[str, Person], day: dt.date, today: dt.date
) -> None:
    meeting = services.schedule_meeting(
        actor=office,
        court=court,
        kind=MeetingKind.PLENARY,
        title=HELD_TITLE,
        scheduled_at=at(day, 9),
        place="第一会议室",
    )
    services.add_agenda_item(
        actor=office,
        meeting=meeting,
        title="通报上一年度法官权益保障工作情况",
        shared_summary="办公室汇报受理诉求、协调处理和回复情况。",
        description="附件：年度工作统计表。",
    )
    plan = services.add_agenda_item(
        actor=office,
        meeting=meeting,
        title="审议本年度法官依法履职保护工作方案",
        shared_summary="工作方案草案已于会前发送各位委员。",
    )
    memberships = {
        m.person.staff_number: m
        for m in CommitteeMembership.objects.filter(court=court, term_from=TERM_START).select_related(
            "person"
        )
    }
    meeting = services.record_attendance(
        actor=office,
        meeting=meeting,
        expected_version=meeting.version,
        present={memberships[number].pk for number in PRESENT_AT_HELD},
    )
    meeting = services.hold_meeting(actor=office, meeting=meeting, expected_version=meeting.version)
    meeting = services.record_minutes(
        actor=office,
        meeting=meeting,
        expected_version=meeting.version,
        minutes="刘建国主持会议。会议听取了办公室的年度工作通报，审议并表决通过了本年度工作方案。",
    )
    resolution = services.record_resolution(
        actor=office,
        meeting=meeting,
        agenda_item=plan,
        text="通过本年度法官依法履职保护工作方案，由办公室组织实施。",
        votes_for=4,
        votes_against=0,
        votes_abstain=1,
    )
    services.add_follow_up_action(
        actor=office,
        resolution=resolution,
        owner=people["Z0103"],
        description="向全院印发工作方案并报送上级法院",
        due_date=today + dt.timedelta(days=14),
    )
