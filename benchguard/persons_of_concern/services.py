"""Every change to persons of concern, the controlled list and department logs (A15)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benchguard.core import audit
from benchguard.core.documents import validate_document
from benchguard.core.exports import xlsx
from benchguard.core.services import create_versioned, update_versioned
from benchguard.organization.models import Court, Department
from benchguard.persons_of_concern import names, permissions
from benchguard.persons_of_concern.choices import EntryStatus, NameKind
from benchguard.persons_of_concern.matching import document_index, normalize_phone, phone_index
from benchguard.persons_of_concern.models import (
    ControlledListEntry,
    DepartmentLog,
    IdentityDocument,
    NameKey,
    PersonName,
    PersonOfConcern,
    PhoneNumber,
)

PERSON_FIELDS = ["name", "sex", "birth_date", "description", "court"]
ENTRY_FIELDS = ["person", "court", "legal_basis", "level", "review_date", "expires_on"]


def _actor_court(actor: Any) -> Court:
    from benchguard.core.access import court_ids_with

    ids = court_ids_with(actor, permissions.READER_ROLES)
    court = Court.objects.filter(pk__in=ids).order_by("sort_order", "pk").first()
    if court is None:
        raise PermissionDenied
    return court


def _write_keys(row: PersonName) -> None:
    NameKey.objects.filter(name=row).delete()
    NameKey.objects.bulk_create(
        [NameKey(person_id=row.person_id, name=row, key=key) for key in names.keys_for(row.name)]
    )


@transaction.atomic
def add_name(*, actor: Any, person: PersonOfConcern, name: str, kind: str) -> PersonName:
    """An alias or former name (A15), with its search keys."""
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter the name.")})
    if PersonName.objects.filter(person=person, name=name).exists():
        raise ValidationError({"name": _("This person already has that name.")})
    row = create_versioned(
        PersonName(person=person, kind=kind, name=name, simplified=names.simplify(name)),
        actor=actor,
        action="persons_of_concern.name.create",
        fields=["person", "kind", "name"],
    )
    _write_keys(row)
    return row


@transaction.atomic
def add_document(*, actor: Any, person: PersonOfConcern, kind: str, number: str) -> IdentityDocument:
    """An identity document; the number is validated for its type, encrypted and indexed."""
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    try:
        normalised = validate_document(kind, number)
    except ValidationError as exc:
        raise ValidationError({"number": exc.messages}) from None
    index = document_index(kind, normalised)
    if IdentityDocument.objects.filter(kind=kind, number_index=index).exists():
        raise ValidationError({"number": _("This document is already recorded for a person of concern.")})
    return create_versioned(
        IdentityDocument(person=person, kind=kind, number=normalised, number_index=index),
        actor=actor,
        action="persons_of_concern.document.create",
        fields=["person", "kind", "number"],
        redact=["number"],
    )


@transaction.atomic
def add_phone(*, actor: Any, person: PersonOfConcern, number: str) -> PhoneNumber:
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    digits = normalize_phone(number)
    if not 7 <= len(digits) <= 15:
        raise ValidationError({"phone": _("A phone number has 7 to 15 digits.")})
    index = phone_index(digits)
    if PhoneNumber.objects.filter(person=person, number_index=index).exists():
        raise ValidationError({"phone": _("This phone number is already recorded for the person.")})
    return create_versioned(
        PhoneNumber(person=person, number=digits, number_index=index),
        actor=actor,
        action="persons_of_concern.phone.create",
        fields=["person", "number"],
        redact=["number"],
    )


@transaction.atomic
def create_person(
    *,
    actor: Any,
    name: str,
    sex: str = "",
    birth_date: dt.date | None = None,
    description: str = "",
    photo: Any = None,
    aliases: Iterable[str] = (),
    documents: Iterable[tuple[str, str]] = (),
    phones: Iterable[str] = (),
) -> PersonOfConcern:
    """Record a person of concern (A15) with their names, documents and phones."""
    if not permissions.can_read(actor):
        raise PermissionDenied
    person = PersonOfConcern(
        name=name.strip(),
        sex=sex,
        birth_date=birth_date,
        description=description,
        court=_actor_court(actor),
        created_by=actor,
    )
    if photo:
        person.photo = photo
    create_versioned(person, actor=actor, action="persons_of_concern.person.create", fields=PERSON_FIELDS)
    add_name(actor=actor, person=person, name=person.name, kind=NameKind.PRIMARY)
    for alias in aliases:
        if alias.strip():
            add_name(actor=actor, person=person, name=alias, kind=NameKind.ALIAS)
    for kind, number in documents:
        add_document(actor=actor, person=person, kind=kind, number=number)
    for phone in phones:
        add_phone(actor=actor, person=person, number=phone)
    return person


@transaction.atomic
def update_person(
    *, actor: Any, person: PersonOfConcern, expected_version: int, changes: dict[str, Any]
) -> PersonOfConcern:
    """Edit the person's details; a new name keeps the old one as a former name."""
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    # A model form has already put the new values on `person`: read the stored name.
    old_name = PersonOfConcern.objects.values_list("name", flat=True).get(pk=person.pk)
    saved = update_versioned(
        PersonOfConcern,
        person.pk,
        actor=actor,
        action="persons_of_concern.person.update",
        expected_version=expected_version,
        changes=changes,
    )
    if saved.name != old_name:
        primary = PersonName.objects.get(person=saved, kind=NameKind.PRIMARY)
        update_versioned(
            PersonName,
            primary.pk,
            actor=actor,
            action="persons_of_concern.name.update",
            expected_version=primary.version,
            changes={"kind": NameKind.FORMER},
        )
        existing = PersonName.objects.filter(person=saved, name=saved.name).first()
        if existing is None:
            add_name(actor=actor, person=saved, name=saved.name, kind=NameKind.PRIMARY)
        else:
            update_versioned(
                PersonName,
                existing.pk,
                actor=actor,
                action="persons_of_concern.name.update",
                expected_version=existing.version,
                changes={"kind": NameKind.PRIMARY},
            )
    return saved


