"""What the audit trail withholds of the equipment area (core.audit_visibility).

Devices, their issues and faults, nothing: which recorder a court owns and which of its
staff holds it is the court's property register, read by its administrator as any other.

Recordings, their checks and links, every value: a recording's title and description say
whose duty was recorded and what happened (a party at an enforcement trip, an incident),
its links name incidents and matters. Read by the readers of the court's recordings
(permissions.RECORDING_READERS, court by court); the uploader reads their own recording
in the area itself, not in the trail."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.equipment.permissions import RECORDING_READERS

register(
    Restriction(
        "recordings of duty (A10.2)",
        frozenset({"equipment.recording", "equipment.recordingcheck", "equipment.recordinglink"}),
        ALL,
        courts_with(*RECORDING_READERS),
    ),
)
