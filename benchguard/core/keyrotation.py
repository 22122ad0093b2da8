"""Key rotation (issue 16, part 5; docs/backup.md, "Rotating the keys").

`rotate_keys` re-encrypts every `EncryptedTextField` value under the first of
FIELD_ENCRYPTION_KEYS and recomputes every `BlindIndexField` under BLIND_INDEX_KEY.
The fields are found by walking every model, so a new encrypted field is rotated
without being listed anywhere. The old Fernet keys stay in FIELD_ENCRYPTION_KEYS (after
the new one) and the old blind key in BLIND_INDEX_KEY_PREVIOUS while it runs.

Rows go in batches by primary key, one transaction each, with the model's progress
(`KeyRotationProgress`) saved in the same transaction: a killed run loses at most the
batch it was in, and the next run continues after the last batch done. A rotation is
named by a fingerprint of the target keys, so rotating again to other keys starts over.
Before an index is replaced, the stored one is checked against the value recomputed
under the previous key (or the new one, for a row already written under it): a mismatch
means the field's declaration is wrong or the row damaged, and the run stops there
rather than write an index nobody can find.

Tables the database itself guards against UPDATE (the interference register,
A7.1) have their guard triggers lifted inside each batch's transaction only: the batch
commits with them back in place, or rolls back with them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benchguard.core import audit
from benchguard.core.crypto import BlindIndexField, EncryptedTextField
from benchguard.core.models import KeyRotationProgress


class RotationError(Exception):
    """The rotation cannot go on; the message says why (no secret in it)."""


@dataclass(frozen=True)
class Target:
    """A model with encrypted fields or blind indexes, and which."""

    model: type[models.Model]
    encrypted: tuple[str, ...]
    indexes: tuple[BlindIndexField, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label

    def related(self) -> list[str]:
        """The relations the indexes' sources go through (select_related)."""
        return sorted({f.source.rsplit(".", 1)[0] for f in self.indexes if "." in f.source})


@dataclass
class Report:
    rotation: str
    rows: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    finished: bool = False


def targets() -> list[Target]:
    """Every concrete model with an EncryptedTextField or a BlindIndexField of its own."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        local = meta.local_concrete_fields
        encrypted = tuple(f.attname for f in local if isinstance(f, EncryptedTextField))
        indexes = tuple(f for f in local if isinstance(f, BlindIndexField))
        if encrypted or indexes:
            found.append(Target(model, encrypted, indexes))
    return sorted(found, key=lambda t: t.label)


def fingerprint() -> str:
    """Names the rotation by its target keys without revealing them."""
    material = f"{settings.FIELD_ENCRYPTION_KEYS[0]}\n{settings.BLIND_INDEX_KEY}".encode()
    return hmac.new(material, b"benchguard key rotation", hashlib.sha256).hexdigest()[:32]


# --- Guard triggers ------------------------------------------------------------------


def _guard_triggers(table: str) -> list[tuple[str, str]]:
    """(name, statement to put it back) of the user triggers on `table`."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            return [(name, sql) for name, sql in cursor.fetchall()]
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger"
                " WHERE tgrelid = %s::regclass AND NOT tgisinternal AND tgenabled <> 'D'",
                [table],
            )
            return [(name, "") for (name,) in cursor.fetchall()]
    return []


