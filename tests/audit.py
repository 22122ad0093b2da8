"""What the audit trail holds about a row, for the tests that follow a record's path."""

from __future__ import annotations

from django.db import models

from benchguard.core.models import AuditEntry


def logged_actions(obj: models.Model) -> set[str]:
    """The actions the audit trail has recorded on `obj` (its change log and events)."""
    entries = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return set(entries.values_list("action", flat=True))
