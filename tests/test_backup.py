"""`benchguard backup` and `benchguard restore` (issue 16, part 3): the demo with
attachments goes into an archive, the database is emptied, and the restore brings back
every row, every file byte for byte and the audit chain's head; a tampered archive, a
wrong key and a database in use are refused with a clear message before anything is
touched.

The test runs on the configured database: SQLite by default (the online backup API),
PostgreSQL with DATABASE_URL (pg_dump / pg_restore), as CI runs the suite on both.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from benchguard.core import sealed
from benchguard.core.backup import tables_in_use
from benchguard.core.models import AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """The commands speak the active language (Chinese by default); these tests read
    their English."""
    with translation.override("en"):
        yield


def table_dump() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, as the database returns it (encrypted columns as
    stored), in a stable order."""
    dump = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            dump[table] = sorted(cursor.fetchall(), key=repr)
    return dump


def media_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def demo_with_attachments() -> None:
    from benchguard.matters.models import Matter
    from benchguard.matters.permissions import can_answer
    from benchguard.matters.services import add_attachment
    from benchguard.organization.demo import load_demo
    from benchguard.organization.models import Account

    load_demo()
    office = Account.objects.get(username="office")
    matter = next(m for m in Matter.objects.order_by("pk") if can_answer(office, m))
    # Bigger than one encryption chunk (1 MiB), so the archive spans several chunks.
    big = b"%PDF-1.4\n" + os.urandom(2 * sealed.CHUNK_SIZE + 12345)
    for upload in (
        SimpleUploadedFile("记录.txt", "来电记录。\n".encode(), content_type="text/plain"),
        SimpleUploadedFile("scan.pdf", big, content_type="application/pdf"),
    ):
        add_attachment(actor=office, matter=matter, upload=upload)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "backup.key"
    call_command("backup", "--generate-key", stdout=(out := io.StringIO()))
    path.write_text(out.getvalue())
    return path


def test_backup_restore_round_trips_rows_files_and_the_audit_head(
    media: Path, key_file: Path, tmp_path: Path
) -> None:
    demo_with_attachments()
    rows_before = table_dump()
    files_before = media_files(media)
    head_before = AuditChainHead.objects.get(pk=1).last_hash
    # The two attachments (the demo may have stored files of its own: its recordings, when
    # this database had no demo yet), one of them spanning several encryption chunks.
    assert len(files_before) >= 2 and rows_before["core_auditentry"]
    assert any(len(content) > 2 * sealed.CHUNK_SIZE for content in files_before.values())

    archive = tmp_path / "out" / "benchguard.bgbak"
    archive.parent.mkdir()
    call_command("backup", "--out", str(archive), "--key-file", str(key_file), stdout=(out := io.StringIO()))
    assert "Backup written" in out.getvalue()
    written = AuditEntry.objects.order_by("pk").last()
    assert written is not None and written.action == "core.backup.write"
    manifest_sha256 = written.data["manifest_sha256"]
    assert manifest_sha256 in out.getvalue()
    assert not list(archive.parent.glob("*.partial"))
    # Nothing of the content is readable in the archive.
    assert b"%PDF" not in archive.read_bytes() and "来电".encode() not in archive.read_bytes()

    with pytest.raises(CommandError, match="outside MEDIA_ROOT"):
        call_command("backup", "--out", str(media / "inside.bgbak"), "--key-file", str(key_file))

    # A database in use is refused.
    with pytest.raises(CommandError, match="Refusing to restore into a database that is in use"):
        call_command("restore", str(archive), "--key-file", str(key_file))

    # A fresh database: every table emptied, every file gone.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert tables_in_use() == []

    # Refusals leave the empty database and storage as they were.
    other_key = tmp_path / "other.key"
    other_key.write_text(sealed.generate_key())
    with pytest.raises(CommandError, match="Wrong backup key"):
        call_command("restore", str(archive), "--key-file", str(other_key))
    tampered = tmp_path / "tampered.bgbak"
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="damaged or was altered"):
        call_command("restore", str(tampered), "--key-file", str(key_file))
    cut = tmp_path / "cut.bgbak"
    cut.write_bytes(archive.read_bytes()[: sealed.HEADER_BYTES + sealed.CHUNK_SIZE + sealed.TAG_BYTES])
    with pytest.raises(CommandError, match="damaged or was altered"):
        call_command("restore", str(cut), "--key-file", str(key_file))
    appended = tmp_path / "appended.bgbak"
    appended.write_bytes(archive.read_bytes() + bytes(100))
    with pytest.raises(CommandError, match="damaged or was altered"):
        call_command("restore", str(appended), "--key-file", str(key_file))
    assert not AuditEntry.objects.exists() and not media.exists()

    call_command("restore", str(archive), "--key-file", str(key_file), stdout=(out := io.StringIO()))
    assert "match the manifest" in out.getvalue() and manifest_sha256 in out.getvalue()

    rows_after = table_dump()
    assert media_files(media) == files_before
    # Every table identical but the audit trail, which gained exactly the restore's line.
    for table in rows_before:
        if table not in ("core_auditentry", "core_auditchainhead"):
            assert rows_after[table] == rows_before[table], table
    restored_entries = list(AuditEntry.objects.order_by("pk"))
    *kept, restore_line = restored_entries
    assert len(kept) == len(rows_before["core_auditentry"])
    assert kept[-1].hash == head_before
    assert restore_line.action == "core.backup.restore"
    assert restore_line.prev_hash == head_before
    assert restore_line.data["manifest_sha256"] == manifest_sha256
    assert restore_line.data["audit_head"] == head_before
    call_command("verify_audit", "--expect-head", head_before, stdout=io.StringIO())
    # The attachments' stored hashes still describe the restored files.
    from benchguard.matters.models import Attachment

    ours = Attachment.objects.filter(file__in=list(files_before))
    assert ours.count() >= 2  # the test's two, and the demo's own on a database new to it
    for attachment in ours:
        with attachment.file.open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == attachment.sha256


def test_an_archive_whose_manifest_disagrees_is_refused_before_the_database_is_touched(
    media: Path, key_file: Path, tmp_path: Path
) -> None:
    """Re-sealed with the right key but a member changed: the manifest catches it."""
    import io
    import tarfile

    from benchguard.core.backup import BackupError, restore_backup

    call_command("flush", interactive=False, verbosity=0)
    media.mkdir(parents=True)
    (media / "a.txt").write_bytes(b"original")
    archive = tmp_path / "a.bgbak"
    call_command("backup", "--out", str(archive), "--key-file", str(key_file), stdout=io.StringIO())
    key = sealed.parse_key(key_file.read_text())
    # Unseal, change the file's bytes, seal again: every chunk authenticates.
    with archive.open("rb") as source:
        plain = sealed.OpeningReader(source, key).read()
    members = []
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r:") as tar:
        for info in tar:
            body = tar.extractfile(info).read()  # type: ignore[union-attr]
            members.append((info, b"altered!" if info.name == "media/a.txt" else body))
    forged = tmp_path / "forged.bgbak"
    with forged.open("wb") as sink:
        writer = sealed.SealingWriter(sink, key)
        with tarfile.open(fileobj=writer, mode="w|") as tar:  # type: ignore[call-overload]
            for info, body in members:
                tar.addfile(info, io.BytesIO(body))
        writer.close()
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    with pytest.raises(BackupError, match=r"does not match its manifest: .*changed \['media/a.txt'\]"):
        restore_backup(forged, key=key)
    assert not AuditEntry.objects.exists() and not media.exists()
