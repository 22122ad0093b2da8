"""Meetings with parties outside the courtroom (A10.3): the court's designated rooms,
the requests judges receive, the room booked (never twice at once), who attended and
the record; refusals with their reason, and a refusal sent to the interference
register (A7.1) when the request was an attempt to influence the case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benchguard.core.models import VersionedModel
from benchguard.meetings.choices import Capacity, MeetingStatus
from benchguard.meetings.querysets import MeetingRequestQuerySet, MeetingRoomQuerySet

USER = settings.AUTH_USER_MODEL


class MeetingRoom(models.Model):
    """A room the court designates for meetings with parties (A10.3: recorded, with
    the judicial police at hand), kept by the court's administrator."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    name = models.CharField(_("name"), max_length=60)
    place = models.CharField(_("where"), max_length=100, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = MeetingRoomQuerySet.as_manager()

    class Meta:
        ordering = ["court", "name"]
        verbose_name = _("meeting room")
        verbose_name_plural = _("meeting rooms")
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="meetings_room_name_unique")]

    def __str__(self) -> str:
        return self.name


class MeetingRequest(VersionedModel):
    """A party's (or their agent's) request to meet the judge outside the courtroom
    (A10.3), and what became of it."""

    court = models.ForeignKey(
        "organization.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("court")
    )
    judge = models.ForeignKey(
        "organization.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("judge")
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    case_number = models.CharField(_("case number"), max_length=60)
    requester_name = models.CharField(pgettext_lazy("meeting", "person asking to meet"), max_length=50)
    capacity = models.CharField(pgettext_lazy("meeting", "asking as"), max_length=8, choices=Capacity.choices)
    one_sided = models.BooleanField(
        _("one-sided"),
        default=False,
        help_text=_("Only one side asks to meet, without the other side or its agent present."),
    )
    purpose = models.TextField(pgettext_lazy("meeting", "purpose of the meeting"))
    received_at = models.DateTimeField(pgettext_lazy("meeting", "request received at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.REQUESTED
    )
    room = models.ForeignKey(
        MeetingRoom,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("designated room"),
    )
    starts_at = models.DateTimeField(pgettext_lazy("meeting", "meeting starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(pgettext_lazy("meeting", "meeting ends at"), null=True, blank=True)
    attendees = models.TextField(_("who attended"), blank=True)
    record = models.TextField(_("record of the meeting"), blank=True)
    refusal_reason = models.TextField(pgettext_lazy("meeting", "reason for refusing"), blank=True)
    sent_to_register_at = models.DateTimeField(
        _("sent to the interference register at"), null=True, blank=True
    )
    register_entry = models.ForeignKey(
        "interference.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entry in the interference register"),
    )
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        indexes = [
            models.Index(fields=["court", "status"], name="meetings_request_court_idx"),
            models.Index(fields=["room", "starts_at"], name="meetings_request_room_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meetings_request_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} · {self.requester_name}"
