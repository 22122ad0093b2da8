"""Request id for the audit trail, the language each user chose, and no copy of a
signed-in page in any cache."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from benchguard.core.context import request_id_scope

LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives each request an id (or keeps a well-formed X-Request-ID from the proxy),
    written on every audit line it causes and returned in the response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        with request_id_scope(incoming if _VALID_REQUEST_ID.match(incoming) else None) as rid:
            request.request_id = rid  # type: ignore[attr-defined]
            response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response


def language_for(request: HttpRequest) -> str:
    """Signed-in users get their own choice; others the cookie, else Simplified Chinese.

    The browser's Accept-Language is deliberately not consulted: court staff work in
    Chinese whatever language their browser was installed in.
    """
    available = {code for code, _name in settings.LANGUAGES}
    user = getattr(request, "user", None)
    try:
        if user is not None and user.is_authenticated and user.language in available:
            return user.language
    except DatabaseError:
        # The session could not be read (database down): /healthz must still answer.
        pass
    cookie = request.COOKIES.get(LANGUAGE_COOKIE, "")
    return cookie if cookie in available else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


R = TypeVar("R", bound=HttpResponseBase)


def forbid_storing(response: R) -> R:
    """`Cache-Control: private, no-store`: neither the browser (its back button, its disk
    cache on a shared court PC) nor a proxy keeps a copy of the response."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class NoStoreMiddleware:
    """Every response to a signed-in user is sent with `Cache-Control: private, no-store`.

    Nearly every page of BenchGuard shows something that must not linger in a cache:
    private details (A18), persons of concern and the controlled list (A15), visitors
    and holds at the gate (A12), incidents, matters and what judges asked for. Marking
    pages one by one would let the next page be forgotten, so the rule is by who asks.
    A response that set its own Cache-Control (the health check) keeps it; exports and
    evidence downloads set no-store themselves (core.exports, core.uploads). Static
    files are answered before this runs (WhiteNoise) and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if not response.has_header("Cache-Control") and user is not None and user.is_authenticated:
            forbid_storing(response)
        return response
