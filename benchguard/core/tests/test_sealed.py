"""The backup archive's encryption (core.sealed): streamed in chunks, every chunk
authenticated and bound to its place, the end marked, a wrong key told apart."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator

import pytest
from django.utils import translation

from benchguard.core import sealed

CHUNK = sealed.CHUNK_SIZE + sealed.TAG_BYTES


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """The messages are in the active language (Chinese by default); these read English."""
    with translation.override("en"):
        yield


def seal(data: bytes, key: bytes, *, pieces: int = 7) -> bytes:
    sink = io.BytesIO()
    writer = sealed.SealingWriter(sink, key)
    step = max(1, len(data) // pieces)
    for start in range(0, len(data), step):
        writer.write(data[start : start + step])
    writer.close()
    return sink.getvalue()


def unseal(blob: bytes, key: bytes) -> bytes:
    reader = io.BufferedReader(sealed.OpeningReader(io.BytesIO(blob), key))
    return reader.read()


@pytest.mark.parametrize("size", [0, 1, sealed.CHUNK_SIZE, sealed.CHUNK_SIZE + 1, 2 * sealed.CHUNK_SIZE + 99])
def test_what_is_sealed_opens_to_the_same_bytes(size: int) -> None:
    key = sealed.parse_key(sealed.generate_key())
    data = os.urandom(size)
    blob = seal(data, key)
    chunks = max(1, -(-size // sealed.CHUNK_SIZE))
    assert len(blob) == sealed.HEADER_BYTES + size + chunks * sealed.TAG_BYTES
    assert unseal(blob, key) == data


def test_two_archives_of_the_same_bytes_differ() -> None:
    key = sealed.parse_key(sealed.generate_key())
    assert seal(b"same", key) != seal(b"same", key)


def test_a_wrong_key_is_named_as_such() -> None:
    blob = seal(b"secret", sealed.parse_key(sealed.generate_key()))
    with pytest.raises(sealed.WrongKey, match="Wrong backup key"):
        unseal(blob, sealed.parse_key(sealed.generate_key()))


def test_a_changed_byte_reordered_chunks_or_a_cut_end_are_refused() -> None:
    key = sealed.parse_key(sealed.generate_key())
    blob = seal(os.urandom(3 * sealed.CHUNK_SIZE), key)
    head, body = blob[: sealed.HEADER_BYTES], blob[sealed.HEADER_BYTES :]
    flipped = bytearray(blob)
    flipped[-5] ^= 0x80
    chunks = [body[i : i + CHUNK] for i in range(0, len(body), CHUNK)]
    swapped = head + chunks[1] + chunks[0] + b"".join(chunks[2:])
    cut_at_a_chunk = head + b"".join(chunks[:2])
    cut_inside = blob[:-100]
    for damaged, chunk in ((bytes(flipped), 3), (swapped, 1), (cut_at_a_chunk, 2), (cut_inside, 3)):
        with pytest.raises(sealed.SealError, match=f"chunk {chunk} does not authenticate"):
            unseal(damaged, key)


def test_not_an_archive_or_a_malformed_key_says_so() -> None:
    with pytest.raises(sealed.SealError, match="not a BenchGuard backup archive"):
        unseal(b"PK\x03\x04 a zip file", sealed.parse_key(sealed.generate_key()))
    with pytest.raises(sealed.SealError, match="32 bytes"):
        sealed.parse_key("too-short")
