"""Every change to the liaison directory (A19): bodies and their contacts are added,
edited and deactivated (never deleted) by the court's committee office."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, save_versioned, update_versioned
from benchguard.core.types import Actor
from benchguard.liaison import permissions
from benchguard.liaison.models import Agency, AgencyContact
from benchguard.organization.models import Court

V = TypeVar("V", Agency, AgencyContact)

AGENCY_FIELDS = ["court", "kind", "name", "address", "note", "is_active"]
CONTACT_FIELDS = ["agency", "name", "position", "office_phone", "mobile_phone", "note", "is_active"]


@transaction.atomic
def add_agency(
    *, actor: Actor, court: Court, kind: str, name: str, address: str = "", note: str = ""
) -> Agency:
    """Add an outside body to the court's directory (A19)."""
    if not permissions.can_keep(actor, court.pk):
        raise PermissionDenied
    agency = Agency(court=court, kind=kind, name=name.strip(), address=address, note=note)
    return create_versioned(agency, actor=actor, action="liaison.agency.add", fields=AGENCY_FIELDS)


@transaction.atomic
def update_agency(
    *, actor: Actor, agency: Agency, expected_version: int, changes: Mapping[str, Any]
) -> Agency:
    """Edit a body's kind, name, address or note (A19)."""
    if not permissions.can_edit_agency(actor, agency):
        raise PermissionDenied
    return _update(
        agency, actor=actor, action="liaison.agency.update", version=expected_version, changes=changes
    )


@transaction.atomic
def deactivate_agency(*, actor: Actor, agency: Agency, expected_version: int | None = None) -> Agency:
    """Take a body out of the directory; it stays on record (A19)."""
    if not permissions.can_edit_agency(actor, agency):
        raise PermissionDenied
    return _deactivate(
        lock(agency, expected_version),
        actor=actor,
        action="liaison.agency.deactivate",
        already=_("This body has already been deactivated."),
    )


@transaction.atomic
def add_contact(
    *,
    actor: Actor,
    agency: Agency,
    name: str,
    position: str = "",
    office_phone: str = "",
    mobile_phone: str = "",
    note: str = "",
) -> AgencyContact:
    """Add a person to call at a body (A19)."""
    if not permissions.can_edit_agency(actor, agency):
        raise PermissionDenied
    if not agency.is_active:
        raise ValidationError(_("A contact cannot be added to a deactivated body."), code="inactive")
    contact = AgencyContact(
        agency=agency,
        name=name.strip(),
        position=position,
        office_phone=office_phone.strip(),
        mobile_phone=mobile_phone.strip(),
        note=note,
    )
    return create_versioned(contact, actor=actor, action="liaison.contact.add", fields=CONTACT_FIELDS)


@transaction.atomic
def update_contact(
    *, actor: Actor, contact: AgencyContact, expected_version: int, changes: Mapping[str, Any]
) -> AgencyContact:
    """Edit a contact's name, position, phones or note (A19)."""
    if not permissions.can_edit_contact(actor, contact):
        raise PermissionDenied
    return _update(
        contact, actor=actor, action="liaison.contact.update", version=expected_version, changes=changes
    )


@transaction.atomic
def deactivate_contact(
    *, actor: Actor, contact: AgencyContact, expected_version: int | None = None
) -> AgencyContact:
    """Take a contact out of the directory (they left the body); they stay on record (A19)."""
    if not permissions.can_edit_contact(actor, contact):
        raise PermissionDenied
    return _deactivate(
        lock(contact, expected_version, related=["agency"]),
        actor=actor,
        action="liaison.contact.deactivate",
        already=_("This contact has already been deactivated."),
    )


def _update(row: V, *, actor: Actor, action: str, version: int, changes: Mapping[str, Any]) -> V:
    """Save a keeper's edit of a body or contact still at `version`
    (core.services.update_versioned)."""
    return update_versioned(
        type(row), row.pk, actor=actor, action=action, expected_version=version, changes=changes
    )


def _deactivate(row: V, *, actor: Actor, action: str, already: Any) -> V:
    """Mark a locked row inactive (it stays on record); a second click is refused."""
    if not row.is_active:
        raise ValidationError(already, code="inactive")
    before = audit.snapshot(row, ["is_active"])
    row.is_active = False
    return save_versioned(row, actor=actor, action=action, fields=["is_active"], before=before)
