"""What the audit trail withholds of this area from those who may not read it
(core.audit_visibility)."""

from __future__ import annotations

from typing import Any

from benchguard.core.access import court_ids_with
from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.incidents import permissions
from benchguard.persons_of_concern import permissions as poc


def talk_readers(user: Any) -> frozenset[int]:
    # A warning talk is about a person of concern: court-wide roles who read the list.
    if not poc.can_read(user):
        return frozenset()
    return frozenset(court_ids_with(user, permissions.COURT_WIDE_ROLES))


register(
    Restriction(
        "warning talks (A13.3)",
        frozenset({"incidents.warningtalk"}),
        ALL,  # the person, who conducted it, its content, the record's checksum
        talk_readers,
    ),
    Restriction(
        "incidents (A8, A9, A13)",
        frozenset(
            {
                "incidents.incident",
                "incidents.incidentattachment",
                "incidents.protectivemeasure",
                "incidents.sanction",
                "incidents.reception",
                "incidents.chainnotification",
                "incidents.reconsideration",
            }
        ),
        frozenset(
            {
                "description",
                "place",
                "perpetrator_description",
                "case_number",
                "summary",
                "request_text",
                "response",
                "follow_up",
                "subject_name",
                "reason",
                "name",
                "criminal_referral_to",
                "grounds",
                "outcome_note",
            }
        ),
        courts_with(*permissions.COURT_WIDE_ROLES),
    ),
    Restriction(
        "emergency plans (A13)",
        frozenset({"incidents.emergencyplan", "incidents.planactivation", "incidents.activationcall"}),
        frozenset({"file_name"}),
        courts_with(*permissions.PLAN_READER_ROLES),
    ),
)
