"""What the audit trail withholds of cases from those who may not read them
(core.audit_visibility).

A case and its parties are read by the court's filing clerks, division chiefs,
committee office, leaders and president (permissions): a court's system administrator
reading the trail sees that a case was filed or a party added, never the number, the
cause, the judges or who the parties are. A party's identity number never reaches the
trail at all (the services redact it), nor does what screening found (only that a
party was screened). A judge of the case reads it on its page, not in the trail."""

from __future__ import annotations

from benchguard.cases import permissions
from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register

register(
    Restriction(
        "cases (A14)",
        frozenset(
            {
                "cases.case",
                "cases.party",
                "cases.partyscreening",
                "cases.caseimport",
                "cases.riskassessment",
                "cases.riskalert",
                "cases.contingencyplan",
                "cases.upwardreport",
                "cases.publicstatement",
            }
        ),
        ALL,
        courts_with(*permissions.READERS),
    ),
)
