"""What the audit trail withholds of the interference area (core.audit_visibility).

The register's entries, their attachments, referrals and immediate reports: every value
(who tried, what was asked, the judge's response, the case). Read only by the readers of
the court's register — the trial-management office, discipline inspection and the
court's leaders (permissions.COURT_READERS); never by a court's system administrator or
the city administrator. The quarterly reports: every value (they list the entries'
numbers on each look). The personnel actions and their protection flags: every value,
read by the personnel office and the committee of the court — the flag's line is the
committee's only (the personnel office does not read the trail either)."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.interference.permissions import COMMITTEE, COURT_READERS, PERSONNEL

register(
    Restriction(
        "interference register (A7.1)",
        frozenset(
            {
                "interference.entry",
                "interference.entryattachment",
                "interference.referral",
                "interference.immediatereport",
                "interference.quarterreport",
            }
        ),
        ALL,
        courts_with(*COURT_READERS),
    ),
    Restriction(
        "personnel actions (A7.2)",
        frozenset({"interference.personnelaction"}),
        ALL,
        courts_with(*(PERSONNEL | COMMITTEE)),
    ),
    Restriction(
        "protection flags (A7.2)",
        frozenset({"interference.protectionflag"}),
        ALL,
        courts_with(*COMMITTEE),
    ),
)
