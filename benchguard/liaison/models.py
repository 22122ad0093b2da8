"""The directory of outside bodies a court coordinates with, their contacts (A19), and
the register of the requests the court sends them, with their answers.

Rows of the directory are deactivated, never deleted: the requests sent to a body point
at it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import VersionedModel
from benchguard.core.validators import HAPPENED, PHONE, PLANNED
from benchguard.liaison.choices import AgencyKind, RequestStatus
from benchguard.liaison.querysets import AgencyContactQuerySet, AgencyQuerySet, LiaisonRequestQuerySet


class Agency(VersionedModel):
    """An outside body in a court's liaison directory: the political-legal committee,
    public security, the procuratorate, the justice bureau, the bar association, the
    internet regulator or another body (A19)."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="agencies"
    )
    kind = models.CharField(_("kind of body"), max_length=32, choices=AgencyKind.choices)
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "kind", "name", "id"]
        verbose_name = _("outside body")
        verbose_name_plural = _("outside bodies")
        constraints = [
            models.UniqueConstraint(fields=["court", "name"], name="liaison_agency_name_unique_in_court")
        ]
        indexes = [models.Index(fields=["court", "is_active", "kind"], name="liaison_agency_court_kind_idx")]

    def __str__(self) -> str:
        return self.name


class AgencyContact(VersionedModel):
    """A person to call at an outside body, with their office and mobile phones (A19)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("outside body"), on_delete=models.PROTECT, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=50)
    position = models.CharField(_("position"), max_length=100, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=30, blank=True, validators=[PHONE])
    mobile_phone = models.CharField(_("mobile phone"), max_length=30, blank=True, validators=[PHONE])
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = AgencyContactQuerySet.as_manager()

    class Meta:
        ordering = ["agency_id", "name", "id"]
        verbose_name = _("contact at an outside body")
        verbose_name_plural = _("contacts at outside bodies")
        indexes = [models.Index(fields=["agency", "is_active"], name="liaison_contact_agency_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.agency.court_id


class LiaisonRequest(VersionedModel):
    """A request the court sent to an outside body (A19): what was asked and why, which
    judge it concerns and, where there is one, the incident, case or committee matter
    behind it; by when the body should answer, the answer and when it came, and the
    follow-up. Requests to the police about an incident (商请公安机关, A8, A9.2) are
    requests of this register."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("outside body"), on_delete=models.PROTECT, related_name="requests"
    )
    contact = models.ForeignKey(
        AgencyContact,
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    request_text = models.TextField(_("what is asked"))
    reason = models.TextField(_("why"), blank=True)
    judge = models.ForeignKey(
        "organization.Person",
        verbose_name=_("judge concerned"),
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
        related_name="liaison_requests",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name=_("committee matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_on = models.DateField(_("sent on"), validators=[HAPPENED])
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    # Null only on requests recorded before the register asked for it (the police
    # requests of the incident register, moved here by migration 0003).
    answer_by = models.DateField(_("answer by"), null=True, blank=True, validators=[PLANNED])
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.SENT
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True, validators=[HAPPENED])
    follow_up = models.TextField(_("follow-up"), blank=True)
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT, related_name="+"
    )
    # The id the request had as an incidents.PoliceRequest: the audit lines written
    # before the move name it (object type incidents.policerequest).
    former_police_request = models.PositiveIntegerField(
        _("former request to the police"), null=True, blank=True, editable=False
    )

    objects = LiaisonRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("request to an outside body")
        verbose_name_plural = _("requests to outside bodies")
        indexes = [
            models.Index(fields=["court", "-sent_on", "-id"], name="liaison_request_court_sent_idx"),
            models.Index(fields=["court", "status", "answer_by"], name="liaison_request_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer_by__isnull=True) | Q(answer_by__gte=models.F("sent_on")),
                name="liaison_request_answer_by_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("sent_on")),
                name="liaison_request_answered_after_sent",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "closed"]) | Q(answered_on__isnull=False),
                name="liaison_request_answered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.sent_on}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Sent, not answered, and the day to answer by has passed."""
        today = today or timezone.localdate()
        return self.status == RequestStatus.SENT and self.answer_by is not None and self.answer_by < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()
