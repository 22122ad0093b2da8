"""The transition kit: the building blocks every domain area's `services.py` uses.

A state change reads the same in every area::

    @transaction.atomic
    def accept(*, actor: Actor, matter: Matter, expected_version: int) -> Matter:
        matter = lock(matter, expected_version)              # row lock; stale → StaleEditError
        require_status(matter, MatterStatus.SUBMITTED)       # forbidden transition → ValidationError
        before = audit.snapshot(matter, AUDIT_FIELDS)
        matter.status = MatterStatus.ACCEPTED
        return save_versioned(matter, actor=actor, action="matters.matter.accept",
                              before=before, fields=["status"])

`create_versioned` inserts a row and logs it; `update_versioned` is the whole edit of a
versioned row from a form (`lock` + the changed fields + `save_versioned`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.models import VersionedModel
from benchguard.core.types import Actor

M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=VersionedModel)


class StaleEditError(ValidationError):
    """The row changed after the user loaded it; `current` is the row as stored now."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(
            _(
                "Someone changed this record while you were editing it. Your changes have "
                "not been saved: compare them with the current version on this page and save again."
            ),
            code="stale",
        )
        self.current = current


def lock(obj: M, expected_version: int | None = None, *, related: Sequence[str] = ()) -> M:
    """The row as stored now, locked until the transaction ends (call it inside one).

    With `expected_version`, a row that has moved on since the user loaded it is refused
    with StaleEditError. `related` names foreign keys to read in the same query; only the
    row itself is locked, never the rows it points to."""
    queryset = type(obj)._default_manager.select_for_update(of=("self",) if related else ())
    if related:
        queryset = queryset.select_related(*related)
    current = queryset.get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:  # type: ignore[attr-defined]
        raise StaleEditError(current=current)
    return current


def require_status(
    obj: models.Model,
    *allowed: str,
    message: str | Promise | None = None,
    code: str = "invalid_transition",
    field: str | None = None,
) -> None:
    """Refuse a transition the row's status does not allow, naming the status it is in.

    `message` (a string or a lazy translation kept in a constant) may use %(status)s;
    `field` puts the refusal next to that form field."""
    status = obj.status  # type: ignore[attr-defined]
    if status in allowed:
        return
    text = str(message or _("This cannot be done while the %(record)s is “%(status)s”."))
    shown = text % {
        "record": obj._meta.verbose_name,
        "status": obj.get_status_display(),  # type: ignore[attr-defined]
    }
    raise ValidationError({field: shown} if field else shown, code=code)


def save_versioned(
    obj: V,
    *,
    actor: Actor,
    action: str,
    fields: Iterable[str],
    before: Mapping[str, Any] | None = None,
    audit_fields: Iterable[str] | None = None,
    redact: Iterable[str] = (),
    validate: bool = True,
    extra: Mapping[str, Any] | None = None,
) -> V:
    """Save `fields` of a row the caller has locked and changed: validate it, move its
    version on, stamp `updated_at` and write the change log (`before`, taken before the
    change, against the same fields now). `audit_fields` are the fields the log shows
    (default: those of `before`, else `fields`); `extra` adds facts of the change that are
    not fields of the row (the decision that moved a visit on)."""
    names = list(dict.fromkeys(fields))
    if validate:
        obj.full_clean()
    obj.version += 1
    obj.updated_at = timezone.now()
    obj.save(update_fields=[*names, "version", "updated_at"])
    shown = list(audit_fields) if audit_fields is not None else list(before or names)
    audit.record_change(
        actor=actor,
        action=action,
        obj=obj,
        before=dict(before) if before is not None else None,
        after={**audit.snapshot(obj, shown, redact=redact), **(extra or {})},
    )
    return obj


def create_versioned(
    obj: M,
    *,
    actor: Actor,
    action: str,
    fields: Iterable[str],
    redact: Iterable[str] = (),
    trusted: Iterable[str] = (),
) -> M:
    """Validate and insert a new row and log its creation.

    `trusted` names fields the caller has just read from the database (foreign keys to
    rows it holds): their existence is not queried again. A hot path (the gate's
    check-in) uses it; the database still enforces every key and constraint.

    No savepoint of its own: a caller that wants to survive a failed insert (a unique
    constraint lost to another user) wraps the call in `transaction.atomic()`."""
    with transaction.atomic(savepoint=False):
        obj.full_clean(exclude=list(trusted) or None, validate_constraints=not trusted)
        obj.save(force_insert=True)
        audit.record_change(
            actor=actor, action=action, obj=obj, after=audit.snapshot(obj, fields, redact=redact)
        )
    return obj


def update_versioned(
    model: type[V],
    pk: Any,
    *,
    actor: Actor,
    action: str,
    expected_version: int,
    changes: Mapping[str, Any],
    redact: Iterable[str] = (),
) -> V:
    """Apply `changes` to the row if it is still at `expected_version`.

    Raises StaleEditError when it is not, ValidationError when the result is invalid;
    in both cases nothing is written. Only the fields that really change are saved and
    logged; an edit that changes nothing writes nothing.
    """
    with transaction.atomic():
        obj = lock(model(pk=pk), expected_version)
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
        return save_versioned(obj, actor=actor, action=action, fields=changed, before=before, redact=redact)


def _attvalue(model: type[models.Model], name: str, value: Any) -> Any:
    """The value as stored on the instance attribute (a related object's pk for FKs)."""
    field = model._meta.get_field(name)
    if isinstance(value, models.Model) and field.is_relation:
        return value.pk
    return value


def set_related(obj: models.Model, *, actor: Actor, action: str, **relations: Iterable[models.Model]) -> None:
    """Point many-to-many fields of a row at the rows given (`field=rows`, each replacing
    what the field held) and log it as one event `action` that names the ids of each:
    the people a record is about, the officers assigned to it."""
    chosen = {name: list(rows) for name, rows in relations.items()}
    for name, rows in chosen.items():
        getattr(obj, name).set(rows)
    ids: dict[str, Any] = {name: [row.pk for row in rows] for name, rows in chosen.items()}
    audit.record_event(actor=actor, action=action, obj=obj, **ids)
