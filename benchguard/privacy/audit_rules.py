"""What the audit trail withholds of the privacy area (core.audit_visibility).

Every value of an exposure case, its evidence and its takedown notices: they name the
person, what of their private life was exposed and where. Online cases are read by
the court's readers (permissions.READERS); internal cases by the office, discipline
inspectors, chair and vice-chairs — the union of the two is the court's readers here,
the narrower rule being kept by the pages. The settings withhold nothing (follow-up days
and a notice template)."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.privacy.permissions import INTERNAL_READERS, READERS

register(
    Restriction(
        "exposure cases and takedown notices (A18)",
        frozenset(
            {
                "privacy.exposurecase",
                "privacy.exposureevidence",
                "privacy.accesslogline",
                "privacy.takedownnotice",
                "privacy.noticetransition",
            }
        ),
        ALL,
        courts_with(*(READERS & INTERNAL_READERS)),
    ),
)
