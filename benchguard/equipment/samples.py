"""Bytes that are, by their heads, the audio and video files phones and recorders make:
the demo's recordings, the tests' and the benchmark's (never real footage)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
MP3_HEAD = b"ID3\x03\x00\x00\x00\x00\x00\x00"


def mp4_bytes(size: int = 4096, *, fill: bytes = b"\x00") -> bytes:
    return (MP4_HEAD + fill * size)[: max(size, len(MP4_HEAD))]


def mp4_upload(name: str = "执法记录.mp4", size: int = 4096, *, fill: bytes = b"\x00") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, mp4_bytes(size, fill=fill), "video/mp4")


def mp3_upload(name: str = "通话录音.mp3", size: int = 2048) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (MP3_HEAD + b"\x00" * size)[:size], "audio/mpeg")
