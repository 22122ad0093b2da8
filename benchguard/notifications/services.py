"""Sending notifications and marking them read (A26.4 reminders; any area may notify).

`notify` is called by other areas' services and periodic jobs, inside their transaction.
It writes one in-app notification per recipient and, after commit, queues one task that
e-mails the new ones. A `dedupe_key` makes the call idempotent per recipient: the
partial unique constraint `notification_once_per_occasion` is the guarantee, so two
workers sending the same reminder at the same moment still produce one notification
and one e-mail.

Notifications write no audit lines: they are a delivery channel, and the service that
calls `notify` records the domain event (e.g. `matters.reminder.sent`) itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.functional import Promise, lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from benchguard.core.types import Actor
from benchguard.notifications.models import Notification

if TYPE_CHECKING:
    from benchguard.organization.models import Account, Court

logger = logging.getLogger(__name__)

_WHITESPACE = re.compile(r"\s+")


def is_internal_path(url: str) -> bool:
    """True for a path on this site ("/matters/7/"); False for anything a browser could
    take elsewhere ("//evil.example", "https://…", "/\\evil", "javascript:…")."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and not any(ch in url for ch in "\\\r\n\t")
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def _render(text: str | Promise, params: dict[str, Any]) -> str:
    values = {name: str(value) if isinstance(value, Promise) else value for name, value in params.items()}
    return str(text) % values if values else str(text)


_lazy_render = lazy(_render, str)


def localized(text: str | Promise, **params: Any) -> Promise:
    """A title or body to be written in the recipient's language: `text` is a lazy
    msgid (`gettext_lazy("Matter %(number)s is overdue")`) or a plain pattern
    ("%(kind)s · %(place)s"), `params` its values; lazy values (a choice's label) are
    translated too. Nothing is rendered until `notify` renders it for each recipient.

    `gettext_lazy("…") % {…}` would not do: `%` renders a lazy string at once, in the
    language of whoever triggered the notification.
    """
    return _lazy_render(text, params)  # type: ignore[return-value]


def choice_label(obj: Any, field: str) -> Any:
    """The lazy label of `obj`'s choice in `field`, for a `localized` value
    (`get_<field>_display()` would render it at once, in the actor's language)."""
    value = getattr(obj, field)
    return dict(obj._meta.get_field(field).flatchoices).get(value, value)


def language_of(account: Any) -> str:
    return getattr(account, "language", None) or settings.LANGUAGE_CODE


def _text_for(value: str | Promise, account: Any) -> str:
    """A lazily translated title or body, rendered in the recipient's own language."""
    if not isinstance(value, Promise):
        return value
    with translation.override(language_of(account)):
        return str(value)


def notify(
    *,
    recipients: Iterable[Account],
    kind: str,
    title: str | Promise,
    body: str | Promise = "",
    url: str = "",
    dedupe_key: str = "",
    court: Court | None = None,
    email: bool = True,
    new_occasion: bool = False,
) -> list[Notification]:
    """Notify each recipient once; return the notifications this call created.

    - `kind`: a short code naming what this is ("matters.reminder").
    - `title`, `body`: a lazy translation (`gettext_lazy`, or `localized` for one with
      values) is rendered in each recipient's language, here, once per recipient, and
      stored as text; plain text (what someone typed, a name) is stored as it is. Never
      pass an eager `gettext(…)`: it is in the language of whoever caused the message.
    - `url`: a path inside BenchGuard the notification opens; anything else is refused.
    - `dedupe_key`: names the occasion ("matters.reminder:42:due-7"). A recipient who
      already has a notification with this key gets nothing new, so calling again —
      from a job that runs twice, or from two workers at once — is harmless.
    - `court`: the court the occasion belongs to (for scoping and reports).
    - `email`: after commit, e-mail the new notifications to recipients who have an
      e-mail address and an active account (a queued task; see `tasks.py`).
    - `new_occasion`: the occasion was created in the caller's transaction (a visit
      just registered), so nobody can have been told of it yet: the look-up of who was
      told is skipped. The key is still stored, and still guarantees once.

    The same few queries whatever the number of recipients (issue 11): one read of who
    has this occasion already, one insert of the rest. Only when another worker inserts
    the same occasion between the two does it fall back to one recipient at a time.
    Everything is checked before the one write, so a refused call leaves the caller's
    transaction usable.
    """
    if url and not is_internal_path(url):
        raise ValidationError({"url": _("A notification can only link to a page of BenchGuard.")})
    unique: dict[Any, Account] = {}
    for account in recipients:
        unique.setdefault(account.pk, account)
    if dedupe_key and unique and not new_occasion:
        told = _already_told(dedupe_key, list(unique))
        unique = {pk: account for pk, account in unique.items() if pk not in told}
    rows = [_notification(account, kind, title, body, url, dedupe_key, court) for account in unique.values()]
    if not rows:
        created: list[Notification] = []
    elif not dedupe_key or new_occasion:
        created = Notification.objects.bulk_create(rows)
    else:
        try:
            with transaction.atomic():  # a savepoint: the race below must not undo the caller
                created = Notification.objects.bulk_create(rows)
        except IntegrityError:
            created = _one_by_one(rows)
    to_email = [n.pk for n in created if n.recipient.is_active and n.recipient.email] if email else []
    if to_email:
        from benchguard.notifications.tasks import send_notification_emails

        # robust: a queue that cannot take the task must not turn the committed change
        # into an error page; the notification is in the inbox either way.
        transaction.on_commit(lambda: send_notification_emails.enqueue(to_email), robust=True)
    return created


