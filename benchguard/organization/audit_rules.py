"""What the audit trail withholds of this area from those who may not read it
(core.audit_visibility)."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.organization.choices import Role

register(
    Restriction(
        "private details (A18)",  # the values are already *** when written
        frozenset({"organization.personprivate"}),
        ALL,
        courts_with(Role.PERSONNEL_OFFICE),
    )
)
