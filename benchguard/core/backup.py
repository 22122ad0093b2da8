"""Backup and restore: the database, every uploaded file and a manifest, in one
encrypted archive (issue 16, part 3; docs/backup.md).

The archive is a tar stream sealed by `core.sealed` (AES-256-GCM in chunks) with these
members, in this order:

- `database.sqlite3` (SQLite's online backup API) or `database.pgdump` (pg_dump's
  custom format), taken from one consistent snapshot;
- `media/<name>` for every file of `STORAGES["default"]`;
- `manifest.json`: format, versions, the database engine, the migrations applied, each
  member's SHA-256 and size, the row count of every table and the audit chain's head,
  all read from the same snapshot as the dump.

Nothing is held in memory whole: the dump is written to a temporary file, files are
streamed into the tar, the tar is encrypted as it is written. A restore unpacks into a
temporary directory, checks every member against the manifest, and only then touches
the database, which must be empty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benchguard.core import audit, sealed
from benchguard.core.audit import GENESIS_HASH

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"
COPY_BYTES = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass(frozen=True)
class Written:
    path: Path
    manifest: dict[str, Any]
    manifest_sha256: str
    size: int


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    manifest_sha256: str
    files: int
    tables: int


# --- Keys ----------------------------------------------------------------------


def backup_key(key_file: str | None = None) -> bytes:
    """The operator's backup key: `--key-file`, else BACKUP_KEY / BACKUP_KEY_FILE."""
    if key_file:
        try:
            text = Path(key_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise BackupError(
                _("The key file %(path)s cannot be read: %(error)s") % {"path": key_file, "error": exc}
            ) from None
    elif settings.BACKUP_KEY and settings.BACKUP_KEY_FILE:
        raise BackupError(_("Set BACKUP_KEY or BACKUP_KEY_FILE, not both."))
    elif settings.BACKUP_KEY_FILE:
        return backup_key(settings.BACKUP_KEY_FILE)
    else:
        text = settings.BACKUP_KEY
    if not text.strip():
        raise BackupError(_("No backup key: set BACKUP_KEY or BACKUP_KEY_FILE, or pass --key-file."))
    try:
        return sealed.parse_key(text)
    except sealed.SealError as exc:
        raise BackupError(str(exc)) from None


# --- Reading the database ------------------------------------------------------


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _table_counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _state(cursor: Any, tables: list[str]) -> dict[str, Any]:
    """Row counts, migrations applied and the audit head, as `cursor` sees the database
    (SQLite's own tables, such as the planner's statistics, left out)."""
    tables = [table for table in tables if not table.startswith("sqlite_")]
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    head = {"last_hash": GENESIS_HASH, "length": 0}
    if "core_auditchainhead" in tables:
        cursor.execute("SELECT last_hash, length FROM core_auditchainhead WHERE id = 1")
        row = cursor.fetchone()
        if row:
            head = {"last_hash": row[0], "length": int(row[1])}
    return {"tables": _table_counts(cursor, tables), "migrations": migrations, "audit_head": head}


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in rows]


def current_state() -> dict[str, Any]:
    """The live database's row counts, migrations and audit head."""
    with connection.cursor() as cursor:
        return _state(cursor, connection.introspection.table_names(cursor))


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return env


def _run(command: list[str], *, env: Mapping[str, str] | None = None) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            _("%(program)s is not installed (PostgreSQL's client programs are needed).")
            % {"program": command[0]}
        ) from None
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s") % {"program": command[0], "error": result.stderr.strip()}
        )


def _dump_database(target_dir: Path) -> tuple[str, Path, dict[str, Any]]:
    """Dump the database into `target_dir`; the member's name, its file, and the state
    (counts, migrations, audit head) of the very snapshot that was dumped."""
    if connection.vendor == "sqlite":
        path = target_dir / SQLITE_MEMBER
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)
            state = _state(copy.cursor(), _sqlite_tables(copy))
        finally:
            copy.close()
        return SQLITE_MEMBER, path, state
    if connection.vendor == "postgresql":
        path = target_dir / POSTGRES_MEMBER
        # One snapshot for the counts and the dump: pg_dump joins the exported snapshot
        # of this repeatable-read transaction, so writes during the backup change neither.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            state = _state(cursor, connection.introspection.table_names(cursor))
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={path}",
                    "--dbname",
                    connection.settings_dict["NAME"],
                ],
                env=_pg_env(),
            )
        return POSTGRES_MEMBER, path, state
    raise BackupError(
        _("Backups support SQLite and PostgreSQL only, not %(vendor)s.") % {"vendor": connection.vendor}
    )


# --- Files ---------------------------------------------------------------------


def _storage() -> Storage:
    return storages["default"]


