"""Log lines carry the request id the audit trail carries; JSON in production (issue 16)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils.module_loading import import_string

from benchguard.core.context import request_id_scope
from benchguard.core.logs import AccessLogFilter, RequestIdFilter, gunicorn_logconfig, logging_config
from benchguard.core.models import AuditEntry


def handler_as_configured(log_format: str) -> tuple[logging.Handler, io.StringIO]:
    """A handler built from the settings' own LOGGING entries, writing to a buffer."""
    config = logging_config(log_format, "INFO")
    formatter_config = dict(config["formatters"][log_format])
    factory = formatter_config.pop("()", None)
    formatter = (
        import_string(factory)(**formatter_config)
        if factory
        else logging.Formatter(formatter_config["format"])
    )
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    return handler, stream


@pytest.fixture
def json_log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    handler, stream = handler_as_configured("json")
    logger = logging.getLogger("benchguard.tests.logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield logger, stream
    logger.removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_json_line_carries_the_current_request_id(json_log: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = json_log
    with request_id_scope("req-0123456789"):
        logger.info("闸机登记 %s", "done")
    logger.warning("outside any request")

    first, second = lines(stream)
    assert first["request_id"] == "req-0123456789"
    assert first["message"] == "闸机登记 done"  # Chinese stays readable
    assert first["level"] == "INFO"
    assert first["logger"] == "benchguard.tests.logs"
    assert first["time"].endswith("+00:00")  # ISO 8601, UTC
    assert second["request_id"] == "-"


def test_the_plain_format_shows_the_request_id_in_brackets() -> None:
    handler, stream = handler_as_configured("plain")
    record = logging.makeLogRecord({"name": "x", "levelname": "INFO", "levelno": 20, "msg": "hello"})
    with request_id_scope("req-abcdefgh"):
        handler.handle(record)
    assert stream.getvalue().strip().endswith("INFO x [req-abcdefgh] hello")


@pytest.mark.django_db
def test_a_request_logs_and_audits_under_the_same_id(client: Client, persona: Any) -> None:
    """A refused request writes a django.request log line; the id in it is the one in
    the response header, the id the audit trail records for that request."""
    handler, stream = handler_as_configured("json")
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        client.force_login(persona("office"))
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-fromproxy-42")
    finally:
        logger.removeHandler(handler)

    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-fromproxy-42"
    (line,) = [line for line in lines(stream) if "no-such-page" in line["message"]]
    assert line["request_id"] == "req-fromproxy-42"
    assert line["level"] == "WARNING"


@pytest.mark.django_db
def test_an_https_redirect_carries_a_request_id(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/", HTTP_X_REQUEST_ID="req-redirected-1")

    assert response.status_code == 301
    assert response["X-Request-ID"] == "req-redirected-1"


def test_gunicorn_access_lines_take_the_id_from_the_response_header() -> None:
    record = logging.makeLogRecord(
        {
            "name": "gunicorn.access",
            "msg": "%(h)s %(s)s",
            # gunicorn passes its atoms as the one mapping argument.
            "args": {
                "h": "10.0.0.7",
                "m": "GET",
                "U": "/readyz",
                "s": "503",
                "M": 4,
                "{x-request-id}o": "r-1",
            },
        }
    )
    assert AccessLogFilter().filter(record)

    fields = vars(record)
    assert fields["request_id"] == "r-1"
    assert (fields["method"], fields["path"], fields["status"], fields["duration_ms"]) == (
        "GET",
        "/readyz",
        "503",
        4,
    )
    assert fields["remote_addr"] == "10.0.0.7"
    assert fields["user_agent"] == "-"  # absent atoms are "-", like gunicorn's own


def test_gunicorn_logconfig_writes_access_lines_to_a_file_or_nowhere(tmp_path: Any) -> None:
    to_file = gunicorn_logconfig("json", "INFO", access_log=str(tmp_path / "access.log"))
    assert to_file["handlers"]["access"]["class"] == "logging.handlers.WatchedFileHandler"
    assert to_file["loggers"]["gunicorn.access"]["handlers"] == ["access"]
    off = gunicorn_logconfig("json", "INFO", access_log=None)
    assert "access" not in off["handlers"]
    assert off["loggers"]["gunicorn.access"]["handlers"] == []


@pytest.mark.django_db
def test_a_worker_task_logs_and_audits_under_the_task_id(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.management import call_command

    from benchguard.core import jobs
    from benchguard.core.tests.test_worker import DATABASE_TASKS, record_worker_test_event

    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(jobs, "_registry", {})
    monkeypatch.setattr(jobs, "_discovered", True)
    result = record_worker_test_event.enqueue("with-id")
    call_command("worker", "--once", verbosity=0)

    entry = AuditEntry.objects.get(action="core.tests.worker_ran", data__marker="with-id")
    assert entry.request_id == f"task-{result.id}"