def _lift(table: str, triggers: list[tuple[str, str]]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, _sql in triggers:
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER {quote(name)}")
            else:
                cursor.execute(f"ALTER TABLE {quote(table)} DISABLE TRIGGER {quote(name)}")


def _restore(table: str, triggers: list[tuple[str, str]]) -> None:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for name, sql in triggers:
            if connection.vendor == "sqlite":
                cursor.execute(sql)
            else:
                cursor.execute(f"ALTER TABLE {quote(table)} ENABLE TRIGGER {quote(name)}")


# --- One batch -----------------------------------------------------------------------


def _checked_index(target: Target, index: BlindIndexField, row: models.Model) -> str:
    """The row's index under the new key, after checking the stored one is what its
    source gives under the previous key or the new one."""
    stored = getattr(row, index.attname)
    new = index.index_for(row)
    accepted = {new}
    if settings.BLIND_INDEX_KEY_PREVIOUS:
        accepted.add(index.index_for(row, key=settings.BLIND_INDEX_KEY_PREVIOUS))
    if stored not in accepted:
        raise RotationError(
            _(
                "%(model)s #%(pk)s: the stored %(field)s is not the blind index of its %(source)s under "
                "BLIND_INDEX_KEY_PREVIOUS or BLIND_INDEX_KEY. Is BLIND_INDEX_KEY_PREVIOUS the key "
                "being replaced? Nothing of this batch was written."
            )
            % {"model": target.label, "pk": row.pk, "field": index.name, "source": index.source}
        )
    return new


def _batch(target: Target, progress: KeyRotationProgress, size: int) -> int:
    """Rotate the next `size` rows of the target; how many there were (0: done)."""
    model = target.model
    table = model._meta.db_table
    with transaction.atomic():
        # Base manager: the plain queryset, without the model's own update guards.
        rows = list(
            model._base_manager.select_related(*target.related())
            .select_for_update(of=("self",) if connection.features.has_select_for_update_of else ())
            .filter(pk__gt=progress.last_pk)
            .order_by("pk")[:size]
        )
        if not rows:
            return 0
        names = [*target.encrypted, *(f.attname for f in target.indexes)]
        for row in rows:
            for index in target.indexes:
                setattr(row, index.attname, _checked_index(target, index, row))
        triggers = _guard_triggers(table)
        _lift(table, triggers)
        # Every encrypted value is written again, so encrypted under the first key.
        model._base_manager.bulk_update(rows, names)
        _restore(table, triggers)
        progress.last_pk = rows[-1].pk
        progress.rows += len(rows)
        progress.save(update_fields=["last_pk", "rows"])
    return len(rows)


# --- The run -------------------------------------------------------------------------


def rotate_keys(
    *,
    batch_size: int = 500,
    max_batches: int | None = None,
    say: Callable[[str], None] = lambda _text: None,
) -> Report:
    """Rotate every target, continuing where an earlier run of the same rotation
    stopped. `max_batches` stops after that many batches (a later run continues)."""
    rotation = fingerprint()
    report = Report(rotation)
    todo = targets()
    audit.record_event(
        actor=None,
        action="core.keys.rotate.start",
        rotation=rotation,
        models=[t.label for t in todo],
        blind_index_previous=bool(settings.BLIND_INDEX_KEY_PREVIOUS),
        fernet_keys=len(settings.FIELD_ENCRYPTION_KEYS),
    )
    batches = 0
    for target in todo:
        progress, _created = KeyRotationProgress.objects.get_or_create(rotation=rotation, model=target.label)
        if progress.finished_at is not None:
            report.skipped.append(target.label)
            continue
        done_before = progress.rows
        while max_batches is None or batches < max_batches:
            try:
                count = _batch(target, progress, batch_size)
            except RotationError as exc:
                audit.record_event(
                    actor=None,
                    action="core.keys.rotate.stop",
                    rotation=rotation,
                    model=target.label,
                    error=str(exc),
                )
                raise
            if not count:
                progress.finished_at = timezone.now()
                progress.save(update_fields=["finished_at"])
                break
            batches += 1
        report.rows[target.label] = progress.rows - done_before
        say(f"{target.label}: {progress.rows} rows" + ("" if progress.finished_at else " (to be continued)"))
        if progress.finished_at is None:
            break
    report.finished = all(
        KeyRotationProgress.objects.filter(
            rotation=rotation, model=t.label, finished_at__isnull=False
        ).exists()
        for t in todo
    )
    audit.record_event(
        actor=None,
        action="core.keys.rotate.finish" if report.finished else "core.keys.rotate.pause",
        rotation=rotation,
        rows=report.rows,
        skipped=report.skipped,
    )
    return report


def pending() -> Iterator[str]:
    """The targets this rotation has not finished (for the command's summary)."""
    rotation = fingerprint()
    done = set(
        KeyRotationProgress.objects.filter(rotation=rotation, finished_at__isnull=False).values_list(
            "model", flat=True
        )
    )
    return (t.label for t in targets() if t.label not in done)
