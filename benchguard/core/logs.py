"""Log lines that an on-call engineer can tie to the audit trail.

Every line carries `request_id`: the id `RequestIdMiddleware` gives each request (and
writes on each audit line it causes), or the id a worker gives each task it runs. In
production the lines are JSON objects, one a line (python-json-logger), for the court's
log collector; elsewhere plain text with the id in brackets.

gunicorn's own logs use the same formatters (`gunicorn_logconfig`, read by
deploy/gunicorn.conf.py); its access lines take the id from the response's X-Request-ID
header, since the request's scope has ended when gunicorn writes them.

Imported by the settings and by gunicorn's config before Django is set up: nothing here
may touch Django's settings.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from benchguard.core.context import current_request_id

NO_REQUEST = "-"
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(levelname)s %(name)s %(request_id)s %(message)s"
JSON_RENAMED = {"levelname": "level", "name": "logger"}


class RequestIdFilter(logging.Filter):
    """Stamps each record with the current request (or task) id; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            # Django logs a 4xx answer after the middleware's scope ended, with the request
            # attached to the record: its id was kept on it.
            request = getattr(record, "request", None)
            record.request_id = current_request_id() or getattr(request, "request_id", "") or NO_REQUEST
        return True


# gunicorn's access atoms (`{name}o` is a response header) copied into JSON fields.
_ACCESS_ATOMS = {
    "request_id": "{x-request-id}o",
    "remote_addr": "h",
    "method": "m",
    "path": "U",
    "status": "s",
    "bytes": "B",
    "duration_ms": "M",
    "user_agent": "a",
}


class AccessLogFilter(logging.Filter):
    """For gunicorn.access: the request id from the X-Request-ID response header, and
    the request's method, path, status and duration as fields of their own."""

    def filter(self, record: logging.LogRecord) -> bool:
        atoms = record.args
        if isinstance(atoms, Mapping):
            for field, atom in _ACCESS_ATOMS.items():
                # gunicorn stores header atoms under their lower-case names.
                setattr(record, field, atoms.get(atom, NO_REQUEST))
        if not getattr(record, "request_id", None):
            record.request_id = NO_REQUEST
        return True


def _formatters() -> dict[str, dict[str, Any]]:
    return {
        "plain": {"format": PLAIN_FORMAT},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": JSON_RENAMED,
            "timestamp": "time",  # ISO 8601 in UTC, whatever the court's time zone
            "json_ensure_ascii": False,  # court names and messages stay readable Chinese
        },
    }


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """Django's LOGGING: everything to standard error (journald or the container log)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "benchguard.core.logs.RequestIdFilter"}},
        "formatters": _formatters(),
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"axes": {"level": "WARNING"}},
    }


def gunicorn_logconfig(log_format: str, level: str, *, access_log: str | None) -> dict[str, Any]:
    """gunicorn's `logconfig_dict`: its error log and access log in the same format.

    `access_log` is "-" for standard output, a file path (reopened when logrotate moves
    it), or None for no access log.
    """
    access_handler: dict[str, Any] = (
        {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}
        if access_log == "-"
        else {"class": "logging.handlers.WatchedFileHandler", "filename": access_log}
    )
    handlers: dict[str, dict[str, Any]] = {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": log_format,
            "filters": ["request_id"],
            "stream": "ext://sys.stderr",
        },
    }
    if access_log is not None:
        handlers["access"] = {**access_handler, "formatter": log_format, "filters": ["access"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "benchguard.core.logs.RequestIdFilter"},
            "access": {"()": "benchguard.core.logs.AccessLogFilter"},
        },
        "formatters": _formatters(),
        "handlers": handlers,
        "root": {"level": level, "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {
                "level": "INFO",
                "handlers": ["access"] if access_log is not None else [],
                "propagate": False,
            },
        },
    }
