"""Service building blocks shared by every domain area's `services.py`.

`update_versioned` is the one way a versioned row is edited: it locks the row, refuses
an edit based on a stale version, validates, saves only what changed and writes the
change log, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.models import VersionedModel

M = TypeVar("M", bound=VersionedModel)


class StaleEditError(ValidationError):
    """The row changed after the user loaded it; `current` is the row as stored now."""

    def __init__(self, current: VersionedModel) -> None:
        super().__init__(
            _(
                "Someone changed this record while you were editing it. Your changes have "
                "not been saved: compare them with the current version below and save again."
            ),
            code="stale",
        )
        self.current = current


def create_versioned(
    obj: M,
    *,
    actor: Any,
    action: str,
    fields: Iterable[str],
    redact: Iterable[str] = (),
    trusted: Iterable[str] = (),
) -> M:
    """Validate and insert a new row and log its creation.

    `trusted` names fields the caller has just read from the database (foreign keys to
    rows it holds): their existence is not queried again. A hot path (the gate's
    check-in) uses it; the database still enforces every key and constraint."""
    with transaction.atomic():
        obj.full_clean(exclude=list(trusted) or None, validate_constraints=not trusted)
        obj.save(force_insert=True)
        audit.record_change(
            actor=actor, action=action, obj=obj, after=audit.snapshot(obj, fields, redact=redact)
        )
    return obj


def update_versioned(
    model: type[M],
    pk: Any,
    *,
    actor: Any,
    action: str,
    expected_version: int,
    changes: Mapping[str, Any],
    redact: Iterable[str] = (),
) -> M:
    """Apply `changes` to the row if it is still at `expected_version`.

    Raises StaleEditError when it is not, ValidationError when the result is invalid;
    in both cases nothing is written.
    """
    with transaction.atomic():
        obj = model._default_manager.select_for_update().get(pk=pk)
        if obj.version != expected_version:
            raise StaleEditError(current=obj)
        changed = {
            name: value
            for name, value in changes.items()
            if getattr(obj, getattr(model._meta.get_field(name), "attname", name))
            != _attvalue(model, name, value)
        }
        if not changed:
            return obj
        before = audit.snapshot(obj, changed, redact=redact)
        for name, value in changed.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.version += 1
        obj.updated_at = timezone.now()
        obj.save(update_fields=[*changed, "version", "updated_at"])
        audit.record_change(
            actor=actor,
            action=action,
            obj=obj,
            before=before,
            after=audit.snapshot(obj, changed, redact=redact),
        )
    return obj


def _attvalue(model: type[models.Model], name: str, value: Any) -> Any:
    """The value as stored on the instance attribute (a related object's pk for FKs)."""
    field = model._meta.get_field(name)
    if isinstance(value, models.Model) and field.is_relation:
        return value.pk
    return value
