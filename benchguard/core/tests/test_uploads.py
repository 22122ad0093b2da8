"""Evidence uploads are typed by their content, not by their name or the browser's word,
each kind within its own size limit (core.uploads)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from benchguard.core.uploads import (
    ALLOWED_UPLOAD_TYPES,
    DOCX,
    MEDIA_UPLOAD_TYPES,
    RECORDING_TYPES,
    XLSX,
    check_upload,
)

PDF = b"%PDF-1.4\n% evidence\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2mp41" + b"\x00" * 64
M4A = b"\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00M4A isom" + b"\x00" * 64
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64
AMR = b"#!AMR\n" + b"\x00" * 64
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'


def office(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def upload(name: str, content: bytes, declared: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=declared)


@pytest.mark.parametrize(
    ("name", "content", "declared", "expected"),
    [
        ("记录.pdf", PDF, "application/pdf", "application/pdf"),
        ("照片.png", PNG, "image/png", "image/png"),
        ("照片.jpg", JPEG, "application/octet-stream", "image/jpeg"),
        ("说明.docx", office("word/document.xml"), "application/zip", DOCX),
        ("名单.xlsx", office("xl/workbook.xml"), "application/octet-stream", XLSX),
        ("来电记录.txt", "来电时间：上午九时。".encode(), "text/plain", "text/plain"),
        ("来电记录.txt", "来电时间：上午九时。".encode("gb18030"), "text/plain", "text/plain"),
        ("信.eml", b"From: a@example.cn\r\nSubject: x\r\n\r\n<p>hi</p>", "message/rfc822", "message/rfc822"),
    ],
)
def test_documents_are_typed_by_their_content(
    name: str, content: bytes, declared: str, expected: str
) -> None:
    checked = check_upload(upload(name, content, declared))
    assert checked.content_type == expected
    assert checked.extension == ALLOWED_UPLOAD_TYPES[expected]


@pytest.mark.parametrize(
    ("content", "expected"),
    [(MP4, "video/mp4"), (M4A, "audio/mp4"), (MP3, "audio/mpeg"), (WAV, "audio/wav"), (AMR, "audio/amr")],
)
def test_recordings_are_typed_by_their_content(content: bytes, expected: str) -> None:
    checked = check_upload(upload("录音", content, "application/octet-stream"), allowed=MEDIA_UPLOAD_TYPES)
    assert (checked.content_type, checked.extension) == (expected, MEDIA_UPLOAD_TYPES[expected])


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("起诉状.pdf", WINDOWS_PROGRAM, "application/pdf"),
        ("监控.mp4", WINDOWS_PROGRAM, "video/mp4"),
        ("监控.mp4", LINUX_PROGRAM, "video/mp4"),
        ("说明.txt", HTML, "text/plain"),
        ("监控.mp4", HTML, "video/mp4"),
        ("照片.png", SVG, "image/png"),
        ("数据.txt", b"\x00\x01\x02\x03binary\xff\xfe", "text/plain"),
        ("宏.docx", office("word/document.xml", "word/vbaProject.bin"), DOCX),
        ("压缩包.docx", office("payload.exe"), DOCX),
    ],
)
def test_programs_markup_and_disguised_files_are_refused(name: str, content: bytes, declared: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content, declared), allowed=MEDIA_UPLOAD_TYPES)
    assert [e.code for e in caught.value.error_dict["file"]] == ["type"]
    assert "MP4" in caught.value.error_dict["file"][0].message


def test_a_recording_is_refused_where_only_documents_are_kept() -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("录音.mp4", MP4, "video/mp4"), field="record")
    assert [e.code for e in caught.value.error_dict["record"]] == ["type"]


@override_settings(MATTER_ATTACHMENT_MAX_BYTES=1024 * 1024, RECORDING_ATTACHMENT_MAX_BYTES=3 * 1024 * 1024)
def test_documents_and_recordings_have_their_own_size_limit() -> None:
    two_mb = b"\x00" * (2 * 1024 * 1024)
    recording = check_upload(upload("庭审.mp4", MP4 + two_mb, "video/mp4"), allowed=MEDIA_UPLOAD_TYPES)
    assert recording.size == len(MP4) + len(two_mb)
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("卷宗.pdf", PDF + two_mb, "application/pdf"), allowed=MEDIA_UPLOAD_TYPES)
    (error,) = caught.value.error_dict["file"]
    assert error.code == "too_large" and "1 MB" in error.message
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("庭审.mp4", MP4 + two_mb * 2, "video/mp4"), allowed=MEDIA_UPLOAD_TYPES)
    (error,) = caught.value.error_dict["file"]
    assert error.code == "too_large" and "3 MB" in error.message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.pdf", "这是一段文字，不是PDF。".encode()),  # text renamed .pdf (a browser walk found it)
        ("照片.jpg", PNG),  # a PNG named as a JPEG
        ("卷宗.docx", PDF),
        ("录音.mp3", PDF),
    ],
)
def test_a_file_whose_name_says_another_type_is_refused(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content, "application/octet-stream"), allowed=MEDIA_UPLOAD_TYPES)
    (error,) = caught.value.error_dict["file"]
    assert error.code == "name" and name[name.rfind(".") :] in error.message


@pytest.mark.parametrize("name", ["说明.txt", "说明.TXT", "说明", "通话记录.csv"])
def test_text_may_be_named_as_text_or_have_no_ending(name: str) -> None:
    checked = check_upload(upload(name, "一份说明。".encode(), "text/plain"))
    assert checked.content_type == "text/plain"


def test_a_recording_may_carry_any_recording_ending() -> None:
    for name in ("庭审.mp4", "庭审.m4a", "庭审.mov"):
        assert check_upload(upload(name, MP4, "video/mp4"), allowed=MEDIA_UPLOAD_TYPES).size == len(MP4)


def test_each_refusal_names_the_types_its_field_accepts() -> None:
    """A recording refused names audio and video only; a document refused, the documents."""
    with translation.override("en"), pytest.raises(ValidationError) as recording:
        check_upload(upload("卷宗.pdf", PDF, "application/pdf"), allowed=RECORDING_TYPES)
    message = recording.value.message_dict["file"][0]
    assert "MP3" in message and "MP4" in message and "PDF" not in message and "Word" not in message
    with translation.override("en"), pytest.raises(ValidationError) as document:
        check_upload(upload("庭审.mp4", MP4, "video/mp4"))
    assert "PDF" in document.value.message_dict["file"][0]
