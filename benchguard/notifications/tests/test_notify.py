"""notify(): one notification per recipient and occasion, e-mailed once after commit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from benchguard.notifications import services
from benchguard.notifications.models import Notification
from benchguard.notifications.services import notify
from benchguard.notifications.tasks import send_notification_emails
from benchguard.organization import services as org_services
from benchguard.organization.models import Account, Court

Persona = Callable[[str], Account]
OnCommit = Any  # pytest-django's django_capture_on_commit_callbacks


def _reminder(recipients: list[Account], **extra: Any) -> list[Notification]:
    fields: dict[str, Any] = {
        "kind": "matters.reminder",
        "title": "青中法权保〔2026〕12号 还有7天到期",
        "body": "请在到期前办结并反馈申请人。",
        "url": "/matters/12/",
        "dedupe_key": "matters.reminder:12:due-7",
        **extra,
    }
    return notify(recipients=recipients, **fields)


def test_it_creates_one_notification_per_recipient_and_emails_them_through_the_worker(
    persona: Persona, run_worker: Callable[[], None], django_capture_on_commit_callbacks: OnCommit
) -> None:
    office, chair = persona("office"), persona("chair")
    court = Court.objects.get(division_code="370200")

    with django_capture_on_commit_callbacks(execute=True):
        created = _reminder([office, chair, office], court=court)

    assert [n.recipient for n in created] == [office, chair]
    assert all(n.court == court and n.read_at is None and n.emailed_at is None for n in created)
    assert mail.outbox == []  # queued, not sent inline
    assert DBTaskResult.objects.filter(task_path=send_notification_emails.module_path).count() == 1

    run_worker()

    assert sorted(m.to[0] for m in mail.outbox) == ["chair@court.local", "office@court.local"]
    message = mail.outbox[0]
    assert "青中法权保〔2026〕12号 还有7天到期" in message.subject
    assert "请在到期前办结并反馈申请人。" in message.body and "/matters/12/" in message.body
    assert message.from_email == "benchguard@court.local"
    assert Notification.objects.filter(pk__in=[n.pk for n in created], emailed_at__isnull=False).count() == 2
    assert DBTaskResult.objects.get(task_path=send_notification_emails.module_path).status == (
        TaskResultStatus.SUCCESSFUL
    )


def test_the_same_occasion_twice_gives_one_notification_and_one_email(
    persona: Persona, run_worker: Callable[[], None], django_capture_on_commit_callbacks: OnCommit
) -> None:
    judge = persona("judge")
    with django_capture_on_commit_callbacks(execute=True):
        first = _reminder([judge])
    with django_capture_on_commit_callbacks(execute=True):
        second = _reminder([judge])
    run_worker()

    assert len(first) == 1 and second == []
    assert Notification.objects.filter(recipient=judge, dedupe_key="matters.reminder:12:due-7").count() == 1
    assert len(mail.outbox) == 1


def test_without_a_key_each_call_notifies_again(persona: Persona) -> None:
    judge = persona("judge")
    notify(recipients=[judge], kind="core.test", title="一", email=False)
    notify(recipients=[judge], kind="core.test", title="一", email=False)
    assert Notification.objects.filter(recipient=judge, kind="core.test").count() == 2


def test_running_the_email_task_twice_sends_each_email_once(
    persona: Persona, run_worker: Callable[[], None], django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = _reminder([persona("judge")])
    run_worker()
    send_notification_emails.call([notification.pk])  # a retry, or a second worker
    send_notification_emails.enqueue([notification.pk])
    run_worker()

    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_by_the_next_run(persona: Persona, monkeypatch: pytest.MonkeyPatch) -> None:
    [notification] = _reminder([persona("judge")], email=False)

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.message.EmailMessage.send", refuse)
        with pytest.raises(ConnectionRefusedError):
            send_notification_emails.call([notification.pk])
    notification.refresh_from_db()
    assert notification.emailed_at is None and mail.outbox == []

    assert send_notification_emails.call([notification.pk]) == 1
    assert len(mail.outbox) == 1


def test_nothing_is_sent_for_a_rolled_back_change(
    persona: Persona, django_capture_on_commit_callbacks: OnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                _reminder([persona("judge")])
                raise RuntimeError("the calling service failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Notification.objects.filter(kind="matters.reminder").exists()


def test_accounts_without_an_address_are_notified_in_the_app_only(
    persona: Persona, django_capture_on_commit_callbacks: OnCommit
) -> None:
    no_address = org_services.create_account(
        actor=None, username="noaddr", display_name="无邮箱", password=None
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [notification] = _reminder([no_address])
    assert callbacks == []  # nothing to e-mail, nothing queued
    assert send_notification_emails.call([notification.pk]) == 0
    assert mail.outbox == []


def test_email_false_queues_nothing(persona: Persona, django_capture_on_commit_callbacks: OnCommit) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _reminder([persona("judge")], email=False)
    assert callbacks == []


def test_a_translatable_title_reaches_each_recipient_in_their_language(
    persona: Persona, run_worker: Callable[[], None], django_capture_on_commit_callbacks: OnCommit
) -> None:
    judge, office = persona("judge"), persona("office")
    org_services.set_language(actor=judge, account=judge, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipients=[judge, office], kind="core.test", title=gettext_lazy("Notifications"))
    run_worker()

    assert {n.recipient.username: n.title for n in created} == {"judge": "Notifications", "office": "通知"}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Notifications" in subjects["judge@court.local"]
    assert "通知" in subjects["office@court.local"]


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "matters/"]
)
def test_a_link_must_stay_inside_benchguard(persona: Persona, url: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _reminder([persona("judge")], url=url)
    assert "url" in refused.value.message_dict
    assert not Notification.objects.filter(kind="matters.reminder").exists()


def test_a_too_long_title_is_refused_and_nothing_is_saved(persona: Persona) -> None:
    with pytest.raises(ValidationError) as refused:
        _reminder([persona("judge"), persona("office")], title="长" * 201)
    assert "title" in refused.value.message_dict
    assert not Notification.objects.filter(kind="matters.reminder").exists()


def test_a_lost_race_reads_the_winners_row_and_keeps_the_callers_transaction(
    persona: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    judge, office = persona("judge"), persona("office")
    [winner] = _reminder([judge], email=False)
    # Let the read of who was told miss the winner, as when another worker commits
    # between that read and the insert: the insert then fails on the unique constraint.
    real = services._already_told
    misses = iter([True])

    def already_told(dedupe_key: str, recipient_ids: list[Any]) -> set[Any]:
        return set() if next(misses, False) else real(dedupe_key, recipient_ids)

    monkeypatch.setattr(services, "_already_told", already_told)
    with transaction.atomic():
        [other] = _reminder([judge, office])  # one at a time after the lost race
        assert other.recipient == office
        assert Notification.objects.filter(recipient=judge).count() == 1  # still usable
    assert Notification.objects.get(recipient=judge) == winner


def test_only_the_recipient_may_mark_a_notification_read(persona: Persona) -> None:
    [notification] = _reminder([persona("judge")], email=False)
    with pytest.raises(PermissionDenied):
        services.mark_read(actor=persona("office"), notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is None
