"""Streamed authenticated encryption of a backup archive (AES-256-GCM in chunks).

A backup holds the database and every uploaded file, hundreds of megabytes or more, so
it is encrypted as a stream and never held in memory. The format (version 1):

    header  = MAGIC (8 bytes, b"BGBAK\\x00\\x01\\n")
            | salt (32 random bytes)
            | key check (16 bytes: HMAC-SHA256(backup key, b"benchguard-backup-check" | salt))
    chunks  = AES-256-GCM(file key, nonce, plaintext chunk, associated data = header)
              each plaintext chunk is CHUNK_SIZE bytes except the last (0..CHUNK_SIZE bytes)
    file key = HKDF-SHA256(backup key, salt, info=b"benchguard-backup-v1"), 32 bytes
    nonce    = chunk counter (11 bytes, big-endian, from 0) | 0x01 for the last chunk, else 0x00

This is the STREAM construction (as in age and Tink): each chunk is authenticated, its
position is in the nonce (chunks cannot be reordered or dropped), the last chunk is
marked (the archive cannot be cut short unnoticed), and the header is bound to every
chunk. The key check tells a wrong key apart from a damaged archive. The backup key is
32 random bytes written as URL-safe base64 (`generate_key`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import io
import os
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils.translation import gettext as _

MAGIC = b"BGBAK\x00\x01\n"
SALT_BYTES = 32
CHECK_BYTES = 16
HEADER_BYTES = len(MAGIC) + SALT_BYTES + CHECK_BYTES
CHUNK_SIZE = 1024 * 1024
TAG_BYTES = 16
MAX_CHUNKS = 2**88  # the counter's 11 bytes


class SealError(Exception):
    """The archive cannot be opened: wrong key, not an archive, damaged or altered."""


class WrongKey(SealError):
    pass


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def parse_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise SealError(_("The backup key must be 32 bytes in URL-safe base64 (as `--generate-key` prints)."))
    return key


def _check(key: bytes, salt: bytes) -> bytes:
    return hmac.new(key, b"benchguard-backup-check" + salt, hashlib.sha256).digest()[:CHECK_BYTES]


def _file_key(key: bytes, salt: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"benchguard-backup-v1").derive(key)
    return AESGCM(derived)


def _nonce(counter: int, *, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class SealingWriter(io.RawIOBase):
    """A write-only file object: what is written goes encrypted to `sink`; `close()`
    writes the last chunk (and does not close `sink`)."""

    def __init__(self, sink: IO[bytes], key: bytes) -> None:
        super().__init__()
        salt = os.urandom(SALT_BYTES)
        self._header = MAGIC + salt + _check(key, salt)
        self._aead = _file_key(key, salt)
        self._sink = sink
        self._buffer = bytearray()
        self._counter = 0
        sink.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.closed:
            raise ValueError("write to a closed archive")
        self._buffer += data
        # Strictly more than a chunk: the last chunk is written by close(), never empty
        # unless the whole stream is.
        while len(self._buffer) > CHUNK_SIZE:
            self._emit(bytes(self._buffer[:CHUNK_SIZE]), last=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def _emit(self, chunk: bytes, *, last: bool) -> None:
        if self._counter >= MAX_CHUNKS:
            raise SealError("archive too large")
        nonce = _nonce(self._counter, last=last)
        self._sink.write(self._aead.encrypt(nonce, chunk, self._header))
        self._counter += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._sink.flush()
        super().close()


class OpeningReader(io.RawIOBase):
    """A read-only file object giving back the plaintext of a sealed stream; raises
    `WrongKey` at once for another key and `SealError` at the first chunk that does not
    authenticate (altered, reordered, cut short)."""

    def __init__(self, source: IO[bytes], key: bytes) -> None:
        super().__init__()
        header = source.read(HEADER_BYTES)
        if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
            raise SealError(
                _("This file is not a BenchGuard backup archive (or not of a version this one reads).")
            )
        salt = header[len(MAGIC) : len(MAGIC) + SALT_BYTES]
        if not hmac.compare_digest(header[len(MAGIC) + SALT_BYTES :], _check(key, salt)):
            raise WrongKey(_("Wrong backup key: this archive was encrypted with another key."))
        self._header = header
        self._aead = _file_key(key, salt)
        self._source = source
        self._counter = 0
        self._plain = b""
        self._offset = 0
        self._pending = source.read(CHUNK_SIZE + TAG_BYTES)
        self._done = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        sealed = self._pending
        following = self._source.read(CHUNK_SIZE + TAG_BYTES)
        last = not following
        if len(sealed) < TAG_BYTES:
            raise SealError(_("The backup archive is cut short."))
        try:
            self._offset = 0
            self._plain = self._aead.decrypt(_nonce(self._counter, last=last), sealed, self._header)
        except InvalidTag:
            raise SealError(
                _("The backup archive is damaged or was altered (chunk %(number)s does not authenticate).")
                % {"number": self._counter + 1}
            ) from None
        self._counter += 1
        self._pending = following
        self._done = last

    def readinto(self, target: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._offset >= len(self._plain):
            if self._done:
                return 0
            self._next_chunk()
        size = min(len(target), len(self._plain) - self._offset)
        target[:size] = self._plain[self._offset : self._offset + size]
        self._offset += size
        return size
