"""Two workers sending the same reminder at the same moment: one notification, one e-mail."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import mail
from django.db import OperationalError
from django_tasks_db.utils import is_locked_database_exception

from benchguard.notifications.models import Notification
from benchguard.notifications.services import notify
from benchguard.notifications.tasks import send_notification_emails
from benchguard.organization.services import create_account
from tests.concurrency import at_once


# transaction=True: each thread has its own connection and must see the other's commit.
# That flushes the demo data, so the recipient is created here. On PostgreSQL the second
# insert waits for the first to commit and then fails on the unique constraint, which
# notify() turns into "already notified". The SQLite test database is a shared-cache
# in-memory one whose table locks fail at once instead of waiting; a worker would retry
# the job, and so does this test.
@pytest.mark.django_db(transaction=True)
def test_two_workers_notifying_the_same_occasion_create_one_notification(
    database_tasks: None, run_worker: Any
) -> None:
    handler = create_account(
        actor=None, username="handler", display_name="承办人", password=None, email="handler@court.local"
    )

    def worker(name: str) -> int:
        give_up_at = time.monotonic() + 20
        while True:
            try:
                return len(
                    notify(
                        recipients=[handler],
                        kind="matters.reminder",
                        title="还有3天到期",
                        url="/matters/1/",
                        dedupe_key="matters.reminder:1:due-3",
                    )
                )
            except OperationalError as exc:
                if not is_locked_database_exception(exc) or time.monotonic() > give_up_at:
                    raise

    created, errors = at_once(worker, "a", "b")

    assert errors == []
    assert sorted(created.values()) == [0, 1]
    assert Notification.objects.filter(recipient=handler).count() == 1

    run_worker()
    [notification] = Notification.objects.filter(recipient=handler)
    send_notification_emails.call([notification.pk])  # a duplicate task changes nothing
    assert [m.to for m in mail.outbox] == [["handler@court.local"]]
