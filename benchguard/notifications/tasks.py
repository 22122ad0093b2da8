"""Background work of notifications: the e-mail copy of each new notification."""

from __future__ import annotations

import logging

from django_tasks import task

from benchguard.notifications import services

logger = logging.getLogger(__name__)


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification not e-mailed yet; safe to run twice (queued by `notify`).

    One failing address does not stop the others; the task then fails, so the queue
    records it, and running it again sends only what is still unsent.
    """
    sent = 0
    failures: list[Exception] = []
    for notification_id in notification_ids:
        try:
            sent += services.send_notification_email(notification_id=notification_id)
        except Exception as exc:
            logger.exception("e-mail for notification %s failed", notification_id)
            failures.append(exc)
    if failures:
        raise failures[0]
    return sent
