"""What the audit trail withholds of training and drills (core.audit_visibility).

Every value, from those who do not read the court's training: who attended which
session, and who took part in which drill and what it found, are personnel records of
the court (permissions.READERS read them, court by court)."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.training.permissions import READERS

register(
    Restriction(
        "training and drills (A11)",
        frozenset(
            {
                "training.course",
                "training.session",
                "training.attendance",
                "training.drill",
                "training.drillfollowup",
            }
        ),
        ALL,
        courts_with(*READERS),
    ),
)