def _already_told(dedupe_key: str, recipient_ids: list[Any]) -> set[Any]:
    """Which of these recipients have a notification of this occasion already."""
    return set(
        Notification.objects.filter(dedupe_key=dedupe_key, recipient_id__in=recipient_ids).values_list(
            "recipient_id", flat=True
        )
    )


def _notification(
    account: Account,
    kind: str,
    title: str | Promise,
    body: str | Promise,
    url: str,
    dedupe_key: str,
    court: Court | None,
) -> Notification:
    """One recipient's notification, its title and body in their language, checked
    against the field lengths before anything is written."""
    row = Notification(
        recipient=account,
        dedupe_key=dedupe_key,
        kind=kind,
        title=_text_for(title, account),
        body=_text_for(body, account),
        url=url,
        court=court,
        created_at=timezone.now(),
    )
    row.clean_fields(exclude=["recipient", "court"])
    return row


_COPIED = ("kind", "title", "body", "url", "court", "created_at")


def _one_by_one(rows: list[Notification]) -> list[Notification]:
    """Another worker notified some of these recipients of the same occasion a moment
    ago: insert each row unless its recipient has it now (get_or_create's savepoint
    reads the winner's row when it loses the race)."""
    created = []
    for row in rows:
        fields = {
            name: getattr(row, name) for name in ("kind", "title", "body", "url", "court", "created_at")
        }
        notification, is_new = Notification.objects.get_or_create(
            recipient=row.recipient, dedupe_key=row.dedupe_key, defaults=fields
        )
        if is_new:
            created.append(notification)
    return created


def send_notification_email(*, notification_id: int) -> bool:
    """E-mail one notification to its recipient unless it was e-mailed already.

    Claims the row (sets `emailed_at`) before sending, so a second run or a second
    worker sends nothing; if sending fails the claim is released for the next attempt.
    Returns whether an e-mail was sent.
    """
    claimed_at = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id, emailed_at__isnull=True, recipient__is_active=True)
        .exclude(recipient__email="")
        .update(emailed_at=claimed_at)
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        _email_message(notification).send(fail_silently=False)
    except Exception:
        Notification.objects.filter(pk=notification_id, emailed_at=claimed_at).update(emailed_at=None)
        raise
    return True


def _email_message(notification: Notification) -> EmailMessage:
    recipient = notification.recipient
    with translation.override(language_of(recipient)):
        site = str(settings.BENCHGUARD_SITE_NAME)
        subject = _WHITESPACE.sub(" ", f"[{site}] {notification.title}").strip()
        parts = [notification.body] if notification.body else []
        if notification.url:
            base = getattr(settings, "BENCHGUARD_BASE_URL", "").rstrip("/")
            parts.append(gettext("Open: %(url)s") % {"url": iri_to_uri(base + notification.url)})
        footer = gettext(
            "You can also read this message under Notifications after signing in to %(site)s."
        ) % {"site": site}
    return EmailMessage(
        subject=subject,
        body="\n\n".join([*parts, f"-- \n{footer}"]) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )


def _check_recipient(actor: Actor, notification: Notification) -> None:
    # Views and the API reach a notification through selectors.get_notification_for
    # (404 for anyone else); this guards callers that skip them.
    if actor is None or not actor.is_authenticated or notification.recipient_id != actor.pk:
        raise PermissionDenied


@transaction.atomic
def mark_read(*, actor: Actor, notification: Notification) -> Notification:
    """The recipient has read the notification (repeat calls keep the first time)."""
    _check_recipient(actor, notification)
    if notification.read_at is None:
        now = timezone.now()
        if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now):
            notification.read_at = now
        else:  # read meanwhile (another tab): keep the first time
            notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of `actor` read; returns how many changed."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    return Notification.objects.visible_to(actor).unread().update(read_at=timezone.now())
