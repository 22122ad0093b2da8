"""The files in deploy/ (issue 16): systemd units that systemd accepts, a gunicorn
configuration read from the environment, and an env file that names every variable."""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("benchguard-*"))
INSTALLED_BENCHGUARD = "/opt/benchguard/venv/bin/benchguard"


def systemd_analyze() -> str:
    path = shutil.which("systemd-analyze")
    if path is None:
        pytest.fail("systemd-analyze is missing: install Debian's systemd package (.ci/run does)")
    return path


def verify(units: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [systemd_analyze(), "verify", "--man=no", *map(str, units)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def installed_copies(tmp_path: Path) -> list[Path]:
    """The units as written, but with this checkout's `benchguard` where the install
    guide puts it (systemd-analyze checks that every command exists)."""
    here = str(Path(sys.executable).parent / "benchguard")
    copies = []
    for unit in UNITS:
        copy = tmp_path / unit.name
        copy.write_text(
            unit.read_text(encoding="utf-8").replace(INSTALLED_BENCHGUARD, here), encoding="utf-8"
        )
        copies.append(copy)
    return copies


def test_the_units_are_the_documented_ones() -> None:
    assert [unit.name for unit in UNITS] == [
        "benchguard-backup.service",
        "benchguard-backup.timer",
        "benchguard-web.service",
        "benchguard-worker.service",
    ]


def test_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    copies = installed_copies(tmp_path)

    result = verify(copies)

    # verify exits 0 even for unknown keys and bad values: it only prints them.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_systemd_analyze_verify_would_catch_a_mistake(tmp_path: Path) -> None:
    """The check above can fail: a misspelt key is reported."""
    web = next(copy for copy in installed_copies(tmp_path) if copy.name == "benchguard-web.service")
    web.write_text(
        web.read_text(encoding="utf-8").replace("KillMode=mixed", "KilMode=mixed"), encoding="utf-8"
    )

    result = verify([web])

    assert "Unknown key" in result.stderr


def test_the_units_run_the_documented_commands() -> None:
    web = (DEPLOY / "systemd" / "benchguard-web.service").read_text(encoding="utf-8")
    worker = (DEPLOY / "systemd" / "benchguard-worker.service").read_text(encoding="utf-8")
    backup = (DEPLOY / "systemd" / "benchguard-backup.service").read_text(encoding="utf-8")
    assert (
        f"ExecStart={INSTALLED_BENCHGUARD} serve --config /opt/benchguard/app/deploy/gunicorn.conf.py" in web
    )
    assert f"ExecStart={INSTALLED_BENCHGUARD} worker --worker-id %H" in worker
    assert f"{INSTALLED_BENCHGUARD} backup --out /var/backups/benchguard/" in backup
    for unit in (web, worker, backup):
        assert "EnvironmentFile=/etc/benchguard/benchguard.env" in unit
        assert "User=benchguard" in unit


def test_the_gunicorn_config_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8001, 127.0.0.1:8002")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "off")
    monkeypatch.setenv("LOG_FORMAT", "json")

    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))

    assert config["bind"] == ["127.0.0.1:8001", "127.0.0.1:8002"]
    assert (config["workers"], config["threads"], config["worker_class"]) == (3, 8, "gthread")
    assert config["accesslog"] is None
    assert config["logconfig_dict"]["handlers"]["error_console"]["formatter"] == "json"
    assert "%({x-request-id}o)s" in config["access_log_format"]
    assert config["wsgi_app"] == "benchguard.config.wsgi:application"


def settings_variables() -> set[str]:
    source = (ROOT / "benchguard" / "config" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env_(?:str|bool|int|list|choice|secret)\(\s*"([A-Z][A-Z0-9_]+)"', source))
    names |= set(re.findall(r'_secret\("([A-Z][A-Z0-9_]+)"\)', source))
    # RECORDING_RETENTION_DAYS_{KIND}: one variable per kind of recording.
    kinds = re.search(r"for kind, days in \{(.*?)\}\.items\(\)", source, re.S)
    assert kinds is not None
    names |= {f"RECORDING_RETENTION_DAYS_{kind.upper()}" for kind in re.findall(r'"(\w+)":', kinds[1])}
    return names


def test_the_env_file_example_names_every_variable_of_the_settings() -> None:
    example = (DEPLOY / "benchguard.env.example").read_text(encoding="utf-8")

    missing = sorted(name for name in settings_variables() if not re.search(rf"\b{name}\b", example))

    assert missing == []


def test_every_variable_of_the_settings_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))

    missing = sorted(
        name
        for name in settings_variables()
        if not re.search(rf"\b{name}\b", table) and not name.startswith("RECORDING_RETENTION_DAYS_")
    )

    assert missing == []


def test_the_containerfile_copies_only_what_exists() -> None:
    """Not built here (no container engine: docs/deployment.md, §7); what it copies from
    the checkout must at least be there."""
    containerfile = (ROOT / "Containerfile").read_text(encoding="utf-8")
    sources = [
        source
        for line in containerfile.splitlines()
        if line.startswith("COPY ") and "--from=" not in line
        for source in line.split()[1:-1]
    ]

    assert sources == [
        "pyproject.toml",
        "requirements.lock",
        "README.md",
        "benchguard",
        "deploy/gunicorn.conf.py",
    ]
    assert all((ROOT / source).exists() for source in sources)
    assert containerfile.rstrip().endswith('CMD ["benchguard", "serve"]')


def test_compose_runs_postgres_redis_web_and_worker_from_the_image() -> None:
    import yaml

    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]

    assert set(services) == {"postgres", "redis", "migrate", "web", "worker"}
    assert services["web"]["command"][:2] == ["benchguard", "serve"]
    assert services["worker"]["command"] == ["benchguard", "worker"]
    for name in ("migrate", "web", "worker"):
        assert services[name]["build"]["dockerfile"] == "Containerfile"
        assert services[name]["environment"]["TASKS_BACKEND"] == "redis"
        assert "@postgres:5432/" in services[name]["environment"]["DATABASE_URL"]
    assert services["web"]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