def stored_files(storage: Storage | None = None, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, depth first, in a stable order."""
    storage = storage or _storage()
    if folder and not storage.exists(folder):
        return
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_files(storage, f"{folder}/{sub}" if folder else sub)


class _Hashing:
    """Read through, hashing what passes."""

    def __init__(self, source: IO[bytes]) -> None:
        self._source = source
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._source.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, name: str, source: IO[bytes], size: int) -> dict[str, Any]:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    reader = _Hashing(source)
    tar.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": reader.size}


# --- Backup --------------------------------------------------------------------


def write_backup(out: Path, *, key: bytes, work_dir: str | None = None) -> Written:
    """Write the archive to `out` (through `out.partial`, renamed when complete), then
    record an audit event naming the manifest's SHA-256."""
    partial = out.with_name(out.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="benchguard-backup-", dir=work_dir) as staging:
        member, dump, state = _dump_database(Path(staging))
        members: dict[str, dict[str, Any]] = {}
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as sink:
                writer = sealed.SealingWriter(sink, key)
                with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                    with dump.open("rb") as source:
                        members[member] = _add(tar, member, source, dump.stat().st_size)
                    dump.unlink()  # its space back before the files go in
                    storage = _storage()
                    for name in stored_files(storage):
                        with storage.open(name, "rb") as source:
                            members[MEDIA_PREFIX + name] = _add(
                                tar, MEDIA_PREFIX + name, source, storage.size(name)
                            )
                    manifest = {
                        "format": FORMAT,
                        "created_at": timezone.now().astimezone(dt.UTC).isoformat(),
                        "benchguard": version("benchguard"),
                        "django": version("django"),
                        "database": {"vendor": connection.vendor, "member": member},
                        **state,
                        "members": members,
                    }
                    body = json.dumps(manifest, indent=2, sort_keys=True).encode()
                    manifest_info = tarfile.TarInfo(MANIFEST)
                    manifest_info.size = len(body)
                    manifest_info.mode = 0o600
                    manifest_info.mtime = int(timezone.now().timestamp())
                    with tempfile.SpooledTemporaryFile() as buffer:
                        buffer.write(body)
                        buffer.seek(0)
                        tar.addfile(manifest_info, buffer)
                writer.close()
                sink.flush()
                os.fsync(sink.fileno())
            os.replace(partial, out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    digest = hashlib.sha256(body).hexdigest()
    size = out.stat().st_size
    audit.record_event(
        actor=None,
        action="core.backup.write",
        manifest_sha256=digest,
        files=len(members) - 1,
        rows=sum(state["tables"].values()),
        audit_head=state["audit_head"]["last_hash"],
        bytes=size,
    )
    return Written(out, manifest, digest, size)


# --- Restore -------------------------------------------------------------------


def tables_in_use() -> list[str]:
    """The tables showing that the live database is in use: accounts or audit lines.

    A fresh `migrate` leaves both empty (its data migrations only fill reference tables
    such as the rights categories), and nothing is done in BenchGuard without an account
    or without an audit line, so either holding a row means someone's data is here."""
    from django.apps import apps

    witnesses = [
        apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table,
        "core_auditentry",
        "core_auditchainhead",
    ]
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        in_use = []
        for table in witnesses:
            if table in present:
                cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")  # noqa: S608 - names from the catalogue
                if cursor.fetchone():
                    in_use.append(table)
    return in_use


def _refuse_if_in_use() -> None:
    in_use = tables_in_use()
    if in_use:
        shown = ", ".join(in_use)
        raise BackupError(
            _(
                "Refusing to restore into a database that is in use: it holds accounts or audit lines "
                "(%(tables)s). Restore into a new, empty database (created, and migrated or not)."
            )
            % {"tables": shown}
        )


_SAFE_MEDIA = re.compile(r"^[^\x00-\x1f]+$")


def _staged_name(name: str) -> str:
    """The member's name if it is one an archive may hold; anything else is refused
    (no absolute paths, no `..`, no links)."""
    if name in (MANIFEST, SQLITE_MEMBER, POSTGRES_MEMBER):
        return name
    path = PurePosixPath(name)
    if (
        name.startswith(MEDIA_PREFIX)
        and _SAFE_MEDIA.match(name)
        and not path.is_absolute()
        and ".." not in path.parts
        and len(path.parts) > 1
    ):
        return name
    raise BackupError(_("The archive holds an unexpected member %(name)r: refused.") % {"name": name})


def _unpack(archive: Path, key: bytes, staging: Path) -> dict[str, dict[str, Any]]:
    """Decrypt and unpack into `staging`, hashing every member as it is written."""
    found: dict[str, dict[str, Any]] = {}
    with archive.open("rb") as source:
        reader = sealed.OpeningReader(source, key)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for info in tar:
                    name = _staged_name(info.name)
                    if not info.isfile() or name in found:
                        raise BackupError(
                            _("The archive holds an unexpected member %(name)r: refused.") % {"name": name}
                        )
                    target = staging / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    extracted = tar.extractfile(info)
                    assert extracted is not None
                    digest = hashlib.sha256()
                    with target.open("wb") as out:
                        while block := extracted.read(COPY_BYTES):
                            digest.update(block)
                            out.write(block)
                    found[name] = {"sha256": digest.hexdigest(), "size": target.stat().st_size}
            # Read to the end past the tar's closing blocks: the last chunk is authenticated
            # too, so nothing cut off or appended goes unnoticed.
            while reader.read(COPY_BYTES):
                pass
        except tarfile.TarError as exc:
            raise BackupError(
                _("The archive's contents cannot be read: %(error)s") % {"error": exc}
            ) from None
    return found


def _checked_manifest(staging: Path, found: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    if MANIFEST not in found:
        raise BackupError(_("The archive has no manifest: it is incomplete."))
    manifest: dict[str, Any] = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("The archive's format %(format)s is not one this version reads.")
            % {"format": manifest.get("format")}
        )
    listed: dict[str, Any] = manifest["members"]
    members = {name: entry for name, entry in found.items() if name != MANIFEST}
    missing = sorted(set(listed) - set(members))
    extra = sorted(set(members) - set(listed))
    changed = sorted(name for name in set(listed) & set(members) if dict(listed[name]) != dict(members[name]))
    if missing or extra or changed:
        raise BackupError(
            _(
                "The archive does not match its manifest: missing %(missing)s, not listed %(extra)s, "
                "changed %(changed)s."
            )
            % {"missing": missing or "-", "extra": extra or "-", "changed": changed or "-"}
        )
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            _("This backup is of a %(archive)s database; the configured database is %(vendor)s.")
            % {"archive": vendor, "vendor": connection.vendor}
        )
    return manifest


def _check_media(staging: Path, manifest: Mapping[str, Any]) -> list[str]:
    """The archive's files not yet in storage; a file there already with other content
    is refused (nothing is overwritten)."""
    storage = _storage()
    to_copy = []
    for member, entry in manifest["members"].items():
        if not member.startswith(MEDIA_PREFIX):
            continue
        name = member[len(MEDIA_PREFIX) :]
        if storage.exists(name):
            digest = hashlib.sha256()
            with storage.open(name, "rb") as existing:
                for block in iter(lambda: existing.read(COPY_BYTES), b""):
                    digest.update(block)
            if digest.hexdigest() != entry["sha256"]:
                raise BackupError(
                    _("The file %(name)s is already in storage with other content: refusing to overwrite it.")
                    % {"name": name}
                )
            continue
        to_copy.append(member)
    return to_copy


def _load_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupError("restore cannot run inside a transaction")
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(dump),
            ],
            env=_pg_env(),
        )
    connection.close()


