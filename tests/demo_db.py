"""The test database, built once and copied: migrations once per code, the demo once per run.

Migrating (about 15 s) and loading the demo (about 6 s, far more on a busy machine) used
to happen in every xdist worker. Now:

- **The migrated, empty schema** is kept between runs (SQLite only), in
  `$BENCHGUARD_TEST_DB_CACHE` (default: `<tmp>/benchguard-test-db/`), under a key that
  hashes everything it can depend on: every file of `benchguard/` except tests and
  vendored static files (so the migrations and whatever code they call), the lock file,
  the installed distributions, Python, SQLite and the database settings. A change to any
  of them builds a new one; a stale schema is never used. It holds no times: migrations
  do not read the clock.
- **The demo** (`load_demo()`, whose rows are placed around *now*: a visit 45 minutes
  ago, a protection that ends in 14 hours) is built once per run, by the first worker
  that needs a database, under a file lock; the other workers copy it. It is never kept
  for another run. The controller deletes it when the run ends.

Copies are cheap on both backends: SQLite's backup API into each worker's in-memory
database, PostgreSQL's `CREATE DATABASE … TEMPLATE …`. A run without xdist builds the
demo in its own database and shares nothing.

Anything else — `--reuse-db`, `--create-db`, `--nomigrations`, a serialized rollback, a
file-based SQLite test database, another backend — takes pytest-django's ordinary path
(migrate, then load the demo), so those options keep their meaning.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import time_machine

PROJECT_DIR = Path(__file__).resolve().parents[1]
# Parts of benchguard/ that cannot change what the database holds.
NOT_HASHED = {"tests", "static", "__pycache__"}
KEEP_SCHEMA_DAYS = 7
KEEP_DEMO_DAYS = 1


def cache_dir() -> Path:
    configured = os.environ.get("BENCHGUARD_TEST_DB_CACHE")
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "benchguard-test-db"
    path.mkdir(parents=True, exist_ok=True)
    return path


def schema_key(connection: Any) -> str:
    """A hash of everything the migrated schema can depend on."""
    from django.conf import settings

    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    for path in sorted((PROJECT_DIR / "benchguard").rglob("*")):
        relative = path.relative_to(PROJECT_DIR)
        if path.is_file() and not NOT_HASHED.intersection(relative.parts):
            add(str(relative), path.read_bytes())
    for name in ("pyproject.toml", "requirements.lock"):
        if (PROJECT_DIR / name).exists():
            add(name, (PROJECT_DIR / name).read_bytes())
    distributions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    add("distributions", "\n".join(distributions).encode())
    add("python", sys.version.encode())
    add("sqlite", sqlite3.sqlite_version.encode())
    add("apps", repr(list(settings.INSTALLED_APPS)).encode())
    add("database", repr(sorted((k, repr(v)) for k, v in connection.settings_dict.items())).encode())
    return digest.hexdigest()[:20]


@contextlib.contextmanager
def file_lock(name: str) -> Iterator[None]:
    """Held by one process of this machine at a time (workers, other runs, other trees)."""
    path = cache_dir() / f"{name}.lock"
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        os.utime(path)  # a lock in use is never pruned
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prune(pattern: str, days: int) -> None:
    """Forget copies nobody has used for `days` days (left by old code or crashed runs)."""
    # The files' times are the machine's; the session's clock may be moved (docs/testing.md).
    hatch = time_machine.escape_hatch
    now = hatch.time.time() if hatch.is_travelling() else time.time()
    limit = now - days * 86400
    for path in cache_dir().glob(pattern):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()


def can_copy(connection: Any) -> bool:
    """Whether this backend's test database can be filled from a copy."""
    if connection.vendor == "postgresql":
        return True
    if connection.vendor == "sqlite":
        return bool(connection.creation.is_in_memory_db(connection.creation._get_test_db_name()))
    return False


def use_test_db(connection: Any) -> str:
    """Point the connection at its test database (as `create_test_db` does); its old name."""
    from django.conf import settings

    old_name: str = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    return old_name


# --- SQLite: a file on disk, copied into each worker's in-memory database ---------------


def sqlite_save(connection: Any, path: Path) -> None:
    """Copy the in-memory test database to `path`, atomically."""
    connection.ensure_connection()
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, path)


