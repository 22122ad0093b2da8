"""Equipment benchmark (A10.2, issue 15): a 300 MB recording uploaded through the real
upload page, and the recordings list at city scale (results in docs/performance.md).

    python bench/equipment.py                 # SQLite in a temporary directory
    python bench/equipment.py --mb 300 --iterations 100

Builds a fresh database and runs `seed-scale` (20 courts, 3,000 people, 6,000 scale
recordings), then, signed in as a judicial police officer of the intermediate court:

1. writes a multipart request body to disk — the form's fields and a `--mb` MB MP4 —
   and sends it through Django's full request handler (every middleware, the CSRF
   check aside as in the test client) with the body *streamed* from that file as
   `wsgi.input`, exactly as a WSGI server hands it over. Django's parser spools the
   file to a temporary file (FILE_UPLOAD_MAX_MEMORY_SIZE), the service types it by
   its head, hashes it in chunks and moves it into storage. Measured: wall time, and
   the process's memory: the peak resident set before and after (`ru_maxrss`), and, in
   a second upload, the peak of Python's own allocations during the request
   (`tracemalloc`). Issue 15's bound: the process grows by no more than a few MB.
2. GETs the recordings list (`/equipment/recordings/`, the first page of 50 over the
   court's recordings) `--iterations` times: p50, p95 and the query count.

Nothing is contacted except the database. Figures are reported, not asserted.
"""

from __future__ import annotations

import hashlib
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import benchmark_database, city_arguments, measure, seed_city

BOUNDARY = "benchguardEquipmentBenchBoundary"
CHUNK = 1024 * 1024


def _rss_mb() -> float:
    """The process's peak resident set so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_body(path: Path, *, mb: int, person_pk: int) -> tuple[int, str]:
    """A multipart body of the upload form with an `mb` MB MP4, written in chunks; its
    length and the SHA-256 of the file part."""
    from benchguard.equipment.samples import MP4_HEAD

    fields = {
        "kind": "field_enforcement",
        "title": "基准测试：外出执行全程录像",
        "recorded_at": "2026-01-05T10:30",
        "person": str(person_pk),
    }
    digest = hashlib.sha256()
    with path.open("wb") as body:
        for name, value in fields.items():
            body.write(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        body.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="DSJ_BENCH.mp4"\r\n'
            "Content-Type: video/mp4\r\n\r\n".encode()
        )
        remaining = mb * 1024 * 1024
        first = MP4_HEAD + b"\x00" * (CHUNK - len(MP4_HEAD))
        block = bytes(range(256)) * (CHUNK // 256)
        chunk = first
        while remaining > 0:
            part = chunk[: min(len(chunk), remaining)]
            body.write(part)
            digest.update(part)
            remaining -= len(part)
            chunk = block
        body.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return path.stat().st_size, digest.hexdigest()


def upload(body_path: Path, length: int, cookie: str) -> Any:
    """POST the body on disk through Django's request handler, streamed."""
    from django.test.client import ClientHandler

    handler = ClientHandler(enforce_csrf_checks=False)
    with body_path.open("rb") as stream:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/equipment/recordings/upload/",
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "testserver",
            "HTTP_COOKIE": cookie,
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": str(length),
            "wsgi.input": stream,
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.version": (1, 0),
        }
        return handler(environ)


def main(argv: list[str] | None = None) -> None:
    parser = city_arguments(__doc__.split("\n\n")[0], iterations=100)
    parser.add_argument("--mb", type=int, default=300, help="size of the uploaded recording")
    args = parser.parse_args(argv)
    os.environ["RECORDING_ATTACHMENT_MAX_MB"] = str(max(args.mb + 10, 500))
    os.environ.setdefault("BENCHGUARD_SCALE_PERSONS_OF_CONCERN", "0")
    with benchmark_database(args.database_url):
        from django.conf import settings
        from django.test import Client

        from benchguard.equipment.models import Recording
        from benchguard.organization import services as org
        from benchguard.organization.choices import Role
        from benchguard.organization.models import Court, Person

        seed_seconds, _cpu = seed_city(analyze=not args.no_analyze)
        court = Court.objects.get(division_code="370200")
        officer = org.create_account(
            actor=None, username="bench_police", display_name="基准法警", password=None
        )
        org.assign_role(actor=None, account=officer, role=Role.JUDICIAL_POLICE, court=court)
        person = Person.objects.filter(court=court, is_active=True).order_by("pk").first()
        assert person is not None
        client = Client()
        client.force_login(officer)
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        print(f"seeded in {seed_seconds:.1f} s; {Recording.objects.count()} recordings", flush=True)

        body_path = Path(settings.MEDIA_ROOT).parent / "upload-body.bin"
        length, sha = write_body(body_path, mb=args.mb, person_pk=person.pk)
        client.get("/equipment/recordings/")  # warm the URL conf, templates and caches
        rss_before = _rss_mb()
        started = time.perf_counter()
        response = upload(body_path, length, cookie)
        seconds = time.perf_counter() - started
        rss_after = _rss_mb()
        assert response.status_code == 302, response.content[:2000]
        kept = Recording.objects.order_by("-pk").first()
        assert kept is not None and kept.sha256 == sha and kept.size == args.mb * 1024 * 1024
        print(f"upload: {seconds:.2f} s; peak RSS {rss_before:.1f} -> {rss_after:.1f} MB", flush=True)
        tracemalloc.start()
        response = upload(body_path, length, cookie)
        _current, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert response.status_code == 302
        print(f"tracemalloc peak during the second upload: {traced_peak / 1024 / 1024:.2f} MB", flush=True)

        row = measure(
            client,
            "/equipment/recordings/",
            args.iterations,
            label="recordings",
            user="bench_police",
            kind="list",
        )
        assert row.status == 200
        court_rows = Recording.objects.filter(court=court).count()
        print()
        print("| measure | value |")
        print("| --- | ---: |")
        print(
            f"| upload of {args.mb} MB through the page: wall time | "
            f"{seconds:.2f} s ({args.mb / seconds:.0f} MB/s) |"
        )
        print(f"| peak resident set before → after the upload | {rss_before:.1f} → {rss_after:.1f} MB |")
        print(f"| growth of the peak resident set | {rss_after - rss_before:.1f} MB |")
        print(
            "| peak of Python allocations during a second upload (tracemalloc) | "
            f"{traced_peak / 1024 / 1024:.2f} MB |"
        )
        print(
            f"| recordings list, first page of {court_rows} ({Recording.objects.count()} in the city): "
            f"p50 / p95 | {row.p50:.1f} / {row.p95:.1f} ms |"
        )
        print(f"| recordings list: queries | {row.queries} |")
        print(
            "| recordings list: its own SQL replayed alone (floor), p50 · ratio | "
            f"{row.floor_p50:.1f} ms · {row.ratio:.1f}× |"
        )
        body_path.unlink()


if __name__ == "__main__":
    main()
