"""What the audit trail withholds of the liaison area (core.audit_visibility).

The directory, nothing: it holds the names, positions and work phones of officials of
public bodies, given to the court for official contact, the same facts the courts' own
directory shows of its staff (organization). A court's administrator who reads the
trail may see them.

The requests sent to those bodies, every value: they name a judge, what happened to
them, the incident, case or matter behind the request and what the body answered.
Read by the readers of the court's requests (permissions.READERS, court by court).
The requests to the police recorded by the incident register before they moved here
(object type incidents.policerequest) are withheld the same way."""

from __future__ import annotations

from benchguard.core.audit_visibility import ALL, Restriction, courts_with, register
from benchguard.liaison.permissions import READERS

register(
    Restriction(
        "requests to outside bodies (A19)",
        frozenset({"liaison.liaisonrequest", "incidents.policerequest"}),
        ALL,
        courts_with(*READERS),
    ),
)
