"""The files the register keeps for a court (emergency plans, warning-talk records)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model

from benchguard.core.services import create_versioned
from benchguard.core.types import Actor
from benchguard.core.uploads import CheckedUpload, stored

M = TypeVar("M", bound=Model)


def create_with_court_file(
    row: M,
    field_file: Any,
    upload: UploadedFile,
    checked: CheckedUpload,
    *,
    actor: Actor,
    action: str,
    fields: Iterable[str],
) -> M:
    """Store the checked upload in `field_file` under its court and content hash, and
    create `row` (core.services.create_versioned); a refusal leaves no file behind."""
    name = f"{row.court_id}-{checked.sha256[:16]}{checked.extension}"  # type: ignore[attr-defined]
    with stored(field_file, name, upload):
        return create_versioned(row, actor=actor, action=action, fields=fields)
