"""What the audit trail withholds of this area from those who may not read it
(core.audit_visibility)."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.gate import permissions

register(
    Restriction(
        "visits at the gate (A12.2)",
        frozenset(
            {
                "gate.visit",
                "gate.iddeposit",
                "gate.screeninghit",
                "gate.holddecisionrecord",
                "gate.checkdecisionrecord",
                "gate.dayendrecord",
                "gate.helditem",
                "gate.partyarrival",
                "gate.entryrefusal",
                "gate.passageentry",
            }
        ),
        ALL,  # the visitor, purpose, host, reasons for holding or refusing, owners of items,
        # who came by the dedicated passage
        courts_with(*(permissions.DESK_ROLES | permissions.LIST_ROLES)),
    )
)
