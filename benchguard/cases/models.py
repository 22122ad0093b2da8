"""Cases as the filing division registers them, and their parties (A14).

A case is the court's own record, read by those who work on it (querysets). Its
parties' identity numbers are encrypted with a blind index, like every outsider's
number in BenchGuard; each party is screened against the city-wide controlled list
(A15) when the case is filed, and what screening found is a row of its own, read only
by those who may know the list's answer."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from benchguard.cases.choices import ImportStatus, PartyKind, PartyRole, ScreeningOutcome, Stage
from benchguard.cases.querysets import CaseQuerySet, PartyQuerySet, PartyScreeningQuerySet
from benchguard.core.crypto import EncryptedTextField, blind_index
from benchguard.core.documents import DocumentType, mask_document
from benchguard.core.models import VersionedModel


def party_document_index(kind: str, normalised: str) -> str:
    """The blind index of a party's document: equal numbers of one type match."""
    return blind_index(normalised, purpose=f"case-party-document-{kind}")


class Case(VersionedModel):
    """A case of the court, as the case-filing division registered it (A14): its number
    in the official form, cause, stage, the division and the judge or panel trying it."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="cases"
    )
    number = models.CharField(_("case number"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    type_code = models.CharField(_("case-type code"), max_length=4, editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    cause = models.CharField(_("cause of action"), max_length=100)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.FILING)
    division = models.ForeignKey(
        "organization.Department",
        verbose_name=_("division"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    judge = models.ForeignKey(
        "organization.Person",
        verbose_name=_("judge in charge"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_in_charge",
    )
    panel = models.ManyToManyField(
        "organization.Person",
        verbose_name=_("other members of the panel"),
        blank=True,
        related_name="panel_cases",
    )
    filed_on = models.DateField(_("filed on"))
    registered_by = models.ForeignKey(
        "organization.Account",
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["court", "year", "type_code", "sequence"], name="cases_case_number_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["court", "-filed_on", "-id"], name="cases_case_court_filed_idx"),
            models.Index(fields=["judge", "stage"], name="cases_case_judge_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class Party(VersionedModel):
    """A party to a case: a person or an organisation, its standing, and for a person
    the identity document (number encrypted, blind index for exact look-up) (A14)."""

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="parties")
    kind = models.CharField(_("kind of party"), max_length=16, choices=PartyKind.choices)
    role = models.CharField(_("standing"), max_length=32, choices=PartyRole.choices)
    name = models.CharField(_("name"), max_length=100)
    document_kind = models.CharField(
        _("document type"), max_length=32, choices=DocumentType.choices, blank=True
    )
    document_number = EncryptedTextField(_("document number"), blank=True)
    document_index = models.CharField(_("document index"), max_length=64, blank=True, editable=False)
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True, editable=False)

    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["case_id", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=PartyKind.PERSON) | models.Q(document_kind=""),
                name="cases_party_document_of_a_person",
            ),
        ]
        indexes = [
            models.Index(fields=["document_index"], name="cases_party_document_idx"),
            # The search by a party's name reads each case's parties' names from here
            # alone, never the rows with their encrypted documents (selectors.cases_for).
            models.Index(fields=["case", "name"], name="cases_party_case_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_court_id(self) -> int:
        """The court the row belongs to, for the audit line (core.audit)."""
        return self.case.court_id

    @property
    def masked_document(self) -> str:
        return mask_document(self.document_number) if self.document_number else ""


class PartyScreening(models.Model):
    """What screening a party against the controlled list found, when the case was filed
    or the party added (A14, A15): one row per listed person the party may be. Written
    once, never changed; read only by those who may know the list's answer."""

    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.PROTECT, related_name="screenings"
    )
    person = models.ForeignKey(
        "persons_of_concern.PersonOfConcern",
        verbose_name=_("person of concern"),
        on_delete=models.PROTECT,
        related_name="case_screenings",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=ScreeningOutcome.choices)
    screened_at = models.DateTimeField(_("screened at"))

    objects = PartyScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["party_id", "id"]
        verbose_name = _("screening of a party")
        verbose_name_plural = _("screenings of parties")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "person", "screened_at"], name="cases_screening_once_per_run"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} · {self.get_outcome_display()}"

    @property
    def audit_court_id(self) -> int:
        return self.party.case.court_id


class CaseImport(VersionedModel):
    """A sheet of cases a filing clerk uploaded to register them at once (A14): kept,
    encrypted, between the preview and the confirmation, filed by a background task all
    or nothing, then emptied. The sheet holds parties' identity numbers, so its content
    is encrypted at rest like every such number and never reaches the audit trail; only
    its name and SHA-256 do."""

    court = models.ForeignKey(
        "organization.Court", verbose_name=_("court"), on_delete=models.PROTECT, related_name="case_imports"
    )
    uploaded_by = models.ForeignKey(
        "organization.Account", verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content = EncryptedTextField(_("content"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total = models.PositiveIntegerField(_("cases in the sheet"), default=0)
    done = models.PositiveIntegerField(_("cases imported"), default=0)
    error = models.TextField(_("why it failed"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import of cases")
        verbose_name_plural = _("imports of cases")
        indexes = [models.Index(fields=["court", "-created_at"], name="cases_import_court_idx")]

    def __str__(self) -> str:
        return self.file_name