def restore_backup(archive: Path, *, key: bytes, work_dir: str | None = None) -> Restored:
    """Restore `archive` into the configured (empty) database and storage."""
    from benchguard.core.audit import verify_chain

    _refuse_if_in_use()
    with tempfile.TemporaryDirectory(prefix="benchguard-restore-", dir=work_dir) as tmp:
        staging = Path(tmp)
        try:
            found = _unpack(archive, key, staging)
        except sealed.SealError as exc:
            raise BackupError(str(exc)) from None
        manifest = _checked_manifest(staging, found)
        manifest_sha256 = hashlib.sha256((staging / MANIFEST).read_bytes()).hexdigest()
        to_copy = _check_media(staging, manifest)
        # Everything checked: now, and only now, the database and the files.
        _refuse_if_in_use()
        _load_database(staging / manifest["database"]["member"])
        storage = _storage()
        for member in to_copy:
            name = member[len(MEDIA_PREFIX) :]
            with (staging / member).open("rb") as source:
                saved = storage.save(name, File(source, name=name))
            if saved != name:
                raise BackupError(
                    _("The file %(name)s was stored as %(saved)s.") % {"name": name, "saved": saved}
                )
            (staging / member).unlink()
    state = current_state()
    problems = []
    wanted = manifest["tables"]
    counts = state["tables"]
    differing = sorted(t for t in set(wanted) | set(counts) if wanted.get(t, 0) != counts.get(t, 0))
    if differing:
        problems.append(_("row counts differ in %(tables)s") % {"tables": ", ".join(differing)})
    if state["audit_head"] != manifest["audit_head"]:
        problems.append(_("the audit chain's head differs"))
    report = verify_chain()
    if not report.ok:
        problems.append(_("the audit chain does not verify: %(reason)s") % {"reason": report.reason})
    if problems:
        raise BackupError(
            _("The database was restored but does not match the backup's manifest: %(problems)s.")
            % {"problems": "; ".join(problems)}
        )
    files = len([m for m in manifest["members"] if m.startswith(MEDIA_PREFIX)])
    audit.record_event(
        actor=None,
        action="core.backup.restore",
        manifest_sha256=manifest_sha256,
        backup_created_at=manifest["created_at"],
        audit_head=manifest["audit_head"]["last_hash"],
        files=files,
        rows=sum(wanted.values()),
    )
    return Restored(manifest, manifest_sha256, files=files, tables=len(wanted))
