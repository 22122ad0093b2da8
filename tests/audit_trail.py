"""Test helpers on the audit trail (core.audit)."""

from __future__ import annotations

from django.db import models

from benchguard.core.models import AuditEntry


def actions_on(obj: models.Model) -> set[str]:
    """The actions the audit trail holds about `obj` (changes, events and accesses)."""
    return set(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).values_list(
            "action", flat=True
        )
    )