@transaction.atomic
def propose_entry(
    *,
    actor: Any,
    person: PersonOfConcern,
    legal_basis: str,
    level: str,
    review_date: dt.date,
    expires_on: dt.date,
    incidents: Iterable[Any] = (),
    today: dt.date | None = None,
) -> ControlledListEntry:
    """Propose the person for the controlled list (A15); it matches once approved.
    `incidents` are the incidents behind the entry: each must name the person.

    `today` lets an entry decided on paper earlier be recorded with its real dates."""
    if not permissions.can_propose(actor, person):
        raise PermissionDenied
    incidents = list(incidents)
    if any(not incident.perpetrators.filter(pk=person.pk).exists() for incident in incidents):
        raise ValidationError({"incidents": _("Only incidents linked to this person can be named.")})
    today = today or timezone.localdate()
    if expires_on and expires_on <= today:
        raise ValidationError({"expires_on": _("The expiry date must be in the future.")})
    if review_date and review_date < today:
        raise ValidationError({"review_date": _("The review date cannot be in the past.")})
    entry = create_versioned(
        ControlledListEntry(
            person=person,
            court=_actor_court(actor),
            legal_basis=legal_basis,
            level=level,
            proposed_by=actor,
            review_date=review_date,
            expires_on=expires_on,
        ),
        actor=actor,
        action="persons_of_concern.entry.propose",
        fields=ENTRY_FIELDS,
    )
    if incidents:
        entry.incidents.set(incidents)
        audit.record_event(
            actor=actor,
            action="persons_of_concern.entry.incidents",
            obj=entry,
            incidents=[incident.pk for incident in incidents],
        )
    return entry


