"""What the audit trail withholds of meetings with parties (core.audit_visibility).

Every value of a request, from those who do not read the court's requests: it names a
party, what they wanted from the judge and why it was refused (permissions.READERS,
court by court; the judge reads their own through the page). The rooms, nothing: a
room's name and place are no secret within the court."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.meetings.permissions import READERS

register(
    Restriction(
        "meetings with parties (A10.3)", frozenset({"meetings.meetingrequest"}), ALL, courts_with(*READERS)
    ),
)
