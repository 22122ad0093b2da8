"""How the API answers a service's refusal (REST_FRAMEWORK["EXCEPTION_HANDLER"]).

Viewsets call services and let their refusals rise: a stale edit answers 409 Conflict,
any other ValidationError 400 with the messages by field (`non_field_errors` for the
rest), a PermissionDenied 403 — the same words the pages show, in the caller's language.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from benchguard.core.services import StaleEditError


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as the API's error body: messages by field."""
    if not hasattr(exc, "error_dict"):
        return {"detail": exc.messages}
    return {
        ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
        for field, messages in exc.message_dict.items()
    }


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, StaleEditError):
        return Response({"detail": exc.messages}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ValidationError):
        return Response(field_errors(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = NotFound()
    return drf_exception_handler(exc, context)
