"""`benchguard serve-demo`: the demo on one terminal — the background worker as a child
process and Django's development server in the foreground.

When the server stops (Ctrl-C, SIGTERM, or an error) the worker is stopped too, so
`make demo` leaves nothing running. On Linux the child is also told by the kernel to
stop if this process dies without a chance to clean up (PR_SET_PDEATHSIG).
The links the demo prints and mails use the address it serves on (`--host`, `--port`,
or `--base-url` when users reach it by another name), and e-mails are written to files
under `var/mail/` with one line each in the terminal (core.demo_mail), for the web
server and the worker alike.
Not for production: a court's server runs `benchguard worker` and a WSGI server as
separate services.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
from argparse import ArgumentParser
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

WORKER_STOP_TIMEOUT_SECONDS = 15
DEMO_EMAIL_BACKEND = "benchguard.core.demo_mail.EmailBackend"
WILDCARD_HOSTS = {"0.0.0.0", "::", ""}  # noqa: S104 - recognised, not bound to


def demo_settings(*, host: str, port: int, base_url: str | None, mail_dir: str | None) -> dict[str, str]:
    """The settings the demo's web server and worker run with: links to the address
    served on, e-mails into files. Returned as environment variables (for the worker);
    `apply_demo_settings` sets them on this process."""
    if base_url is None:
        name = socket.gethostname() if host in WILDCARD_HOSTS else host
        if ":" in name:  # an IPv6 address
            name = f"[{name.strip('[]')}]"
        base_url = f"http://{name}:{port}"
    if not base_url.startswith(("http://", "https://")):
        raise CommandError(f"--base-url must start with http:// or https:// (got {base_url!r})")
    return {
        "BENCHGUARD_BASE_URL": base_url.rstrip("/"),
        "EMAIL_BACKEND": DEMO_EMAIL_BACKEND,
        "EMAIL_FILE_PATH": str(Path(mail_dir) if mail_dir else Path(settings.VAR_DIR) / "mail"),
    }


def apply_demo_settings(values: dict[str, str], *, host: str) -> None:
    """Set the demo's settings on this process, and let the server answer to the names
    it is reached by (Django refuses a Host header not in ALLOWED_HOSTS)."""
    for name, value in values.items():
        setattr(settings, name, value)
    reached_as = {urlsplit(values["BENCHGUARD_BASE_URL"]).hostname or ""}
    if host not in WILDCARD_HOSTS:
        reached_as.add(host.strip("[]"))
    missing = reached_as - set(settings.ALLOWED_HOSTS) - {""}
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, *sorted(missing)]


def _die_with_parent() -> None:
    """Runs in the child between fork and exec: SIGTERM it when the parent dies."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except OSError:
        pass  # not glibc: the finally block in handle() still stops the worker


class Command(BaseCommand):
    help = "Run the background worker and the development web server together (the demo)."

    # runserver runs the system checks itself.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to serve on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on.")
        parser.add_argument(
            "--base-url",
            default=None,
            help="Address users open, for links in e-mails (default: http://HOST:PORT).",
        )
        parser.add_argument(
            "--mail-dir",
            default=None,
            help="Folder the demo's e-mails are written to (default: var/mail).",
        )
        parser.add_argument(
            "--worker-interval",
            default="2",
            help="Seconds the worker waits when its queue is empty (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host = options["host"]
        demo = demo_settings(
            host=host, port=options["port"], base_url=options["base_url"], mail_dir=options["mail_dir"]
        )
        apply_demo_settings(demo, host=host)
        base_url, mail_dir = demo["BENCHGUARD_BASE_URL"], demo["EMAIL_FILE_PATH"]
        self.stdout.write(f"serve-demo: open {base_url}/ (links in e-mails point there too)")
        self.stdout.write(f"serve-demo: e-mails are written to {mail_dir}/, one line each here")
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and command, no shell
            [
                sys.executable,
                "-m",
                "benchguard",
                "worker",
                "--interval",
                options["worker_interval"],
            ],
            env={**os.environ, **demo},
            # Its own session: Ctrl-C in the terminal reaches only us, and we stop the
            # worker once, gracefully, instead of it receiving two signals.
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        stopping = threading.Event()

        def watch_worker() -> None:
            code = worker.wait()
            if not stopping.is_set():
                self.stderr.write(f"serve-demo: the worker exited unexpectedly (code {code})")

        threading.Thread(target=watch_worker, name="watch-worker", daemon=True).start()

        def stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
            # Unwind runserver like Ctrl-C does, so the finally block below runs.
            raise KeyboardInterrupt

        previous_sigterm = signal.signal(signal.SIGTERM, stop_on_sigterm)
        self.stdout.write(f"serve-demo: worker started (pid {worker.pid})")
        try:
            call_command(
                "runserver",
                f"{options['host']}:{options['port']}",
                use_reloader=False,
                skip_checks=False,
            )
        except KeyboardInterrupt:
            pass
        finally:
            stopping.set()
            signal.signal(signal.SIGTERM, previous_sigterm)
            self._stop_worker(worker)

    def _stop_worker(self, worker: subprocess.Popen[bytes]) -> None:
        if worker.poll() is None:
            worker.terminate()  # the worker finishes its current task and exits
            try:
                worker.wait(timeout=WORKER_STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        self.stdout.write("serve-demo: worker stopped")
