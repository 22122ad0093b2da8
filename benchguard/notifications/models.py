"""In-app notifications, each also sent by e-mail once (A26.4 reminders and later areas)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.notifications.querysets import NotificationQuerySet


class Notification(models.Model):
    """A message to one account: a time-limit reminder, a matter assigned to them, a
    decision they should read. It is personal: only its recipient ever sees it.

    `dedupe_key` names the occasion (e.g. "matters.reminder:42:7d"); the partial unique
    constraint lets each recipient get at most one notification per key, which is what
    makes a reminder job safe to run twice, or on two workers at once.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    court = models.ForeignKey(
        "organization.Court",
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=64, help_text=_("A short code, e.g. matters.reminder."))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True, help_text=_("A path inside BenchGuard."))
    dedupe_key = models.CharField(_("occasion key"), max_length=200, blank=True, default="")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_occasion",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
