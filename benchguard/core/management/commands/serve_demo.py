"""`benchguard serve-demo`: the demo on one terminal — the background worker as a child
process and Django's development server in the foreground.

When the server stops (Ctrl-C, SIGTERM, or an error) the worker is stopped too, so
`make demo` leaves nothing running. On Linux the child is also told by the kernel to
stop if this process dies without a chance to clean up (PR_SET_PDEATHSIG).
Not for production: a court's server runs `benchguard worker` and a WSGI server as
separate services.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

WORKER_STOP_TIMEOUT_SECONDS = 15


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
            "--worker-interval",
            default="2",
            help="Seconds the worker waits when its queue is empty (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and command, no shell
            [
                sys.executable,
                "-m",
                "benchguard",
                "worker",
                "--interval",
                options["worker_interval"],
            ],
            env=os.environ.copy(),
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
