"""What the audit trail withholds of the welfare area (core.audit_visibility): every
value of every row — amounts, illnesses, occasions, who was harmed, the answer to the
counselling offer. The trail keeps what was done, when, by whom and to which row; the
values are shown only to the desks that read the area in that court
(permissions.ALL_READERS). The cap table (a city-wide setting with no person in it)
is not withheld."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.welfare.permissions import ALL_READERS

register(
    Restriction(
        "welfare and care (A20, A21, A25)",
        frozenset(
            {
                "welfare.insurancepolicy",
                "welfare.insuranceclaim",
                "welfare.fund",
                "welfare.fundentry",
                "welfare.condolencestep",
                "welfare.condolencepayment",
                "welfare.condolencevisit",
                "welfare.assistanceapplication",
                "welfare.followup",
                "welfare.followupitem",
            }
        ),
        ALL,
        courts_with(*ALL_READERS),
    ),
)
