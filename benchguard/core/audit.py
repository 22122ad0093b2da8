"""The audit trail: change log, domain events and restricted-read log in one hash chain.

Services call `record_change`, `record_event` or `record_access` inside their
transaction. Each line's hash covers its content and the previous line's hash;
`verify_chain` recomputes every hash and reports the first line that does not match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from benchguard.core.choices import AuditKind
from benchguard.core.context import current_request_id
from benchguard.core.models import AuditChainHead, AuditEntry
from benchguard.core.types import Actor

GENESIS_HASH = "0" * 64
# Fields whose values never enter the audit log in clear: it records that they changed.
REDACTED = "***"


def _plain(data: Mapping[str, Any]) -> dict[str, Any]:
    """Data as it will read back from the JSON column (dates, decimals as strings)."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def entry_hash(entry: AuditEntry) -> str:
    payload = {
        "created_at": entry.created_at.astimezone(dt.UTC).isoformat(),
        "kind": entry.kind,
        "action": entry.action,
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "court_id": entry.court_id,
        "request_id": entry.request_id,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "data": entry.data,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def actor_name(actor: Actor) -> str:
    """The name a record shows for who acted: the account's full name, else its user
    name; empty for the system."""
    if actor is None or not actor.is_authenticated:
        return ""
    full_name = getattr(actor, "get_full_name", None)
    return str((full_name() if full_name else "") or actor.get_username())


def _actor_fields(actor: Actor) -> tuple[int | None, str]:
    if actor is None or not actor.is_authenticated:
        return None, ""
    return actor.pk, actor_name(actor)


def _court_id_of(obj: models.Model | None) -> int | None:
    """The court an audit line belongs to (its administrator reads it): the row's own
    `court_id`, or `audit_court_id` on rows that hang off a court's record (a measure of
    an incident, a shift of a checkpoint)."""
    if obj is None:
        return None
    court_id = getattr(obj, "court_id", None)
    if court_id is None:
        court_id = getattr(obj, "audit_court_id", None)
    if court_id is None and obj.__class__.__name__ == "Court":
        court_id = obj.pk
    return court_id


# No savepoint: an audit line is written inside its service's transaction, and a
# failure here must undo that whole change anyway (two queries saved per line).
@transaction.atomic(savepoint=False)
def _append(
    *,
    kind: str,
    action: str,
    actor: Actor,
    obj: models.Model | None,
    data: Mapping[str, Any],
    court_id: int | None = None,
) -> AuditEntry:
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_hash": GENESIS_HASH, "length": 0}
    )
    actor_id, actor_name = _actor_fields(actor)
    entry = AuditEntry(
        created_at=timezone.now(),
        kind=kind,
        action=action,
        actor_id=actor_id,
        actor_name=actor_name,
        court_id=court_id if court_id is not None else _court_id_of(obj),
        request_id=current_request_id(),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=_plain(data),
        prev_hash=head.last_hash,
    )
    entry.hash = entry_hash(entry)
    entry.save(force_insert=True)
    head.last_hash = entry.hash
    head.length += 1
    head.save(update_fields=["last_hash", "length"])
    return entry


def snapshot(obj: models.Model, fields: Iterable[str], *, redact: Iterable[str] = ()) -> dict[str, Any]:
    """The named fields of `obj` as audit data; `redact` fields show only that they are set."""
    redacted = set(redact)
    result: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, getattr(field, "attname", name))
        result[name] = (REDACTED if value else "") if name in redacted else value
    return result


def record_change(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    court_id: int | None = None,
) -> AuditEntry:
    """A create (before None), update or delete (after None) done by a service.

    `court_id` names the court the change belongs to when `obj` has none of its own
    (an account's role in a court)."""
    changed = {
        key
        for key in set(before or {}) | set(after or {})
        if (before or {}).get(key) != (after or {}).get(key)
    }
    return _append(
        kind=AuditKind.CHANGE,
        action=action,
        actor=actor,
        obj=obj,
        data={"before": before, "after": after, "changed": sorted(changed)},
        court_id=court_id,
    )


def record_event(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    court_id: int | None = None,
    **extra: Any,
) -> AuditEntry:
    """A domain event: something that happened (a login, a lockout, a job run)."""
    return _append(kind=AuditKind.EVENT, action=action, actor=actor, obj=obj, data=extra, court_id=court_id)


def record_access(*, actor: Actor, action: str, obj: models.Model, **extra: Any) -> AuditEntry:
    """A look at restricted information (A18): who opened what, when."""
    return _append(kind=AuditKind.ACCESS, action=action, actor=actor, obj=obj, data=extra)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_broken_id: int | None = None
    reason: str = ""
    last_hash: str = GENESIS_HASH


def verify_chain(*, batch_size: int = 2000) -> ChainReport:
    """Recompute every line's hash in order; report the first line that breaks the chain."""
    previous = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        batch = list(AuditEntry.objects.filter(pk__gt=last_id).order_by("pk")[:batch_size])
        if not batch:
            break
        for entry in batch:
            if entry.prev_hash != previous:
                return ChainReport(
                    False,
                    checked,
                    entry.pk,
                    "previous-hash link broken (a line before it was removed or changed)",
                    previous,
                )
            if entry_hash(entry) != entry.hash:
                return ChainReport(
                    False,
                    checked,
                    entry.pk,
                    "content does not match its hash (the line was changed)",
                    previous,
                )
            previous = entry.hash
            checked += 1
            last_id = entry.pk
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None and checked:
        return ChainReport(False, checked, None, "the chain head is missing", previous)
    if head is not None and (head.last_hash != previous or head.length != checked):
        return ChainReport(
            False,
            checked,
            None,
            "the chain ends before its recorded head (lines were cut off the end)",
            previous,
        )
    return ChainReport(True, checked, None, "", previous)