def sqlite_load(connection: Any, path: Path) -> None:
    """Fill the (empty, in-memory) test database from the copy at `path`."""
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    os.utime(path)  # keeps a schema in use from being pruned


# --- PostgreSQL: template databases ---------------------------------------------------


def pg_exists(connection: Any, name: str) -> bool:
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def pg_copy(connection: Any, source: str, target: str) -> None:
    """CREATE DATABASE target TEMPLATE source (nobody may be connected to source)."""
    quote = connection.ops.quote_name
    connection.close()
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
        cursor.execute(f"CREATE DATABASE {quote(target)} WITH TEMPLATE {quote(source)}")


def pg_drop(connection: Any, name: str) -> None:
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def pg_demo_name(old_name: str, run_id: str) -> str:
    return f"test_{old_name}_demo_{run_id[:12]}"[:63]


# --- The three steps ------------------------------------------------------------------


def migrate(connection: Any, verbosity: int) -> None:
    """A migrated, empty test database; the schema comes from the cache when it can."""
    if connection.vendor != "sqlite":
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
        return
    key = schema_key(connection)
    path = cache_dir() / f"schema-{key}.sqlite3"
    with file_lock(f"schema-{key}"):
        if path.exists():
            use_test_db(connection)
            sqlite_load(connection, path)
            return
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
        sqlite_save(connection, path)
    prune("schema-*", KEEP_SCHEMA_DAYS)


def load_demo_data() -> None:
    from django_tasks_db.models import DBTaskResult

    from benchguard.organization.demo import load_demo

    load_demo()
    # The demo queues e-mails for its notifications; they belong to no test's story and
    # would make every test that counts queued tasks start from a dozen.
    DBTaskResult.objects.all().delete()


# This process's copy of the demo (SQLite only): what restore_demo() puts back.
demo_copy: Path | None = None
solo_run: str | None = None


def setup_demo_database(connection: Any, run_id: str | None, verbosity: int) -> str:
    """Create this process's test database holding the demo; returns the old NAME.

    `run_id` is xdist's test run id (None without xdist): the workers of one run share
    one demo build.
    """
    global demo_copy, solo_run
    old_name: str = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        if run_id is None:
            run_id = solo_run = f"solo-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        path = cache_dir() / f"demo-{run_id}.sqlite3"
        with file_lock(f"demo-{run_id}"):
            if path.exists():
                use_test_db(connection)
                sqlite_load(connection, path)
            else:
                migrate(connection, verbosity)
                load_demo_data()
                sqlite_save(connection, path)
                prune("demo-*", KEEP_DEMO_DAYS)
        demo_copy = path
        return old_name
    if run_id is None:
        migrate(connection, verbosity)
        load_demo_data()
        return old_name
    template = pg_demo_name(old_name, run_id)
    worker_db = connection.creation._get_test_db_name()
    with file_lock(f"demo-{run_id}"):
        if pg_exists(connection, template):
            pg_copy(connection, template, worker_db)
            use_test_db(connection)
        else:
            migrate(connection, verbosity)
            load_demo_data()
            pg_copy(connection, worker_db, template)
    return old_name


def restore_demo(connection: Any) -> bool:
    """Put this run's demo back after a transactional test emptied the database (the
    browser tests); False where there is no copy to restore (PostgreSQL)."""
    if demo_copy is None or connection.vendor != "sqlite":
        return False
    from django.contrib.contenttypes.models import ContentType

    sqlite_load(connection, demo_copy)
    ContentType.objects.clear_cache()  # the flush recreated them under other ids
    return True


def teardown_demo_database(connection: Any) -> None:
    """Delete the demo copy of a run without xdist (the controller deletes a shared one)."""
    global demo_copy, solo_run
    if solo_run is not None:
        forget_run(connection, solo_run)
    demo_copy = solo_run = None


def forget_run(connection: Any, run_id: str) -> None:
    """Delete the run's demo copy (called by the xdist controller when the run ends)."""
    for path in cache_dir().glob(f"demo-{run_id}.*"):
        with contextlib.suppress(OSError):
            path.unlink()
    if connection.vendor == "postgresql":
        pg_drop(connection, pg_demo_name(connection.settings_dict["NAME"], run_id))
