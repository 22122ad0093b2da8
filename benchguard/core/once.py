"""One-time submission: a double click, a back-and-resubmit or a client's retry never
creates a second application, incident or visit (issue 9, point 3).

**Forms.** Every POST form carries `{% once_token %}`, a hidden random token made when
the page is rendered. `core.middleware.OnceMiddleware` claims it before the view runs:
it inserts a `OnceSubmission(account, "form", token)` row, committed at once, whose unique
constraint lets exactly one request own the token. When the view has answered:

- if the request changed something — it wrote a change or event line to the audit trail,
  which every service does in its own transaction — the row is kept as *done*, with the
  page the user was sent to (the redirect's Location);
- otherwise (the form came back with errors, a refusal, a 403, a crash that rolled back)
  the row is deleted, so the corrected form can be sent with the same token.

A second POST with a claimed token never runs the view. A done token redirects to the
first POST's page with "This was already submitted". A token still in flight is polled
for `ONCE_WAIT_SECONDS`; if the first request has not finished by then, the answer is a
409 page saying so. A claim left pending for `STALE_AFTER` (its process died) is taken
over when its request left no trace in the audit trail.

**API.** A DRF POST with an `Idempotency-Key` header is claimed the same way (kind "api",
with a fingerprint of path and body). A repeat gets the first response again — status
and body, marked `Idempotent-Replayed: true` — the same key on a different request gets
422, and a key still in flight 409.

POSTs without a token or key (sign-in, old pages, scripts) work as before. Rows are
deleted after `RETENTION` by the daily job `core.prune_once_submissions`.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme

from benchguard.core.choices import AuditKind, OnceKind
from benchguard.core.models import AuditEntry, OnceSubmission

FIELD = "_once"
API_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"  # noqa: S105 (an alphabet)
VALID_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
POLL_SECONDS = 0.1
STALE_AFTER = timedelta(minutes=15)  # above any request timeout: a slow upload is not a dead one
RETENTION = timedelta(days=7)
MAX_STORED_BODY = 1_000_000


def new_token() -> str:
    """A fresh form token (190 bits); rendered by `{% once_token %}`."""
    return get_random_string(32, TOKEN_CHARS)


def is_valid_key(key: str) -> bool:
    return bool(VALID_KEY.match(key))


def fingerprint(request: HttpRequest) -> str:
    """What an API repeat must match: the path and the body (a large or multipart body
    by its path alone, so it is never read into memory here)."""
    digest = hashlib.sha256(request.path.encode())
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or MAX_STORED_BODY
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length <= limit and not (request.content_type or "").startswith("multipart/"):
        digest.update(b"\0" + request.body)
    return digest.hexdigest()


def claim(
    *, account: Any, kind: str, key: str, path: str, request_id: str, fingerprint: str = ""
) -> tuple[OnceSubmission, bool]:
    """Claim `key` for this request: (row, True) when it is ours now, (the first
    request's row, False) when another request holds it.

    The insert commits at once (the middleware runs outside any transaction), so a
    concurrent request sees the claim; the savepoint keeps a lost race from breaking
    a transaction around us (a test's, or PostgreSQL's aborted-transaction state).
    """
    for _attempt in range(3):
        existing = OnceSubmission.objects.filter(account=account, kind=kind, key=key).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                row = OnceSubmission.objects.create(
                    account=account,
                    kind=kind,
                    key=key,
                    path=path[:500],
                    fingerprint=fingerprint,
                    request_id=request_id,
                )
            return row, True
        except IntegrityError:
            continue  # claimed between our read and our insert: read it again
    raise RuntimeError(f"one-time key {kind} could not be claimed or read")


def changed_anything(row: OnceSubmission) -> bool:
    """Did the request that claimed `row` change anything? Every service writes a change
    or event line to the audit trail in its own transaction, so a request that wrote
    none changed nothing (looks at restricted information are reads, not changes)."""
    return (
        AuditEntry.objects.filter(created_at__gte=row.claimed_at, request_id=row.request_id)
        .exclude(kind=AuditKind.ACCESS)
        .exists()
    )


def _result_page(request: HttpRequest, response: HttpResponseBase) -> str:
    """Where a repeat is sent: the first POST's redirect, else the page the form was on."""
    if 300 <= response.status_code < 400 and response.has_header("Location"):
        return str(response["Location"])[:2000]
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer[:2000]
    return ""


def finish(row: OnceSubmission, request: HttpRequest, response: HttpResponseBase) -> None:
    """Keep the claim with its result when the request changed something; else let the
    key go, so a corrected form (or a fixed API call) can be sent with it."""
    if not changed_anything(row):
        OnceSubmission.objects.filter(pk=row.pk, request_id=row.request_id).delete()
        return
    row.finished_at = timezone.now()
    row.location = _result_page(request, response)
    fields = ["finished_at", "location"]
    if row.kind == OnceKind.API:
        content = getattr(response, "content", b"")
        row.response_status = response.status_code
        row.response_type = str(response.get("Content-Type", ""))[:100]
        row.response_body = content.decode("utf-8", "replace") if len(content) <= MAX_STORED_BODY else ""
        fields += ["response_status", "response_type", "response_body"]
    row.save(update_fields=fields)


def is_abandoned(row: OnceSubmission) -> bool:
    return row.finished_at is None and timezone.now() - row.claimed_at > STALE_AFTER


def take_over(row: OnceSubmission, request_id: str) -> OnceSubmission | None:
    """A claim whose request died (pending past STALE_AFTER): when it left no change
    behind, this request takes the key over (returns the row, now ours); when it did,
    the row is closed as done (None: treat as done)."""
    if changed_anything(row):
        OnceSubmission.objects.filter(pk=row.pk, finished_at=None).update(finished_at=timezone.now())
        return None
    now = timezone.now()
    taken = OnceSubmission.objects.filter(pk=row.pk, request_id=row.request_id, finished_at=None).update(
        request_id=request_id, claimed_at=now
    )
    if not taken:
        return None
    row.request_id, row.claimed_at = request_id, now
    return row


def wait_for(
    row: OnceSubmission, *, seconds: float, sleep: Callable[[float], None] = time.sleep
) -> OnceSubmission | None:
    """Re-read a claim held by another request until it is done (the row), released
    (None), abandoned, or `seconds` have passed (the row, still pending)."""
    deadline = time.monotonic() + seconds
    current: OnceSubmission | None = row
    while current is not None and current.finished_at is None and not is_abandoned(current):
        if time.monotonic() >= deadline:
            break
        sleep(POLL_SECONDS)
        current = OnceSubmission.objects.filter(pk=row.pk).first()
    return current


def prune(now: Any = None) -> int:
    """Delete one-time keys older than RETENTION; returns how many."""
    cutoff = (now or timezone.now()) - RETENTION
    deleted, _per_model = OnceSubmission.objects.filter(claimed_at__lt=cutoff).delete()
    return deleted
