"""Every change to courts, departments, people, private details, accounts and roles.

Views, the API, the admin and commands all call these functions (house style 2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from pypinyin import lazy_pinyin

from benchguard.core import audit
from benchguard.core.access import forget_grants
from benchguard.core.crypto import blind_index, blind_index_candidates
from benchguard.core.identity import validate_resident_id
from benchguard.core.models import VersionedModel
from benchguard.core.services import create_versioned, lock, update_versioned
from benchguard.core.types import Actor
from benchguard.core.validators import PHONE
from benchguard.organization import permissions
from benchguard.organization.models import (
    Account,
    Court,
    Department,
    Person,
    PersonPrivate,
    Relative,
    RoleAssignment,
)

COURT_FIELDS = (
    "name",
    "short_name",
    "abbreviation",
    "level",
    "case_code",
    "division_code",
    "parent",
    "sort_order",
)
DEPARTMENT_FIELDS = ("court", "name", "type", "is_active")
PERSON_FIELDS = (
    "court",
    "department",
    "name",
    "category",
    "position",
    "staff_number",
    "office_phone",
    "account",
    "is_active",
)
# What the directory's edit page changes: all but the court and the account, which the
# administrators set.
PERSON_WORK_FIELDS = tuple(name for name in PERSON_FIELDS if name not in ("court", "account"))
PRIVATE_FIELDS = ("home_address", "private_phone", "id_number")
RELATIVE_FIELDS = ("relation", "name", "phone", "id_number", "address")
ID_INDEX_PURPOSE = "resident-id"
ACCOUNT_FIELDS = ("username", "display_name", "email", "is_staff", "is_superuser")

V = TypeVar("V", bound=VersionedModel)


# Surnames read differently from the character's everyday reading (《百家姓》): without
# these, 曾 would be found as "ceng" and 单 as "dan". Compound surnames come first.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"), "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"),
    "曾": ("zeng",), "单": ("shan",), "解": ("xie",), "仇": ("qiu",), "区": ("ou",),
    "朴": ("piao",), "查": ("zha",), "盖": ("ge",), "覃": ("qin",), "翟": ("zhai",),
    "缪": ("miao",), "种": ("chong",), "召": ("shao",), "黑": ("he",), "繁": ("po",),
    "员": ("yun",), "秘": ("bi",), "折": ("she",), "祭": ("zhai",), "句": ("gou",),
    "宿": ("su",), "薄": ("bo",), "冼": ("xian",), "隗": ("wei",), "柏": ("bai",),
}  # fmt: skip


def pinyin_of(name: str) -> tuple[str, str]:
    """Full pinyin and initials of a Chinese name, for search by `zhangsan` or `zs`,
    reading the surname as a surname (曾 zeng, 单 shan)."""
    surname = next((s for s in (name[:2], name[:1]) if s in SURNAME_READINGS), "")
    rest = [s for s in lazy_pinyin(name[len(surname) :]) if s.strip()]
    syllables = [*SURNAME_READINGS.get(surname, ()), *rest]
    return "".join(syllables).lower(), "".join(s[0] for s in syllables if s).lower()


def id_number_index(number: str) -> str:
    return blind_index(validate_resident_id(number), purpose=ID_INDEX_PURPOSE)


def _update(obj: V, action: str, actor: Actor, expected_version: int, changes: dict[str, Any]) -> V:
    """The edit of a court, department or person: `update_versioned` of that row."""
    return update_versioned(
        type(obj), obj.pk, actor=actor, action=action, expected_version=expected_version, changes=changes
    )


# --- Courts and departments -----------------------------------------------------------


def create_court(*, actor: Actor, **fields: Any) -> Court:
    return create_versioned(
        Court(**fields), actor=actor, action="organization.court.create", fields=COURT_FIELDS
    )


def update_court(*, actor: Actor, court: Court, expected_version: int, changes: dict[str, Any]) -> Court:
    return _update(court, "organization.court.update", actor, expected_version, changes)


def create_department(*, actor: Actor, **fields: Any) -> Department:
    return create_versioned(
        Department(**fields),
        actor=actor,
        action="organization.department.create",
        fields=DEPARTMENT_FIELDS,
    )


def update_department(
    *, actor: Actor, department: Department, expected_version: int, changes: dict[str, Any]
) -> Department:
    return _update(department, "organization.department.update", actor, expected_version, changes)


# --- People -----------------------------------------------------------------------------


def create_person(*, actor: Actor, **fields: Any) -> Person:
    person = Person(**fields)
    person.name_pinyin, person.name_initials = pinyin_of(person.name)
    return create_versioned(person, actor=actor, action="organization.person.create", fields=PERSON_FIELDS)


def _editable(
    actor: Actor,
    person: Person,
    changes: dict[str, Any],
    may: Callable[[Actor, Person], bool],
    fields: Iterable[str],
) -> dict[str, Any]:
    """A copy of `changes` to save, once the actor `may` edit the person and every field
    changed is one of `fields` (the work details or the private ones)."""
    if not may(actor, person):
        raise PermissionDenied
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    return dict(changes)


def update_person(*, actor: Actor, person: Person, expected_version: int, changes: dict[str, Any]) -> Person:
    """Edit a person's work details (position, department …); only the personnel office
    and system administrators of the person's court may."""
    changes = _editable(actor, person, changes, permissions.can_edit_person, PERSON_WORK_FIELDS)
    if "name" in changes:
        changes["name_pinyin"], changes["name_initials"] = pinyin_of(changes["name"])
    return _update(person, "organization.person.update", actor, expected_version, changes)


