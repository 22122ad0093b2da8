"""Files kept as evidence: one check of size and type, and the SHA-256 that proves a
stored file was not changed (matters, incidents, emergency plans, warning talks).

The type is decided from the file's content, never from its name or from the type the
browser declared: a program renamed `.pdf`, HTML sent as `text/plain` or SVG sent as
`image/png` is refused. Only the head of the file is read to type it (and a zip's
directory for Office documents); the SHA-256 and the text check read it in chunks, so a
large recording, which Django has spooled to a temporary file, is never held in memory.
Downloads are sent with the type stored at upload (`file_response`)."""

from __future__ import annotations

import codecs
import hashlib
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext as _

from benchguard.core import audit
from benchguard.core.middleware import forbid_storing
from benchguard.core.models import AttachmentBase
from benchguard.core.types import Actor

HEAD_BYTES = 8192  # enough for every signature below (a zip's first entries included)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Documents and photos: matters, emergency plans, warning-talk records.
ALLOWED_UPLOAD_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    DOCX: ".docx",
    XLSX: ".xlsx",
    "message/rfc822": ".eml",
    "text/plain": ".txt",
}
# Recordings kept with incidents (A8, A10.2): audio and video as phones and recorders make them.
RECORDING_TYPES = {
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/aac": ".aac",
    "audio/amr": ".amr",
    "audio/wav": ".wav",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
}
MEDIA_UPLOAD_TYPES = {**ALLOWED_UPLOAD_TYPES, **RECORDING_TYPES}
# A web page saved whole by the browser (Chrome's and Edge's "webpage, single file").
MHTML = "multipart/related"
# Screenshots and saved pages kept as evidence of what was published (A17, A18).
CAPTURE_TYPES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    MHTML: ".mhtml",
}
# The endings a file's name may have for the type its content shows (a name with no
# ending is fine). Recordings share one family: phones name the same container .mp4,
# .m4a, .mov or .3gp.
_RECORDING_NAMES = frozenset({".mp3", ".m4a", ".aac", ".amr", ".wav", ".mp4", ".mov", ".3gp", ".m4v"})
NAME_ENDINGS: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({".pdf"}),
    "image/jpeg": frozenset({".jpg", ".jpeg", ".jpe", ".jfif"}),
    "image/png": frozenset({".png"}),
    DOCX: frozenset({".docx"}),
    XLSX: frozenset({".xlsx"}),
    "message/rfc822": frozenset({".eml"}),
    MHTML: frozenset({".mhtml", ".mht"}),
    "text/plain": frozenset({".txt", ".text", ".log", ".csv", ".md"}),
    **dict.fromkeys(RECORDING_TYPES, _RECORDING_NAMES),
}
EXTENSION_TYPES = {extension: kind for kind, extension in {**MEDIA_UPLOAD_TYPES, **CAPTURE_TYPES}.items()}

# filetype's names for the kinds we keep, mapped to the one name we store.
_DETECTED = {
    "application/pdf": "application/pdf",
    "image/jpeg": "image/jpeg",
    "image/png": "image/png",
    "audio/mpeg": "audio/mpeg",
    "audio/mp4": "audio/mp4",
    "audio/m4a": "audio/mp4",
    "audio/aac": "audio/aac",
    "audio/amr": "audio/amr",
    "audio/x-wav": "audio/wav",
    "video/mp4": "video/mp4",
    "video/quicktime": "video/quicktime",
}
# Windows, Linux and macOS programs.
_PROGRAM_HEADS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
# Markup a browser would run or render: refused in what claims to be text.
_MARKUP = re.compile(
    r"<\s*(?:!doctype|html|head|body|script|iframe|object|embed|svg|style|meta|link|form|img|a\s)"
    r"|<\?xml|javascript:",
    re.IGNORECASE,
)
_MAIL_HEADER = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:[ \t]", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    content_type: str
    sha256: str
    extension: str


