"""Public-opinion events about judges (A17): where, what, reach, the judge and case
concerned, screenshots kept with their SHA-256 and time; the investigation with the
department, the public clarification (drafted, approved, published — the text kept as
published), the harm undone; and the pursuit of liability per infringer (A5), which
hangs off an event, a committee matter or an incident."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import AttachmentBase, VersionedModel
from benchguard.core.validators import HAPPENED
from benchguard.reputation.choices import (
    ClarificationStatus,
    EventKind,
    EventOrigin,
    EventStatus,
    ReferredTo,
)
from benchguard.reputation.querysets import ClarificationQuerySet, EventQuerySet, LiabilityQuerySet


class OpinionEvent(VersionedModel):
    """A public-opinion event harming a judge's name or dignity (A17): a false report, a
    frame-up, an insult or defamation, found by the committee or reported by the judge."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    right = models.ForeignKey(
        "organization.RightCategory",
        verbose_name=_("rights concerned"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The category of rights and interests (A3); reports count by it."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    origin = models.CharField(_("origin"), max_length=20, choices=EventOrigin.choices)
    judge = models.ForeignKey(
        "organization.Person", verbose_name=_("judge concerned"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    platform = models.CharField(_("where (platform or medium)"), max_length=100)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    summary = models.TextField(_("what was published"))
    reach = models.CharField(
        _("reach"), max_length=200, blank=True, help_text=_("Views, shares, reposts as seen when found.")
    )
    found_on = models.DateField(_("found on"), validators=[HAPPENED])
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.REGISTERED
    )
    department = models.CharField(
        _("department investigating with the committee"), max_length=100, blank=True
    )
    findings = models.TextField(_("findings of the investigation"), blank=True)
    harm_undone = models.TextField(_("harm undone"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("public-opinion event")
        verbose_name_plural = _("public-opinion events")
        indexes = [models.Index(fields=["court", "-found_on", "-id"], name="reputation_event_court_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.platform} · {self.found_on}"


class EventScreenshot(AttachmentBase):
    """A screenshot (or saved page) of an event, with its SHA-256, the time the user says
    it was captured and the time it was uploaded (A17)."""

    event = models.ForeignKey(
        OpinionEvent, verbose_name=_("event"), on_delete=models.PROTECT, related_name="screenshots"
    )
    file = models.FileField(_("file"), upload_to="reputation/%Y/%m/")
    captured_at = models.DateTimeField(_("captured at"))

    class Meta(AttachmentBase.Meta):
        verbose_name = _("screenshot")
        verbose_name_plural = _("screenshots")

    @property
    def audit_court_id(self) -> int:
        return self.event.court_id


class Clarification(VersionedModel):
    """A public clarification of an event (A17; Judges Law ch. 7, 澄清正名): drafted by the
    office, approved by the chair or a vice-chair, published. The published text is kept
    as published: it is never edited; a correction is a new version that supersedes it."""

    event = models.ForeignKey(
        OpinionEvent, verbose_name=_("event"), on_delete=models.PROTECT, related_name="clarifications"
    )
    number = models.PositiveSmallIntegerField(_("version of the clarification"), default=1)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=20, choices=ClarificationStatus.choices, default=ClarificationStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    channel = models.CharField(_("published where"), max_length=200, blank=True)
    published_text = models.TextField(_("text as published"), blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ClarificationQuerySet.as_manager()

    class Meta:
        ordering = ["event_id", "number", "id"]
        verbose_name = _("public clarification")
        verbose_name_plural = _("public clarifications")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"], name="reputation_clarification_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "superseded"])
                | (Q(published_at__isnull=False) & ~Q(published_text="")),
                name="reputation_clarification_published_has_text",
                violation_error_code="published_without_text",
                violation_error_message=_("A published clarification keeps its text and time."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Clarification %(number)s") % {"number": self.number})

    @property
    def audit_court_id(self) -> int:
        return self.event.court_id


class Liability(VersionedModel):
    """The pursuit of liability of one infringer (A5, A17): who, what they did, to whom it
    was referred (police, procuratorate, discipline body, platform, a civil suit …) and
    when, the outcome and when. It belongs to a public-opinion event, a committee matter or
    an incident — exactly one of them."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        OpinionEvent,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liabilities",
    )
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("committee matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    infringer = models.CharField(_("infringer"), max_length=200)
    conduct = models.TextField(_("conduct"))
    referred_to = models.CharField(_("referred to"), max_length=30, choices=ReferredTo.choices)
    referred_to_name = models.CharField(_("name of the body"), max_length=200, blank=True)
    referred_on = models.DateField(_("referred on"), validators=[HAPPENED])
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True, validators=[HAPPENED])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = LiabilityQuerySet.as_manager()

    class Meta:
        ordering = ["referred_on", "id"]
        verbose_name = _("pursuit of liability")
        verbose_name_plural = _("pursuits of liability")
        indexes = [
            models.Index(fields=["event"], name="reputation_liab_event_idx"),
            models.Index(fields=["matter"], name="reputation_liab_matter_idx"),
            models.Index(fields=["incident"], name="reputation_liab_incident_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(event__isnull=False, matter__isnull=True, incident__isnull=True)
                    | Q(event__isnull=True, matter__isnull=False, incident__isnull=True)
                    | Q(event__isnull=True, matter__isnull=True, incident__isnull=False)
                ),
                name="reputation_liability_one_parent",
                violation_error_code="one_parent",
                violation_error_message=_(
                    "A pursuit of liability belongs to exactly one event, committee matter or incident."
                ),
            ),
            models.CheckConstraint(
                condition=Q(outcome_on__isnull=True) | Q(outcome_on__gte=models.F("referred_on")),
                name="reputation_liability_outcome_after_referral",
                violation_error_code="order",
                violation_error_message=_("The outcome cannot predate the referral."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.infringer} → {self.get_referred_to_display()}"

    @property
    def parent(self) -> models.Model:
        return self.event or self.matter or self.incident  # type: ignore[return-value]