def link_account(*, actor: Actor, person: Person, account: Account | None) -> Person:
    return _update(person, "organization.person.link_account", actor, person.version, {"account": account})


# --- Private details (A18) ---------------------------------------------------------------


def open_private_details(*, actor: Actor, person: Person, purpose: str = "view") -> PersonPrivate:
    """The person's private record for someone allowed to open it; the opening is
    written to the access log before anything is shown."""
    if not permissions.can_open_private(actor, person):
        raise PermissionDenied
    private, _created = PersonPrivate.objects.get_or_create(person=person)
    audit.record_access(actor=actor, action=f"organization.private.{purpose}", obj=person)
    return private


def update_private_details(
    *, actor: Actor, person: Person, expected_version: int, changes: dict[str, Any]
) -> PersonPrivate:
    changes = _editable(actor, person, changes, permissions.can_edit_private, PRIVATE_FIELDS)
    if changes.get("id_number"):
        try:
            changes["id_number"] = validate_resident_id(changes["id_number"])
        except ValidationError as exc:
            raise ValidationError({"id_number": exc.error_list}) from None
        changes["id_number_index"] = blind_index(changes["id_number"], purpose=ID_INDEX_PURPOSE)
        # Under either blind key while a key rotation runs (core.crypto).
        same_number = blind_index_candidates(changes["id_number"], purpose=ID_INDEX_PURPOSE)
        duplicate = PersonPrivate.objects.filter(id_number_index__in=same_number).exclude(person=person)
        if duplicate.exists():
            raise ValidationError(
                {
                    "id_number": ValidationError(
                        _("Another person already has this ID number."), code="duplicate"
                    )
                }
            )
    elif "id_number" in changes:
        changes["id_number_index"] = ""
    with transaction.atomic():
        PersonPrivate.objects.get_or_create(person=person)
        return update_versioned(
            PersonPrivate,
            person.pk,
            actor=actor,
            action="organization.private.update",
            expected_version=expected_version,
            changes=changes,
            redact=(*PRIVATE_FIELDS, "id_number_index"),
        )


