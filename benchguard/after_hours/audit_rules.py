"""What the audit trail withholds of after-hours protection from those who may not read
it (core.audit_visibility): the judge, the place (often their home), the risk, the
decision note and what was done — every value. Read by the court-wide roles of the
incident register, court by court."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.incidents.permissions import COURT_WIDE_ROLES

register(
    Restriction(
        "after-hours protection (A12.3)",
        # Lines written before the models moved here name them under the incident register.
        frozenset(
            {
                "after_hours.protectionrequest",
                "after_hours.protectionlogentry",
                "incidents.protectionrequest",
                "incidents.protectionlogentry",
            }
        ),
        ALL,
        courts_with(*COURT_WIDE_ROLES),
    ),
)
