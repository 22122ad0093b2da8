"""`benchguard serve` (issue 16): refuses a configuration that must not face users, and
otherwise really serves the site with gunicorn; `check --deploy` is clean in the
documented production configuration.

The subprocess tests start `benchguard` with a clean environment holding only the
variables docs/deployment.md lists, so nothing from the test settings leaks in.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from benchguard.core.management.commands.serve import gunicorn_argv, refusals

BENCHGUARD = str(Path(sys.executable).parent / "benchguard")

# The production environment as docs/deployment.md documents it (test secrets).
PRODUCTION_ENV = {
    "BENCHGUARD_ENV": "production",
    "SECRET_KEY": "Zq3vN8wL2pX7rT5yK9mB4cF6hJ1dS0aGeUiOoPlQwErTyUiOpAsDfGhJkLzXcVbNm",
    "FIELD_ENCRYPTION_KEY": "0OYc_dIjZsVt-Jjy9EVHyC4U0Xo2xGCCf_qt8IPhDPE=",
    "BLIND_INDEX_KEY": "blind-index-key-of-the-serve-test",
    "ALLOWED_HOSTS": "benchguard.court.local,127.0.0.1",
    "CSRF_TRUSTED_ORIGINS": "https://benchguard.court.local",
    "BENCHGUARD_BASE_URL": "https://benchguard.court.local",
}


def clean_env(var_dir: Path, **overrides: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "BENCHGUARD_VAR_DIR": str(var_dir),
        **PRODUCTION_ENV,
        **overrides,
    }
    return {name: value for name, value in env.items() if value != ""}


def run_benchguard(env: dict[str, str], *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BENCHGUARD, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


# --- the refusals, in this process ------------------------------------------------------


@pytest.fixture
def production(settings: Any, tmp_path: Path) -> Any:
    settings.BENCHGUARD_ENV = "production"
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["benchguard.court.local"]
    settings.BENCHGUARD_BASE_URL = "https://benchguard.court.local"
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text("{}", encoding="utf-8")
    return settings


def test_a_complete_production_configuration_has_no_refusal(production: Any) -> None:
    assert refusals() == []


def test_serve_refuses_debug_on(production: Any) -> None:
    production.DEBUG = True

    with pytest.raises(CommandError, match="DEBUG is on"):
        call_command("serve", "--check-only")


def test_serve_refuses_without_allowed_hosts_and_base_url_naming_both(production: Any) -> None:
    production.ALLOWED_HOSTS = []
    production.BENCHGUARD_BASE_URL = ""

    problems = refusals()

    assert [problem.split(" ")[0] for problem in problems] == ["ALLOWED_HOSTS", "BENCHGUARD_BASE_URL"]


def test_serve_refuses_outside_production(production: Any) -> None:
    production.BENCHGUARD_ENV = "development"

    with pytest.raises(CommandError, match="BENCHGUARD_ENV=production"):
        call_command("serve", "--check-only")


def test_serve_refuses_before_collectstatic(production: Any) -> None:
    (Path(production.STATIC_ROOT) / "staticfiles.json").unlink()

    assert refusals() == [
        f"static files are not collected ({Path(production.STATIC_ROOT) / 'staticfiles.json'} missing): "
        "run `benchguard collectstatic`"
    ]


def test_serve_refuses_a_missing_gunicorn_config(production: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"gunicorn configuration .* not found"):
        call_command("serve", "--check-only", "--config", str(tmp_path / "absent.py"))


def test_serve_passes_bind_workers_and_threads_to_gunicorn(production: Any, capsys: Any) -> None:
    call_command(
        "serve", "--check-only", "--bind", "127.0.0.1:8001", "--bind", "[::1]:8001", "--workers", "3"
    )

    printed = capsys.readouterr().out.split()
    assert printed[1:5] == [
        "-m",
        "gunicorn",
        "--config",
        str(Path(production.PROJECT_DIR) / "deploy/gunicorn.conf.py"),
    ]
    assert printed[5:] == [
        "--bind",
        "127.0.0.1:8001",
        "--bind",
        "[::1]:8001",
        "--workers",
        "3",
        "benchguard.config.wsgi:application",
    ]
    assert gunicorn_argv(Path("g.py"), bind=[], workers=None, threads=2)[-3:] == [
        "--threads",
        "2",
        "benchguard.config.wsgi:application",
    ]


# --- the real command, in a clean environment --------------------------------------------


def test_serve_names_a_missing_secret_in_one_line(tmp_path: Path) -> None:
    result = run_benchguard(clean_env(tmp_path, FIELD_ENCRYPTION_KEY=""), "serve")

    assert result.returncode == 2
    assert result.stderr == (
        "benchguard: configuration error: FIELD_ENCRYPTION_KEY (or FIELD_ENCRYPTION_KEY_FILE) "
        "must be set in production\n"
    )


def test_serve_refuses_debug_in_a_production_environment(tmp_path: Path) -> None:
    result = run_benchguard(clean_env(tmp_path, DEBUG="true", ALLOWED_HOSTS=""), "serve")

    assert result.returncode == 1
    assert "refusing to serve" in result.stderr
    assert "DEBUG is on" in result.stderr
    assert "ALLOWED_HOSTS is empty" in result.stderr


def documented_env(tmp_path: Path) -> dict[str, str]:
    """deploy/benchguard.env.example as an operator fills it in: its variables, with the
    secret files written and the state directory in tmp_path."""
    example = Path(__file__).resolve().parents[3] / "deploy" / "benchguard.env.example"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    for line in example.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _sep, value = line.partition("=")
            env[name] = value
    for name, value in PRODUCTION_ENV.items():
        if f"{name}_FILE" in env:
            secret = tmp_path / name.lower()
            secret.write_text(value + "\n", encoding="utf-8")
            env[f"{name}_FILE"] = str(secret)
    env["BENCHGUARD_VAR_DIR"] = str(tmp_path / "var")
    return env


def test_check_deploy_is_clean_in_the_documented_production_configuration(tmp_path: Path) -> None:
    env = documented_env(tmp_path)
    assert env["BENCHGUARD_ENV"] == "production"
    assert {"SECRET_KEY_FILE", "FIELD_ENCRYPTION_KEY_FILE", "BLIND_INDEX_KEY_FILE", "ALLOWED_HOSTS"} <= set(
        env
    )

    result = run_benchguard(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_a_closed_network_turns_https_off(tmp_path: Path) -> None:
    result = run_benchguard(
        clean_env(tmp_path, HTTPS_ONLY="false"), "check", "--deploy", "--fail-level", "WARNING"
    )

    assert result.returncode == 1
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One plain GET that does not follow redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_serve_starts_gunicorn_and_answers_healthz(tmp_path: Path) -> None:
    # An empty SQLite database: /healthz needs only `SELECT 1` (the immediate backend
    # keeps no queue); migrating every app would cost half a minute.
    env = clean_env(tmp_path, TASKS_BACKEND="immediate", WEB_CONCURRENCY="1", GUNICORN_THREADS="2")
    collected = run_benchguard(env, "collectstatic", "--no-input", "-v0")
    assert collected.returncode == 0, collected.stderr
    port = _free_port()
    out_path, err_path = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with out_path.open("w") as out, err_path.open("w") as err:
        server = subprocess.Popen(
            [BENCHGUARD, "serve", "--bind", f"127.0.0.1:{port}"], env=env, stdout=out, stderr=err
        )
        try:
            listening = False
            for _attempt in range(150):  # at most 30 s
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    listening = True
                    break
                except OSError:
                    try:
                        server.wait(timeout=0.2)  # ends early if the server died
                    except subprocess.TimeoutExpired:
                        continue
                    break
            assert listening, err_path.read_text()

            status, headers, body = _get(port, "/healthz")
            # Plain HTTP from the load balancer is not redirected to HTTPS.
            assert status == 200, body
            assert json.loads(body)["checks"]["database"] == {"status": "ok"}
            request_id = headers["X-Request-ID"]
            # A page is redirected to HTTPS: SSL redirect is on in production.
            status, headers, _body = _get(port, "/")
            assert status == 301
            assert headers["Location"] == f"https://127.0.0.1:{port}/"
            assert headers["X-Request-ID"]
            # Behind nginx (X-Forwarded-Proto: https) the same page is served: the
            # anonymous visitor is sent to the sign-in page, over HTTPS.
            status, headers, _body = _get(port, "/", {"X-Forwarded-Proto": "https"})
            assert status == 302
            assert headers["Location"].startswith("/accounts/login/")
            assert "max-age=31536000; includeSubDomains; preload" in headers["Strict-Transport-Security"]
        finally:
            server.terminate()
            server.wait(timeout=30)

    # gunicorn's access log: one JSON object a line, carrying the request id.
    access = [json.loads(line) for line in out_path.read_text().splitlines() if line.startswith("{")]
    healthz_line = next(line for line in access if line.get("path") == "/healthz")
    assert healthz_line["request_id"] == request_id
    assert healthz_line["status"] == "200"
    assert healthz_line["logger"] == "gunicorn.access"
    # Its own log is JSON too.
    errors = [json.loads(line) for line in err_path.read_text().splitlines() if line.strip()]
    assert any("Listening at" in line["message"] for line in errors)