def add_relative(
    *,
    actor: Actor,
    person: Person,
    relation: str,
    name: str,
    phone: str = "",
    id_number: str = "",
    address: str = "",
) -> Relative:
    """Add a close relative to the person's private record (A18): every value encrypted,
    none written to the audit log in clear."""
    if not permissions.can_edit_private(actor, person):
        raise PermissionDenied
    if not relation.strip() or not name.strip():
        raise ValidationError(
            {"name": ValidationError(_("Give the relation and the name."), code="required")}
        )
    if phone.strip():
        try:
            PHONE(phone.strip())
        except ValidationError as exc:
            raise ValidationError({"phone": exc.error_list}) from None
    if id_number.strip():
        try:
            id_number = validate_resident_id(id_number)
        except ValidationError as exc:
            raise ValidationError({"id_number": exc.error_list}) from None
    with transaction.atomic():
        private, _created = PersonPrivate.objects.get_or_create(person=person)
        relative = Relative(
            private=private,
            relation=relation.strip(),
            name=name.strip(),
            phone=phone.strip(),
            id_number=id_number.strip(),
            address=address.strip(),
        )
        return create_versioned(
            relative, actor=actor, action="organization.relative.add", fields=("private", *RELATIVE_FIELDS),
            redact=RELATIVE_FIELDS,
        )  # fmt: skip


def remove_relative(*, actor: Actor, relative: Relative) -> None:
    """Take a relative out of the private record (A18); the audit line keeps no value."""
    person = relative.private.person
    if not permissions.can_edit_private(actor, person):
        raise PermissionDenied
    with transaction.atomic():
        relative = lock(relative)
        audit.record_change(
            actor=actor,
            action="organization.relative.remove",
            obj=relative,
            before=audit.snapshot(relative, ("private", *RELATIVE_FIELDS), redact=RELATIVE_FIELDS),
            after=None,
        )
        relative.delete()


def find_person_by_id_number(number: str) -> Person | None:
    """Exact look-up through the blind index; the number itself is never queried."""
    private = (
        PersonPrivate.objects.select_related("person")
        .filter(
            id_number_index__in=blind_index_candidates(validate_resident_id(number), purpose=ID_INDEX_PURPOSE)
        )
        .first()
    )
    return private.person if private else None


# --- Accounts and roles -------------------------------------------------------------------


def create_account(
    *,
    actor: Actor,
    username: str,
    display_name: str,
    password: str | None,
    email: str = "",
    **extra: Any,
) -> Account:
    account = Account(username=username, display_name=display_name, email=email, **extra)
    if password:
        account.set_password(password)
    else:
        account.set_unusable_password()
    return create_versioned(account, actor=actor, action="organization.account.create", fields=ACCOUNT_FIELDS)


def assign_role(
    *, actor: Actor, account: Account, role: str, court: Court, department: Department | None = None
) -> RoleAssignment:
    with transaction.atomic():
        existing = RoleAssignment.objects.filter(
            account=account, role=role, court=court, department=department
        ).first()
        if existing is not None:
            return existing
        assignment = RoleAssignment(account=account, role=role, court=court, department=department)
        assignment.full_clean()
        assignment.save()
        audit.record_change(
            actor=actor,
            action="organization.role.assign",
            obj=account,
            after={"role": role, "court": court.pk, "department": department.pk if department else None},
            court_id=court.pk,
        )
    forget_grants(account)
    return assignment


def revoke_role(*, actor: Actor, assignment: RoleAssignment) -> None:
    with transaction.atomic():
        account = assignment.account
        audit.record_change(
            actor=actor,
            action="organization.role.revoke",
            obj=account,
            before={
                "role": assignment.role,
                "court": assignment.court_id,
                "department": assignment.department_id,
            },
            court_id=assignment.court_id,
        )
        assignment.delete()
    forget_grants(account)


def set_language(*, actor: Actor, account: Account, language: str) -> Account:
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    if account.language != language:
        account.language = language
        account.save(update_fields=["language"])
        audit.record_event(
            actor=actor, action="organization.account.language", obj=account, language=language
        )
    return account


def unlock_account(*, actor: Actor, account: Account) -> int:
    """Lift a lockout after repeated wrong passwords before it runs out; returns how many
    failed attempts were cleared."""
    from axes.utils import reset

    with transaction.atomic():
        cleared = reset(username=account.get_username())
        audit.record_event(actor=actor, action="organization.account.unlock", obj=account, cleared=cleared)
    return cleared