def _refuse(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _type_message(allowed: dict[str, str]) -> str:
    if set(allowed) <= set(CAPTURE_TYPES):
        return _("Only screenshots (JPEG, PNG), PDF and saved web pages (.mhtml) can be kept.")
    if set(allowed) <= set(RECORDING_TYPES):
        return _("Only audio or video recordings (MP3, M4A, AAC, AMR, WAV, MP4, MOV) can be uploaded.")
    if any(kind in allowed for kind in RECORDING_TYPES):
        return _(
            "Only PDF, JPEG, PNG, Word (.docx), Excel (.xlsx), e-mail, plain text and audio or video "
            "recordings (MP3, M4A, AAC, AMR, WAV, MP4, MOV) can be attached."
        )
    return _(
        "Only PDF, JPEG, PNG, Word (.docx), Excel (.xlsx), e-mail (.eml) and plain text files "
        "can be attached."
    )


def _limit_for(content_type: str) -> int:
    if content_type in RECORDING_TYPES:
        return int(settings.RECORDING_ATTACHMENT_MAX_BYTES)
    return int(settings.MATTER_ATTACHMENT_MAX_BYTES)


def _office_type(upload: UploadedFile) -> str | None:
    """DOCX or XLSX when the zip holds a Word document or a workbook and no macros."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:  # reads the directory at the end, not the whole file
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names or any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(upload: UploadedFile) -> str | None:
    """The type of the file by its first bytes (the zip directory for Office documents),
    or "text/plain" for what may be text (checked in full by `check_upload`), else None."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if not head or head.startswith(_PROGRAM_HEADS):
        return None
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    guessed = filetype.guess(head)
    if guessed is not None:
        return _DETECTED.get(guessed.mime)
    text = head.decode("utf-8", errors="ignore") or head.decode("gb18030", errors="ignore")
    if _MAIL_HEADER.match(text) and re.search(r"^(From|Received|Message-ID|Date):", text, re.M | re.I):
        if re.search(r"^Content-Type:\s*multipart/related", text, re.M | re.I):
            return MHTML
        return "message/rfc822"
    return "text/plain"


class _TextCheck:
    """Fed the file chunk by chunk: valid UTF-8 or GB18030, no control characters (a
    binary file) and, for plain text, no HTML or script markup."""

    def __init__(self, *, markup_allowed: bool) -> None:
        self.decoders = {name: codecs.getincrementaldecoder(name)() for name in ("utf-8", "gb18030")}
        self.markup_allowed = markup_allowed
        self.tail = ""
        self.ok = True

    def feed(self, chunk: bytes, final: bool = False) -> None:
        decoded = ""
        for name, decoder in list(self.decoders.items()):
            try:
                text = decoder.decode(chunk, final=final)
            except UnicodeDecodeError:
                del self.decoders[name]
                continue
            decoded = decoded or text
        if not self.decoders:
            self.ok = False
            return
        window = self.tail + decoded
        if _CONTROL.search(window) or (not self.markup_allowed and _MARKUP.search(window)):
            self.ok = False
        self.tail = window[-32:]


def check_upload(
    upload: UploadedFile, *, field: str = "file", allowed: dict[str, str] | None = None
) -> CheckedUpload:
    """Refuse a file whose content is not of a type in `allowed` (HTML, SVG and programs
    never are), or over the size limit of its kind (MATTER_ATTACHMENT_MAX_MB for documents,
    RECORDING_ATTACHMENT_MAX_MB for audio and video), with the message on `field`;
    otherwise return its facts, its type as read from the content, and its SHA-256."""
    allowed = ALLOWED_UPLOAD_TYPES if allowed is None else allowed
    largest = max(_limit_for(kind) for kind in allowed)
    size = upload.size
    if size is None or size > largest:
        message = _("The file is larger than %(mb)d MB.") % {"mb": largest // (1024 * 1024)}
        raise _refuse(field, message, "too_large")
    content_type = sniff(upload)
    if content_type is None or content_type not in allowed:
        raise _refuse(field, _type_message(allowed), "type")
    limit = _limit_for(content_type)
    if size > limit:
        message = _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        raise _refuse(field, message, "too_large")
    text = (
        _TextCheck(markup_allowed=content_type in ("message/rfc822", MHTML))
        if content_type.startswith(("text/", "message/", "multipart/"))
        else None
    )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
        if text is not None:
            text.feed(chunk)
    if text is not None:
        text.feed(b"", final=True)
        if not text.ok:
            raise _refuse(field, _type_message(allowed), "type")
    name = upload.name or ""
    ending = name[name.rfind(".") :].lower() if "." in name.strip(".") else ""
    if ending and ending not in NAME_ENDINGS.get(content_type, frozenset()):
        message = _(
            "The file's content is %(kind)s, but its name ends in %(ending)s: choose the right "
            "file, or give it a name that says what it is."
        ) % {"kind": allowed[content_type].lstrip(".").upper(), "ending": ending}
        raise _refuse(field, message, "name")
    upload.seek(0)
    return CheckedUpload(
        name=(upload.name or "file")[:200],
        size=size,
        content_type=content_type,
        sha256=digest.hexdigest(),
        extension=allowed[content_type],
    )


def file_response(field_file: Any, *, filename: str, content_type: str | None = None) -> FileResponse:
    """A stored evidence file as a download, with the type checked at upload: the stored
    `content_type`, else the one its stored name's extension stands for (that extension
    was chosen from the content by `check_upload`), never one guessed from `filename`."""
    if not content_type:
        stored_name = str(getattr(field_file, "name", "") or "")
        extension = stored_name[stored_name.rfind(".") :].lower() if "." in stored_name else ""
        content_type = EXTENSION_TYPES.get(extension, "application/octet-stream")
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return forbid_storing(response)


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


A = TypeVar("A", bound=AttachmentBase)


def attach(
    attachment: A,
    upload: UploadedFile,
    *,
    actor: Actor,
    action: str,
    record: models.Model,
    allowed: dict[str, str] | None = None,
) -> A:
    """Keep `upload` as `attachment` (a new row of a concrete AttachmentBase, its foreign
    key to `record` and `uploaded_by` set): typed by its content, limited in size, stored under
    `<record's id>-<hash><extension>`, logged on `record` with its name and SHA-256. Call it
    inside the service's transaction, after its permission and status checks; a refusal
    leaves neither a row nor a file."""
    checked = check_upload(upload, allowed=allowed)
    attachment.name = checked.name
    attachment.size = checked.size
    attachment.content_type = checked.content_type
    attachment.sha256 = checked.sha256
    with stored(attachment.file, f"{record.pk}-{checked.sha256[:16]}{checked.extension}", upload):
        attachment.save()
        audit.record_event(
            actor=actor, action=action, obj=record, name=attachment.name, sha256=checked.sha256
        )
    return attachment
