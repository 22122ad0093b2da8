"""What the audit trail withholds of the reputation area (core.audit_visibility).

Every value of an event, its screenshots, clarifications and the pursuit of liability:
they name a judge, what was said about them and who said it. Read by the readers of the
court's events (permissions.READERS, court by court)."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.reputation.permissions import READERS

register(
    Restriction(
        "public-opinion events and the pursuit of liability (A5, A17)",
        frozenset(
            {
                "reputation.opinionevent",
                "reputation.eventscreenshot",
                "reputation.clarification",
                "reputation.liability",
            }
        ),
        ALL,
        courts_with(*READERS),
    ),
)
