"""Demo data of the reputation area (A5, A17): one public-opinion event of each kind about
the demo judge (王立明) of the intermediate court — a defamation dealt with (investigated,
clarification published, its infringer referred to the police with the outcome), a false
report under investigation with a draft clarification, a frame-up reported by the judge
on application, an insult and another harm just registered — and a pursuit of liability
on the demo's first committee matter.

`load_reputation_demo()` is idempotent (events found by court and URL) and writes through
the services as the committee office (赵敏), the chair (刘建国) and the judge."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import register_demo
from benchguard.matters.models import Matter
from benchguard.organization.models import Account, Court, Person
from benchguard.reputation import services
from benchguard.reputation.choices import EventKind, EventOrigin, ReferredTo
from benchguard.reputation.models import Liability, OpinionEvent

INTERMEDIATE = "370200"
BASE_URL = "https://demo.example.cn/post/"


def tiny_png(label: str = "") -> SimpleUploadedFile:
    """A valid 1×1 PNG standing in for a screenshot (its bytes differ by label)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    body = chunk(b"IDAT", zlib.compress(b"\x00" + bytes([len(label) % 256, 80, 160])))
    extra = chunk(b"tEXt", b"Comment\x00" + label.encode()) if label else b""
    content = b"\x89PNG\r\n\x1a\n" + header + extra + body + chunk(b"IEND", b"")
    return SimpleUploadedFile(f"{label or 'screenshot'}.png", content, content_type="image/png")


EVENTS = [
    # (key, kind, origin, platform, summary, reach, days ago)
    ("1001", EventKind.DEFAMATION, EventOrigin.EX_OFFICIO, "某短视频平台",
     "网民发布视频，称王立明法官收受当事人财物、枉法裁判，并配以法官照片。",
     "播放 12 万次，转发 3,400 次", 40),
    ("1002", EventKind.FALSE_REPORT, EventOrigin.EX_OFFICIO, "某论坛",
     "帖子称某案判决系法官与对方律师串通所致，内容与事实不符。", "浏览 2.1 万次", 12),
    ("1003", EventKind.FRAME_UP, EventOrigin.APPLICATION, "微信公众号",
     "当事人伪造聊天记录，诬称法官索要好处费。", "阅读 5,000+", 5),
    ("1004", EventKind.INSULT, EventOrigin.EX_OFFICIO, "微博",
     "败诉当事人在微博连续发帖辱骂承办法官。", "评论 300 余条", 3),
    ("1005", EventKind.OTHER, EventOrigin.EX_OFFICIO, "某新闻客户端评论区",
     "评论区出现对法官人格的贬损言论。", "点赞 800 余次", 1),
]  # fmt: skip


@register_demo("reputation")
@transaction.atomic
def load_reputation_demo() -> None:
    court = Court.objects.filter(division_code=INTERMEDIATE).first()
    office = Account.objects.filter(username="office").first()
    chair = Account.objects.filter(username="chair").first()
    judge_account = Account.objects.filter(username="judge").first()
    judge = Person.objects.filter(account=judge_account).first()
    if court is None or office is None or chair is None or judge is None or judge_account is None:
        return
    today = timezone.localdate()
    events = {}
    for key, kind, origin, platform, summary, reach, days in EVENTS:
        url = f"{BASE_URL}{key}"
        event = OpinionEvent.objects.filter(court=court, url=url).first()
        if event is None:
            actor = judge_account if origin == EventOrigin.APPLICATION else office
            event = services.register_event(
                actor=actor, court=court, kind=kind, judge=judge, platform=platform, summary=summary,
                found_on=today - dt.timedelta(days=days), url=url, reach=reach, origin=origin,
            )  # fmt: skip
            if key == "1001":
                _deal_with(event, office=office, chair=chair, today=today)
            elif key == "1002":
                event = services.start_investigation(
                    actor=office, event=event, expected_version=event.version, department="民事审判第一庭"
                )
                services.draft_clarification(
                    actor=office,
                    event=event,
                    text="近日，网络流传关于我院某案“法官与律师串通”的帖子。经核查，该案审理程序合法，相关说法与事实不符。",
                )
        events[key] = event
    matter = Matter.objects.filter(court=court).order_by("id").first()
    if matter is not None and not Liability.objects.filter(matter=matter).exists():
        services.record_liability(
            actor=office, parent=matter, infringer="当事人某某", conduct="多次电话骚扰、威胁承办法官",
            referred_to=ReferredTo.POLICE, referred_to_name="青岛市公安局市南分局",
            referred_on=today - dt.timedelta(days=5),
        )  # fmt: skip


def _deal_with(event: OpinionEvent, *, office: Account, chair: Account, today: dt.date) -> None:
    services.add_screenshot(
        actor=office,
        event=event,
        upload=tiny_png("event-1001"),
        captured_at=timezone.now() - dt.timedelta(days=40),
    )
    event = services.start_investigation(
        actor=office, event=event, expected_version=event.version, department="民事审判第一庭"
    )
    event = services.record_findings(
        actor=office, event=event, expected_version=event.version,
        findings="经调查，王立明法官不存在收受财物、枉法裁判的情形，视频内容系捏造。",
        harm_undone="平台已删除视频；我院在官方微博发布澄清说明。",
    )  # fmt: skip
    draft = services.draft_clarification(
        actor=office,
        event=event,
        text="近日，有网民发布视频称我院王立明法官收受财物、枉法裁判。经我院调查核实，上述内容系捏造，"
        "王立明法官依法履职。对捏造事实、侮辱诽谤法官的行为，我院已依法移送公安机关处理。",
    )
    approved = services.approve_clarification(actor=chair, clarification=draft)
    services.publish_clarification(actor=office, clarification=approved, channel="青岛中院官方微博")
    services.record_liability(
        actor=office, parent=event, infringer="网民“某某”", conduct="捏造事实发布视频，诽谤法官",
        referred_to=ReferredTo.POLICE, referred_to_name="青岛市公安局网安支队",
        referred_on=today - dt.timedelta(days=30), outcome="行政拘留十日",
        outcome_on=today - dt.timedelta(days=20),
    )  # fmt: skip
    services.close_event(actor=office, event=event)
