"""Public-opinion events (A17), their clarification (drafted → approved → published, the
published text kept), the judge's view, and a committee matter opened from an event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.matters import sources
from benchguard.organization.models import Account, Court, Person
from benchguard.reputation import services
from benchguard.reputation.choices import ClarificationStatus, EventKind, EventOrigin, EventStatus
from benchguard.reputation.demo import BASE_URL, load_reputation_demo
from benchguard.reputation.models import Clarification, OpinionEvent

pytestmark = pytest.mark.django_db
LIST = "/reputation/"


def _event(key: str) -> OpinionEvent:
    return OpinionEvent.objects.get(url=f"{BASE_URL}{key}")


def test_the_demo_has_an_event_of_each_kind_and_runs_twice_without_duplicates() -> None:
    before = OpinionEvent.objects.count()
    load_reputation_demo()
    assert OpinionEvent.objects.count() == before
    assert set(OpinionEvent.objects.values_list("kind", flat=True)) == set(EventKind.values)
    dealt = _event("1001")
    assert dealt.status == EventStatus.CLOSED and dealt.right.code == "reputation"
    [screenshot] = dealt.screenshots.all()
    assert len(screenshot.sha256) == 64 and screenshot.captured_at < screenshot.uploaded_at


def test_a_published_clarification_keeps_its_text_and_a_correction_is_a_new_version(
    persona: Callable[[str], Account],
) -> None:
    office, chair = persona("office"), persona("chair")
    event = _event("1001")
    [published] = event.clarifications.all()
    text = published.published_text
    assert published.status == ClarificationStatus.PUBLISHED and text == published.text
    with pytest.raises(ValidationError) as refused:
        services.edit_clarification(
            actor=office, clarification=published, expected_version=published.version, text="改过的文字"
        )
    assert refused.value.code == "invalid_transition"
    second = services.draft_clarification(actor=office, event=event, text="更正后的澄清说明。")
    assert second.number == 2
    with pytest.raises(ValidationError) as twice:
        services.draft_clarification(actor=office, event=event, text="又一稿")
    assert twice.value.code == "duplicate"
    with pytest.raises(PermissionDenied):
        services.approve_clarification(actor=office, clarification=second)
    second = services.approve_clarification(actor=chair, clarification=second)
    services.publish_clarification(actor=office, clarification=second, channel="官方网站")
    published.refresh_from_db()
    assert published.status == ClarificationStatus.SUPERSEDED
    assert published.published_text == text  # the first version stays as it was published
    assert AuditEntry.objects.filter(action="reputation.clarification.publish").count() == 2


def test_a_published_clarification_without_its_text_is_refused_by_the_database() -> None:
    published = Clarification.objects.filter(status=ClarificationStatus.PUBLISHED).first()
    assert published is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Clarification.objects.filter(pk=published.pk).update(published_text="")


def test_the_judge_reports_an_event_and_sees_no_draft(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person], court: Court
) -> None:
    judge = person_of("judge")
    client = client_as("judge")
    response = client.post(
        "/reputation/register/",
        {
            "court": court.pk, "kind": EventKind.INSULT, "origin": EventOrigin.EX_OFFICIO, "judge": judge.pk,
            "platform": "抖音", "url": "https://demo.example.cn/v/9", "summary": "辱骂法官的视频",
            "reach": "", "found_on": timezone.localdate().isoformat(),
        },
    )  # fmt: skip
    assert response.status_code == 302
    event = OpinionEvent.objects.get(url="https://demo.example.cn/v/9")
    assert event.origin == EventOrigin.APPLICATION and event.judge == judge
    drafted = _event("1002")
    draft = drafted.clarifications.get()
    assert draft.status == ClarificationStatus.DRAFT
    assert draft.text not in client.get(f"/reputation/{drafted.pk}/").content.decode()
    assert draft.text in client_as("office").get(f"/reputation/{drafted.pk}/").content.decode()


def test_a_judge_may_not_report_about_a_colleague(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], court: Court
) -> None:
    with pytest.raises(PermissionDenied):
        services.register_event(
            actor=persona("judge"), court=court, kind=EventKind.INSULT, judge=person_of("member"),
            platform="微博", summary="…", found_on=timezone.localdate(),
        )  # fmt: skip


def test_other_courts_and_other_staff_see_nothing(client_as: Callable[[str | None], Client]) -> None:
    event = _event("1001")
    assert client_as("judge2").get(f"/reputation/{event.pk}/").status_code == 404
    assert client_as("staff").get(LIST).status_code == 403
    assert client_as("cityadmin").get(f"/reputation/{event.pk}/").status_code == 404
    assert client_as("member").get(f"/reputation/{event.pk}/").status_code == 404  # a judge, not concerned


def test_the_office_opens_a_matter_from_an_event_once(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    event = _event("1004")
    client = client_as("office")
    assert client.post(f"/reputation/{event.pk}/open-matter/").status_code == 302
    matter = sources.opened_matter(event)
    assert matter is not None and matter.applicant == event.judge
    link = sources.source_of(matter)
    assert link is not None and link.url == f"/reputation/{event.pk}/"
    assert matter.number in client.get(f"/reputation/{event.pk}/").content.decode()
    with pytest.raises(ValidationError):
        services.open_matter(actor=persona("chair"), event=event)


def test_the_list_page_does_not_grow_queries_with_events(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account],
    person_of: Callable[[str], Person], court: Court,
) -> None:  # fmt: skip
    client = client_as("office")

    def grow(n: int) -> None:
        for i in range(n):
            services.register_event(
                actor=persona("office"), court=court, kind=EventKind.INSULT, judge=person_of("judge"),
                platform="微博", summary=f"帖子 {i}", found_on=timezone.localdate() - dt.timedelta(days=i),
            )  # fmt: skip

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    grow(2)
    small = count()
    grow(12)
    assert count() == small
