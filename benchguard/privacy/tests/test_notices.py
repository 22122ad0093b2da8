"""Takedown notices (A18): generated from the court's template citing the provisions,
naming the notifier and carrying the evidence; every change of status a row of the
notice's history, with who and when; internal follow-up targets, overdue for the office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from benchguard.organization.models import Account, Court, Person
from benchguard.privacy import services
from benchguard.privacy.choices import CaseKind, EscalatedTo, Exposed, NoticeStatus, Notifier
from benchguard.privacy.demo import ONLINE_URL, load_privacy_demo
from benchguard.privacy.models import ExposureCase, NoticeTransition, TakedownNotice
from benchguard.reputation.demo import tiny_png

pytestmark = pytest.mark.django_db


@pytest.fixture
def exposure(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], court: Court
) -> ExposureCase:
    office = persona("office")
    case = services.register_case(
        actor=office, court=court, kind=CaseKind.ONLINE, person=person_of("judge"), platform="某贴吧",
        url="https://demo.example.cn/t/77", exposed=[Exposed.ADDRESS, Exposed.ID_NUMBER],
        description="公开了法官住址和身份证号", found_on=timezone.localdate(),
    )  # fmt: skip
    services.add_evidence(
        actor=office,
        exposure=case,
        upload=tiny_png("t77"),
        captured_at=timezone.now() - dt.timedelta(hours=2),
    )
    return case


def test_the_demo_has_a_notice_refused_then_escalated_and_runs_twice() -> None:
    before = (ExposureCase.objects.count(), TakedownNotice.objects.count(), NoticeTransition.objects.count())
    load_privacy_demo()
    assert (
        ExposureCase.objects.count(),
        TakedownNotice.objects.count(),
        NoticeTransition.objects.count(),
    ) == before
    escalated = TakedownNotice.objects.get(exposure__url=ONLINE_URL, status=NoticeStatus.ESCALATED)
    steps = [(t.from_status, t.to_status) for t in escalated.transitions.all()]
    assert steps == [("", "drafted"), ("drafted", "sent"), ("sent", "refused"), ("refused", "escalated")]
    assert escalated.escalated_to == EscalatedTo.POLICE


def test_the_notice_cites_the_provisions_names_the_notifier_and_lists_the_evidence(
    persona: Callable[[str], Account], exposure: ExposureCase
) -> None:
    notice = services.draft_notice(
        actor=persona("office"), exposure=exposure, recipient="某贴吧运营公司", notifier=Notifier.JUDGE,
        contact="0532-8088103",
    )  # fmt: skip
    body = notice.body
    for provision in (
        "个人信息保护法》第四十七条",
        "第一千零三十七条",
        "第一千一百九十五条",
        "网络暴力信息治理规定",
    ):
        assert provision in body
    evidence = exposure.evidence.get()
    assert evidence.sha256 in body and exposure.url in body
    assert notice.notifier_name == "王立明" and "通知人：王立明" in body
    assert "住址" in body or "家庭住址" in body


def test_every_change_of_status_is_a_row_with_who_and_when(
    persona: Callable[[str], Account], exposure: ExposureCase
) -> None:
    office = persona("office")
    notice = services.draft_notice(
        actor=office,
        exposure=exposure,
        recipient="某贴吧运营公司",
        notifier=Notifier.COURT,
        contact="0532-8088103",
    )
    notice = services.send_notice(
        actor=office, notice=notice, expected_version=notice.version, sent_via="挂号信"
    )
    with pytest.raises(ValidationError) as early:
        services.escalate_notice(
            actor=office, notice=notice, expected_version=notice.version - 1, escalated_to=EscalatedTo.POLICE
        )
    assert early.value.code == "stale"
    notice = services.record_refused(
        actor=office, notice=notice, expected_version=notice.version, refusal_reason="平台拒绝"
    )
    notice = services.escalate_notice(
        actor=office,
        notice=notice,
        expected_version=notice.version,
        escalated_to=EscalatedTo.INTERNET_REGULATOR,
    )
    with pytest.raises(ValidationError) as late:
        services.record_removed(actor=office, notice=notice, expected_version=notice.version)
    assert late.value.code == "invalid_transition"
    rows = list(notice.transitions.all())
    assert [(r.from_status, r.to_status) for r in rows] == [
        ("", "drafted"), ("drafted", "sent"), ("sent", "refused"), ("refused", "escalated"),
    ]  # fmt: skip
    assert all(r.by == office and r.at is not None for r in rows)
    assert rows[2].note == "平台拒绝"
    with pytest.raises(PermissionDenied):
        services.record_acknowledged(actor=persona("chair"), notice=notice, expected_version=notice.version)


def test_the_follow_up_target_is_internal_and_overdue_notices_reach_the_office(
    persona: Callable[[str], Account], client_as: Callable[[str | None], Client], exposure: ExposureCase
) -> None:
    office = persona("office")
    notice = services.draft_notice(
        actor=office,
        exposure=exposure,
        recipient="某贴吧运营公司",
        notifier=Notifier.COURT,
        contact="0532-8088103",
    )
    notice = services.send_notice(
        actor=office, notice=notice, expected_version=notice.version, sent_via="邮件"
    )
    assert notice.follow_up_due == timezone.localdate() + dt.timedelta(days=3)  # the default target
    page = client_as("office").get(f"/privacy/notices/{notice.pk}/").content.decode()
    assert "内部" in page or "internal" in page
    assert not notice.overdue
    with time_machine.travel(timezone.now() + dt.timedelta(days=4)):
        notice.refresh_from_db()
        assert notice.overdue
        assert notice.recipient in client_as("office").get("/privacy/").content.decode()
        assert notice.recipient in client_as("office").get("/").content.decode()


SHORT_TEMPLATE = (
    "{recipient}：请删除 {urls}。依据个人信息保护法第四十七条、民法典第一千零三十七条、第一千一百九十五条。"
    "证据：{evidence}。{notifier} {contact}"
)


def test_the_office_sets_its_courts_targets(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account], exposure: ExposureCase
) -> None:
    client = client_as("office")
    page = client.get("/privacy/settings/")
    assert page.status_code == 200
    response = client.post(
        "/privacy/settings/",
        {"acknowledge_within_days": 1, "remove_within_days": 2,
         "notice_template": SHORT_TEMPLATE, "version": 1},
    )  # fmt: skip
    assert response.status_code == 302
    notice = services.draft_notice(
        actor=persona("office"),
        exposure=exposure,
        recipient="甲公司",
        notifier=Notifier.COURT,
        contact="0532-8088103",
    )
    evidence = exposure.evidence.get()
    assert notice.body.startswith("甲公司：请删除 https://demo.example.cn/t/77。依据")
    assert evidence.sha256 in notice.body and notice.body.endswith("山东省青岛市中级人民法院 0532-8088103")
    notice = services.send_notice(
        actor=persona("office"), notice=notice, expected_version=notice.version, sent_via="x"
    )
    assert notice.follow_up_due == timezone.localdate() + dt.timedelta(days=1)
    assert client.post(
        "/privacy/settings/", {"acknowledge_within_days": 0, "remove_within_days": 2, "notice_template": "x",
                               "version": 2},
    ).status_code == 200  # fmt: skip
    assert client_as("chair").get("/privacy/settings/").status_code == 403


def test_a_stale_edit_of_a_notice_is_refused_and_keeps_the_users_text(
    persona: Callable[[str], Account], client_as: Callable[[str | None], Client], exposure: ExposureCase
) -> None:
    notice = services.draft_notice(
        actor=persona("office"), exposure=exposure, recipient="乙公司", notifier=Notifier.COURT,
        contact="0532-8088103",
    )  # fmt: skip
    url = f"/privacy/notices/{notice.pk}/edit/"
    first, second = client_as("office"), client_as("office")
    assert first.post(url, {"version": notice.version, "body": "第一稿"}).status_code == 302
    response = second.post(url, {"version": notice.version, "body": "第二稿"})
    assert response.status_code == 200
    assert "第二稿" in response.content.decode()
    notice.refresh_from_db()
    assert notice.body == "第一稿"
