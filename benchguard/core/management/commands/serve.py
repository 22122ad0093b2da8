"""`benchguard serve`: the production web server (gunicorn with deploy/gunicorn.conf.py).

Before it starts anything it refuses, with one line per problem, a configuration that
must not face users: not BENCHGUARD_ENV=production, DEBUG on, no ALLOWED_HOSTS, no
BENCHGUARD_BASE_URL for e-mailed links, static files not collected, or a system check
error. Missing secrets stop it even earlier, when the settings are read (`benchguard`
prints which variable is missing). Then it replaces itself with gunicorn, so systemd
or the container runtime signals gunicorn directly (SIGHUP: rolling restart of the
workers; SIGTERM: graceful stop).

Several app servers on one machine (the load test, docs/performance.md) are several
`benchguard serve --bind 127.0.0.1:800N` processes.
"""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.management.base import BaseCommand, CommandError

DEFAULT_CONFIG = Path(settings.PROJECT_DIR) / "deploy" / "gunicorn.conf.py"


def refusals() -> list[str]:
    """Why this configuration must not serve users; empty when it may."""
    problems = []
    if settings.BENCHGUARD_ENV != "production":
        problems.append(
            f"BENCHGUARD_ENV is {settings.BENCHGUARD_ENV!r}: set BENCHGUARD_ENV=production "
            "(for a demo use `benchguard serve-demo`)"
        )
    if settings.DEBUG:
        problems.append("DEBUG is on: remove DEBUG from the environment (or set DEBUG=false)")
    if not settings.ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS is empty: set it to the site's host name(s), comma-separated")
    if not settings.BENCHGUARD_BASE_URL:
        problems.append("BENCHGUARD_BASE_URL is empty: set it to the address users open (https://…)")
    if settings.BENCHGUARD_ENV == "production":
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if not manifest.exists():
            problems.append(
                f"static files are not collected ({manifest} missing): run `benchguard collectstatic`"
            )
    return problems


def gunicorn_argv(config: Path, *, bind: list[str], workers: int | None, threads: int | None) -> list[str]:
    argv = [sys.executable, "-m", "gunicorn", "--config", str(config)]
    for address in bind:
        argv += ["--bind", address]
    if workers is not None:
        argv += ["--workers", str(workers)]
    if threads is not None:
        argv += ["--threads", str(threads)]
    return [*argv, "benchguard.config.wsgi:application"]


class Command(BaseCommand):
    help = "Serve BenchGuard in production with gunicorn (refuses an unsafe configuration)."
    # The checks run in handle(), with the deploy checks, after the refusals.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--bind",
            action="append",
            default=[],
            metavar="HOST:PORT",
            help="address to listen on (repeatable; default: GUNICORN_BIND or 127.0.0.1:8000)",
        )
        parser.add_argument("--workers", type=int, help="worker processes (default: WEB_CONCURRENCY)")
        parser.add_argument("--threads", type=int, help="threads per worker (default: GUNICORN_THREADS)")
        parser.add_argument(
            "--config",
            type=Path,
            default=Path(os.environ.get("GUNICORN_CONFIG", "") or DEFAULT_CONFIG),
            help="gunicorn configuration file (default: GUNICORN_CONFIG or deploy/gunicorn.conf.py)",
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="run the refusals and system checks, print the gunicorn command, do not start it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = refusals()
        if problems:
            raise CommandError("refusing to serve:\n" + "\n".join(f"  - {problem}" for problem in problems))
        config: Path = options["config"]
        if not config.is_file():
            raise CommandError(f"refusing to serve: gunicorn configuration {config} not found (--config)")
        # Errors stop it; warnings (a closed network on plain HTTP) are printed.
        self.check(display_num_errors=False, include_deployment_checks=True, fail_level=checks.ERROR)
        argv = gunicorn_argv(
            config, bind=options["bind"], workers=options["workers"], threads=options["threads"]
        )
        if options["check_only"]:
            self.stdout.write(" ".join(argv))
            return
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(argv[0], argv)  # noqa: S606 — our own interpreter running gunicorn
