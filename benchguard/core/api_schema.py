"""The API's published schema says what the API returns (drf-spectacular).

`AutoSchema` (settings: REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]) adds to every operation
what the generic generator leaves out:

- **Error answers.** 401 (not signed in) and 403 (not permitted) everywhere; 404 where
  a record is named in the path, or a list is paginated (a page past the end); 400 for
  every call that takes a body or query parameters (validation, refusals by the
  service, next to their fields); 409 for calls that carry the `version` the caller
  loaded (a stale edit). Their bodies: `{"detail": "…"}` from the framework, or our
  services' messages `{"detail": ["…"]}` / `{"field": ["…"]}`.
- **Empty and missing values.** A read-only field built from a model field with choices
  and `blank=True` may be "" (a matter without a response yet), and one built from a
  `null=True` field (a handler not assigned yet, a date not reached) may be null. The
  framework drops `allow_blank` on read-only fields, and `StringRelatedField` does not
  know its relation may be empty; the schema is told from the model field.

Responses an endpoint declares itself (`@extend_schema(responses={…})`) win.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

_MESSAGES = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
DETAIL_ERROR: dict[str, Any] = {
    "type": "object",
    "properties": {"detail": _MESSAGES},
    "required": ["detail"],
    "description": "The reason, in the caller's language.",
}
FIELD_ERRORS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {"oneOf": [*_MESSAGES["oneOf"], {"type": "object"}]},
    "description": (
        "Messages by field (`detail` or `non_field_errors` for the request as a whole), "
        "in the caller's language; nothing was changed."
    ),
}
ERRORS: dict[str, tuple[str, dict[str, Any]]] = {
    "400": ("The request was refused: see the messages.", FIELD_ERRORS),
    "401": ("Not signed in (send `Authorization: Token …`).", DETAIL_ERROR),
    "403": ("Signed in, but not permitted.", DETAIL_ERROR),
    "404": ("Not found, or not visible to the caller.", DETAIL_ERROR),
    "409": ("Stale edit: the record changed since `version` was loaded; reload it.", DETAIL_ERROR),
    "409-once": (
        "A request with this `Idempotency-Key` is still being processed; try again shortly.",
        DETAIL_ERROR,
    ),
    "422": ("This `Idempotency-Key` was already used for a different request.", DETAIL_ERROR),
}
IDEMPOTENCY_KEY = OpenApiParameter(
    name="Idempotency-Key",
    location=OpenApiParameter.HEADER,
    required=False,
    type=str,
    description=(
        "8 to 128 of `A-Z a-z 0-9 . _ : -`. The same key, path and body sent again by the "
        "same account is not run again: the first answer comes back, with the header "
        "`Idempotent-Replayed: true`. Keys are kept for seven days."
    ),
)


class AutoSchema(openapi.AutoSchema):
    def _error_codes(self) -> list[str]:
        codes = ["401", "403"]
        has_path_parameter = "{" in self.path
        if has_path_parameter or (self.method == "GET" and self._is_list_view() and self._get_paginator()):
            codes.append("404")
        takes_body = self.method in {"POST", "PUT", "PATCH"}
        if takes_body or self.get_filter_backends() or self._query_parameters():
            codes.append("400")
        if takes_body and "version" in self._request_fields():
            codes.append("409")
        if self.method == "POST":  # core.middleware.OnceMiddleware: the Idempotency-Key
            codes += ["409-once", "422"]
        return codes

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if self.method == "POST":
            parameters.append(IDEMPOTENCY_KEY)
        return parameters

    def _query_parameters(self) -> bool:
        return any(
            getattr(parameter, "location", None) == "query" or openapi.is_serializer(parameter)
            for parameter in self.get_override_parameters()
        )

    def _request_fields(self) -> set[str]:
        request = self.get_request_serializer()
        if not openapi.is_serializer(request):
            return set()
        return set(openapi.force_instance(request).fields)

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = super()._get_response_bodies(direction)
        for key in self._error_codes():
            code = key.split("-")[0]
            if code in responses:
                if key == "409-once":
                    responses[code]["description"] += " Or: " + ERRORS[key][0]
                continue
            description, schema = ERRORS[key]
            responses[code] = {
                "description": description,
                "content": {"application/json": {"schema": schema}},
            }
        return responses

    def _map_serializer_field(self, field: Any, direction: Any, bypass_extensions: bool = False) -> Any:
        model_field = _model_field(field)
        if model_field is not None and field.read_only:
            if model_field.null and not field.allow_null:
                field.allow_null = True
            if isinstance(field, serializers.ChoiceField) and model_field.blank and not field.allow_blank:
                field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)


def _model_field(field: Any) -> models.Field | None:
    """The model field a serializer field reads, when it reads one directly."""
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    attrs = getattr(field, "source_attrs", None)
    if model is None or not attrs or len(attrs) != 1:
        return None
    try:
        found = model._meta.get_field(attrs[0])
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None
