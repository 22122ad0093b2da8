"""The directory of outside bodies a court coordinates with, and their contacts (A19).

Rows are deactivated, never deleted: the requests sent to a body (a later issue) will
point at it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from benchguard.core.models import VersionedModel
from benchguard.core.validators import PHONE
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.querysets import AgencyContactQuerySet, AgencyQuerySet


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
