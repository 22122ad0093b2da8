"""Request id for the audit trail, and the language each user chose."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

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
