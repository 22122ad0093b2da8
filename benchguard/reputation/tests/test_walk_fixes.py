"""What a walk of the demo found in the reputation area (A5, A17), checked through the
pages where it was seen: the outcome's date refused beside its field in words, the
event's close offered only once it can succeed, screenshots only images, PDF or saved
web pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from benchguard.core.tests.test_uploads import PDF, PNG, office
from benchguard.reputation.choices import EventStatus, ReferredTo
from benchguard.reputation.demo import BASE_URL
from benchguard.reputation.models import EventScreenshot, Liability, OpinionEvent

pytestmark = pytest.mark.django_db

# Chrome's "webpage, single file".
MHTML = (
    b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://weibo.example.cn/p/1\r\n"
    b"Subject: =?utf-8?Q?post?=\r\nDate: Tue, 1 Dec 2026 09:00:00 +0800\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n'
    b'\tboundary="----MultipartBoundary--x"\r\n\r\n'
    b"------MultipartBoundary--x\r\nContent-Type: text/html\r\n\r\n<html><body>post</body></html>\r\n"
    b"------MultipartBoundary--x--\r\n"
)
EML = b"From: a@example.cn\r\nDate: Tue, 1 Dec 2026 09:00:00 +0800\r\nSubject: x\r\n\r\nhello\r\n"


def _event(key: str) -> OpinionEvent:
    return OpinionEvent.objects.get(url=f"{BASE_URL}{key}")


def _liability(referred_on: str, outcome: str, outcome_on: str) -> dict[str, str]:
    return {
        "infringer": "网民某某", "conduct": "发帖诽谤法官", "referred_to": ReferredTo.POLICE,
        "referred_to_name": "派出所", "referred_on": referred_on, "outcome": outcome,
        "outcome_on": outcome_on,
    }  # fmt: skip


def test_an_outcome_before_the_referral_or_without_it_is_refused_beside_the_field(
    client_as: Callable[[str | None], Client],
) -> None:
    event = _event("1002")
    url = f"/reputation/liability/event/{event.pk}/add/"
    today = timezone.localdate()
    client = client_as("office")
    before = Liability.objects.count()
    early = client.post(
        url, _liability(today.isoformat(), "罚款", (today - dt.timedelta(days=3)).isoformat())
    )
    assert early.status_code == 200
    form = early.context["form"]
    assert [e.code for e in form.errors.as_data()["outcome_on"]] == ["order"]
    assert not form.non_field_errors()
    page = early.content.decode()
    assert (
        "reputation_liability_outcome_after_referral" not in page and "处理结果日期不能早于移送日期。" in page
    )
    missing = client.post(url, _liability("", "罚款", today.isoformat()))
    assert missing.status_code == 200
    form = missing.context["form"]
    assert "referred_on" in form.errors and not form.non_field_errors()
    assert "reputation_liability" not in missing.content.decode()
    unpaired = client.post(url, _liability(today.isoformat(), "罚款", ""))
    assert [e.code for e in unpaired.context["form"].errors.as_data()["outcome_on"]] == ["pair"]
    assert Liability.objects.count() == before
    assert client.post(url, _liability(today.isoformat(), "罚款", today.isoformat())).status_code == 302


def test_close_is_offered_only_once_the_findings_are_in(client_as: Callable[[str | None], Client]) -> None:
    event = _event("1002")
    assert event.status == EventStatus.INVESTIGATING and not event.findings
    client = client_as("office")
    close = f"/reputation/{event.pk}/close/"
    assert close not in client.get(f"/reputation/{event.pk}/").content.decode()
    response = client.post(
        f"/reputation/{event.pk}/findings/", {"version": event.version, "findings": "经查，帖子内容不实。"}
    )
    assert response.status_code == 302
    assert close in client.get(f"/reputation/{event.pk}/").content.decode()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("说明.docx", office("word/document.xml")),
        ("表.xlsx", office("xl/workbook.xml")),
        ("信.eml", EML),
        ("记录.txt", "帖子原文：法官收受财物。".encode()),
    ],
)
def test_a_screenshot_that_is_a_document_mail_or_text_is_refused(
    client_as: Callable[[str | None], Client], name: str, content: bytes
) -> None:
    event = _event("1002")
    before = EventScreenshot.objects.filter(event=event).count()
    response = client_as("office").post(
        f"/reputation/{event.pk}/screenshots/add/",
        {"file": SimpleUploadedFile(name, content), "captured_at": _an_hour_ago()},
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == ["type"]
    assert EventScreenshot.objects.filter(event=event).count() == before


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("截图.png", PNG, "image/png"),
        ("页面.pdf", PDF, "application/pdf"),
        ("网页.mhtml", MHTML, "multipart/related"),
    ],
)
def test_a_screenshot_pdf_or_saved_page_is_kept(
    client_as: Callable[[str | None], Client], name: str, content: bytes, kind: str
) -> None:
    event = _event("1002")
    response = client_as("office").post(
        f"/reputation/{event.pk}/screenshots/add/",
        {"file": SimpleUploadedFile(name, content), "captured_at": _an_hour_ago()},
    )
    assert response.status_code == 302
    assert EventScreenshot.objects.get(event=event, name=name).content_type == kind


def _an_hour_ago() -> str:
    return (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
