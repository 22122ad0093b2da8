"""What the audit trail withholds of the wellbeing area (core.audit_visibility).

Counselling sessions: everything, from everyone who reads the trail — the court's system
administrator and the city administrator alike: the object, every value, who acted (the
person booking would name themself), and the line itself: it is not listed (`hidden`),
since its time beside a named sign-in would say whose session it is. The chain still
holds it and `verify-audit` checks it. Their readers (the counsellor and the person) do
not read the trail.

Health (exams, recuperation): every value, but for the personnel office of the court.
Leave (profiles, records: a record can be sick leave): every value, but for the leave's
readers. Pay problems: every value, but for the pay readers.

Nothing of the culture register (activities, attendance, the reading room), the rooms or
the settings: they are what the court announces to all its staff."""

from __future__ import annotations

from typing import Any

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.wellbeing.permissions import HEALTH_READERS, LEAVE_READERS, PAY_READERS


def _nobody(user: Any) -> frozenset[int]:
    return frozenset()


register(
    Restriction(
        "counselling sessions (A23)",
        frozenset({"wellbeing.counsellingsession"}),
        ALL,
        _nobody,
        actor=True,
        hidden=True,
    ),
    Restriction(
        "physical exams and recuperation (A23)",
        frozenset({"wellbeing.healthexam", "wellbeing.recuperation"}),
        ALL,
        courts_with(*HEALTH_READERS),
    ),
    Restriction(
        "leave (A22)",
        frozenset({"wellbeing.leaveprofile", "wellbeing.leaverecord"}),
        ALL,
        courts_with(*LEAVE_READERS),
    ),
    Restriction("pay problems (A22)", frozenset({"wellbeing.payissue"}), ALL, courts_with(*PAY_READERS)),
)
