"""Configuration helpers fail loudly on malformed values (house style 12)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from benchguard.config.env import env_bool, env_choice, env_int, env_list, env_secret


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("ON", True), ("0", False), ("off", False)]
)
def test_booleans_are_read(raw: str, expected: bool) -> None:
    assert env_bool("X", default=not expected, environ={"X": raw}) is expected


@pytest.mark.parametrize("raw", ["yes", "y", "2", "enabled"])
def test_a_yes_ish_boolean_stops_the_start(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="X="):
        env_bool("X", default=False, environ={"X": raw})


def test_an_unset_or_empty_value_takes_the_default() -> None:
    assert env_int("X", 5, environ={}) == 5
    assert env_int("X", 5, environ={"X": "  "}) == 5


def test_a_non_number_or_too_small_number_stops_the_start() -> None:
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("X", 5, environ={"X": "five"})
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("X", 5, minimum=1, environ={"X": "0"})


def test_lists_and_choices() -> None:
    assert env_list("X", [], environ={"X": "a, b,,c"}) == ["a", "b", "c"]
    with pytest.raises(ImproperlyConfigured, match="must be one of"):
        env_choice("X", "database", ("database", "redis"), environ={"X": "kafka"})


def test_a_secret_comes_from_a_file(tmp_path) -> None:
    secret = tmp_path / "key"
    secret.write_text("s3cret\n")
    assert env_secret("KEY", environ={"KEY_FILE": str(secret)}) == "s3cret"
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env_secret("KEY", environ={"KEY": "a", "KEY_FILE": str(secret)})
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_secret("KEY", environ={"KEY_FILE": str(tmp_path / "missing")})


def test_production_refuses_to_start_without_secrets(tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEY", "BLIND_INDEX_KEY"}
    }
    env.update(
        BENCHGUARD_ENV="production",
        BENCHGUARD_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="benchguard.config.settings",
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) must be set in production" in result.stderr
    assert not (tmp_path / "local-secrets.json").exists()


@pytest.mark.parametrize("named_by_url", [False, True])
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path, named_by_url: bool) -> None:
    """Also when DATABASE_URL names a SQLite file: without these options a check-in
    beside the running worker failed with "database is locked" (a browser walk found it)."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "BENCHGUARD_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "benchguard.config.settings",
    }
    env.pop("DATABASE_URL", None)
    if named_by_url:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'named.sqlite3'}"
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])\n"
        "    c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["wal", "20000"]
