"""Courts, departments, people, their restricted private details, accounts and roles."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from benchguard.core.crypto import BlindIndexField, EncryptedTextField
from benchguard.core.identity import mask_resident_id
from benchguard.core.models import BilingualLabel, VersionedModel
from benchguard.organization.choices import (
    CourtLevel,
    DepartmentType,
    PersonCategory,
    Role,
)
from benchguard.organization.querysets import CourtQuerySet, DepartmentQuerySet, PersonQuerySet


class Court(VersionedModel):
    """A people's court of the city: the intermediate court or one of its base courts
    (A30), or the higher court that hears appeals under A27."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=10, help_text=_("Used in document numbers, e.g. 青中法.")
    )
    level = models.CharField(_("level"), max_length=16, choices=CourtLevel.choices)
    case_code = models.CharField(_("case-number code"), max_length=10, help_text=_("e.g. 鲁02"))
    division_code = models.CharField(_("administrative division code"), max_length=6, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("higher court"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = CourtQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "division_code"]
        verbose_name = _("court")
        verbose_name_plural = _("courts")

    def __str__(self) -> str:
        return self.name


class Department(VersionedModel):
    """A department of a court: a trial division, the judicial police, the gatehouse …"""

    court = models.ForeignKey(
        Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=100)
    type = models.CharField(_("type"), max_length=32, choices=DepartmentType.choices)
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["court", "name"], name="department_name_unique_in_court")
        ]
        indexes = [models.Index(fields=["court", "type"], name="department_court_type_idx")]

    def __str__(self) -> str:
        return self.name


class Account(AbstractUser):
    """A login to BenchGuard. What it may do comes from its role assignments; who it is
    comes from the linked person record."""

    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.display_name or self.username

    def get_full_name(self) -> str:
        return self.display_name or self.username


class RoleAssignment(models.Model):
    """That an account holds a role in one court (and, for a division chief, one
    department). Access helpers read these to scope every query."""

    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    court = models.ForeignKey(Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        ordering = ["account_id", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "role", "court"],
                condition=Q(department__isnull=True),
                name="role_assignment_unique_in_court",
            ),
            models.UniqueConstraint(
                fields=["account", "role", "court", "department"],
                condition=Q(department__isnull=False),
                name="role_assignment_unique_in_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.get_role_display()} · {self.court_id}"

    def clean(self) -> None:
        if self.department is not None and self.department.court_id != self.court_id:
            raise ValidationError({"department": _("The department must belong to the court of the role.")})


class Person(VersionedModel):
    """Someone who works at a court: a quota judge, judicial support staff or other
    staff (A2, A28). Judicial police officers are staff. Only work details live here;
    private details are in PersonPrivate."""

    court = models.ForeignKey(Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="people")
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    name_pinyin = models.CharField(_("name in pinyin"), max_length=200, blank=True, editable=False)
    name_initials = models.CharField(_("pinyin initials"), max_length=20, blank=True, editable=False)
    category = models.CharField(_("category"), max_length=20, choices=PersonCategory.choices)
    position = models.CharField(_("position"), max_length=50, blank=True)
    staff_number = models.CharField(_("staff number"), max_length=20, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=30, blank=True)
    account = models.OneToOneField(
        Account,
        verbose_name=_("login account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    is_active = models.BooleanField(_("in post"), default=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["court_id", "name_pinyin", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["court", "name_pinyin"], name="person_court_pinyin_idx"),
            models.Index(fields=["court", "name_initials"], name="person_court_initials_idx"),
            models.Index(fields=["court", "category"], name="person_court_category_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "staff_number"],
                condition=~Q(staff_number=""),
                name="person_staff_number_unique_in_court",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.department is not None and self.court_id and self.department.court_id != self.court_id:
            raise ValidationError({"department": _("The department must belong to the person's court.")})


# A person's work details after the name: what the edit page changes and the directory
# API serves (the private details, A18, are never among them).
WORK_DETAILS = ("department", "category", "position", "staff_number", "office_phone", "is_active")


class PersonPrivate(VersionedModel):
    """A person's private details (A18): home address, private phone, identity number, and
    close relatives (Relative, one row each). Encrypted at rest; opened only by roles with a need, and every
    opening is written to the access log."""

    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="private",
    )
    home_address = EncryptedTextField(_("home address"), blank=True)
    private_phone = EncryptedTextField(_("private phone"), blank=True)
    id_number = EncryptedTextField(_("resident ID number"), blank=True)
    id_number_index = BlindIndexField(
        _("ID number index"), blank=True, source="id_number", purpose="resident-id"
    )

    class Meta:
        ordering = ["person_id"]
        verbose_name = _("private details")
        verbose_name_plural = _("private details")
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=~Q(id_number_index=""),
                name="person_private_id_number_unique",
            )
        ]

    def __str__(self) -> str:
        return str(_("Private details of %(name)s") % {"name": self.person.name})

    @property
    def id_number_masked(self) -> str:
        return mask_resident_id(self.id_number) if self.id_number else ""


def mask_name(name: str) -> str:
    """A name shown masked (A18): its first character, then one star per other character."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def mask_phone(phone: str) -> str:
    """A phone shown masked (A18): 138****1234 — the first three and last four digits."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 8:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_text(text: str) -> str:
    """A free text shown masked (an address): its first few characters only."""
    text = text.strip()
    return f"{text[:3]}****" if text else ""


class Relative(VersionedModel):
    """A close relative in a person's private record (A18): relation, name and phone, and
    optionally an ID number and address, every value encrypted at rest, shown masked
    (王*, 138****1234) and in full only through the logged opening of the record
    (services.open_private_details)."""

    private = models.ForeignKey(
        PersonPrivate, verbose_name=_("private details"), on_delete=models.CASCADE, related_name="relatives"
    )
    relation = EncryptedTextField(_("relation"))
    name = EncryptedTextField(pgettext_lazy("person", "name"))
    phone = EncryptedTextField(_("phone"), blank=True)
    id_number = EncryptedTextField(_("resident ID number"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)

    class Meta:
        ordering = ["private_id", "id"]
        verbose_name = _("close relative")
        verbose_name_plural = _("close relatives")

    def __str__(self) -> str:
        return f"{self.relation} {self.name_masked}"

    @property
    def name_masked(self) -> str:
        return mask_name(self.name)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone) if self.phone else ""

    @property
    def id_number_masked(self) -> str:
        return mask_resident_id(self.id_number) if self.id_number else ""

    @property
    def address_masked(self) -> str:
        return mask_text(self.address)

    @property
    def audit_court_id(self) -> int:
        return self.private.person.court_id


class RightCategory(BilingualLabel):
    """A category of the rights and interests a judge holds while performing duties (A3):
    personal safety, property, reputation, privacy, independence, pay and leave …
    Reference data of the city, seeded with a starting taxonomy that the city
    administrator extends; matters, incidents and the later registers are classified by
    it, and reports count by it. A retired category stays on the records that carry it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("category of rights")
        verbose_name_plural = _("categories of rights")


class CourtSettings(models.Model):
    """One row of an area's settings per court, made with its defaults the first time it
    is asked for (`of(court_id)`); the court's administrator edits it in the admin.
    Internal targets live here, never legal rules."""

    court = models.OneToOneField(Court, verbose_name=_("court"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True
        ordering = ["court"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} · {self.court}"

    @classmethod
    def of(cls, court_id: int) -> Self:
        found, _created = cls._default_manager.get_or_create(court_id=court_id)
        return found