@transaction.atomic
def approve_entry(*, actor: Any, entry: ControlledListEntry) -> ControlledListEntry:
    """Approval by the committee office or a court leader other than the proposer."""
    if not permissions.can_approve_entry(actor, entry):
        raise PermissionDenied
    if entry.status != EntryStatus.PROPOSED:
        raise ValidationError(
            _("Only a proposed entry can be approved; this one is %(status)s.")
            % {"status": entry.get_status_display()},
            code="invalid_transition",
        )
    return update_versioned(
        ControlledListEntry,
        entry.pk,
        actor=actor,
        action="persons_of_concern.entry.approve",
        expected_version=entry.version,
        changes={"approved_by": actor, "approved_at": timezone.now()},
    )


@transaction.atomic
def remove_entry(*, actor: Any, entry: ControlledListEntry, reason: str) -> ControlledListEntry:
    """Take an entry off the list; it stays in history with the reason."""
    if not permissions.can_remove_entry(actor, entry):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for removing the entry.")})
    if entry.removed_at is not None:
        raise ValidationError(_("The entry has already been removed."))
    return update_versioned(
        ControlledListEntry,
        entry.pk,
        actor=actor,
        action="persons_of_concern.entry.remove",
        expected_version=entry.version,
        changes={"removed_at": timezone.now(), "removed_by": actor, "removal_reason": reason.strip()},
    )


def open_entry(*, actor: Any, entry: ControlledListEntry) -> ControlledListEntry:
    """Every view of an entry is in the access log (A15), written before it is shown."""
    audit.record_access(actor=actor, action="persons_of_concern.entry.view", obj=entry)
    return entry


@transaction.atomic
def add_department_log(
    *,
    actor: Any,
    department: Department,
    event_date: dt.date,
    what_happened: str,
    outcome: str = "",
    person: PersonOfConcern | None = None,
) -> DepartmentLog:
    """A line of a division's log (日志备查, A15)."""
    from benchguard.core.access import court_ids_with

    if department.court_id not in court_ids_with(actor, permissions.READER_ROLES):
        raise PermissionDenied
    return create_versioned(
        DepartmentLog(
            court_id=department.court_id,
            department=department,
            person=person,
            event_date=event_date,
            what_happened=what_happened,
            outcome=outcome,
            recorded_by=actor,
        ),
        actor=actor,
        action="persons_of_concern.log.create",
        fields=["department", "person", "event_date", "what_happened", "outcome"],
    )


def export_controlled_list(*, actor: Any, entries: Iterable[ControlledListEntry]) -> bytes:
    """The controlled list as an Excel workbook; the export is logged as an access."""
    if not permissions.can_export(actor):
        raise PermissionDenied
    rows = list(entries)
    audit.record_event(actor=actor, action="persons_of_concern.entry.export", obj=None, count=len(rows))
    return xlsx(
        title=_("Controlled list"),
        header=[
            _("Name"),
            _("Level"),
            _("Status"),
            _("Legal basis"),
            _("Proposed by"),
            _("Approved by"),
            _("Review date"),
            _("Expires on"),
            _("Reason for removal"),
        ],
        rows=(
            [
                entry.person.name,
                str(entry.get_level_display()),
                entry.get_status_display(),
                entry.legal_basis,
                str(entry.proposed_by),
                str(entry.approved_by or ""),
                entry.review_date,
                entry.expires_on,
                entry.removal_reason,
            ]
            for entry in rows
        ),
    )


def export_department_logs(*, actor: Any, logs: Iterable[DepartmentLog]) -> bytes:
    """The departments' logs (日志备查) as an Excel workbook; the export is logged."""
    if not permissions.can_export(actor):
        raise PermissionDenied
    rows = list(logs)
    audit.record_event(actor=actor, action="persons_of_concern.log.export", obj=None, count=len(rows))
    return xlsx(
        title=_("Department logs"),
        header=[
            _("Event date"),
            _("Court"),
            _("Department"),
            _("Person of concern"),
            _("What happened"),
            _("Outcome"),
        ],
        rows=(
            [
                log.event_date,
                log.court.short_name,
                log.department.name,
                log.person.name if log.person else "",
                log.what_happened,
                log.outcome,
            ]
            for log in rows
        ),
    )
