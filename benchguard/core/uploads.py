"""Files kept as evidence: one check of size and type, and the SHA-256 that proves a
stored file was not changed (matters, incidents, emergency plans, warning talks)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

ALLOWED_UPLOAD_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "message/rfc822": ".eml",
    "text/plain": ".txt",
}
# Recordings kept with incidents (A8, A10.2): audio and video as phones and recorders make them.
MEDIA_UPLOAD_TYPES = {
    **ALLOWED_UPLOAD_TYPES,
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/x-m4a": ".m4a",
    "audio/wav": ".wav",
    "video/mp4": ".mp4",
}


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    content_type: str
    sha256: str
    extension: str


def check_upload(
    upload: UploadedFile, *, field: str = "file", allowed: dict[str, str] | None = None
) -> CheckedUpload:
    """Refuse a file over the size limit (MATTER_ATTACHMENT_MAX_MB) or of a type not in
    `allowed`, with the message on `field`; otherwise return its facts and SHA-256."""
    allowed = ALLOWED_UPLOAD_TYPES if allowed is None else allowed
    limit = settings.MATTER_ATTACHMENT_MAX_BYTES
    if upload.size is None or upload.size > limit:
        message = _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        raise ValidationError({field: ValidationError(message, code="too_large")})
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    if content_type not in allowed:
        if allowed is MEDIA_UPLOAD_TYPES:
            message = _("Only PDF, JPEG, PNG, e-mail, text, MP3, M4A, WAV and MP4 files can be attached.")
        else:
            message = _("Only PDF, JPEG, PNG, e-mail (.eml) and text files can be attached.")
        raise ValidationError({field: ValidationError(message, code="type")})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        name=(upload.name or "file")[:200],
        size=upload.size,
        content_type=content_type,
        sha256=digest.hexdigest(),
        extension=allowed[content_type],
    )


@contextmanager
def stored(field_file: Any, name: str, upload: UploadedFile) -> Iterator[None]:
    """Write the upload to storage for the row being created in the `with` block; if the
    block fails (a refused value, a database error), the written file is removed again,
    so a refusal leaves no orphan file behind."""
    field_file.save(name, upload, save=False)
    try:
        yield
    except BaseException:
        field_file.storage.delete(field_file.name)
        raise
