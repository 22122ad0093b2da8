"""What the audit trail withholds of this area from those who may not read it
(core.audit_visibility)."""

from __future__ import annotations

from typing import Any

from benchguard.core.audit_visibility import ALL, EVERY_COURT, Restriction, register
from benchguard.persons_of_concern import permissions


def list_readers(user: Any) -> frozenset[int]:
    # City-wide on purpose: a reader of any court reads every court's list (A15).
    return EVERY_COURT if permissions.can_read(user) else frozenset()


register(
    Restriction(
        "persons of concern and the controlled list (A15)",
        frozenset(
            {
                "persons_of_concern.personofconcern",
                "persons_of_concern.personname",
                "persons_of_concern.namekey",
                "persons_of_concern.identitydocument",
                "persons_of_concern.phonenumber",
                "persons_of_concern.controlledlistentry",
                "persons_of_concern.departmentlog",
                "persons_of_concern.entrycitation",
                "persons_of_concern.entrycorrection",
                "persons_of_concern.entryobjection",
            }
        ),
        ALL,  # names, sex, birth date, description, level, legal basis, removal reason…
        list_readers,
    )
)
