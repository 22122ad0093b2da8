"""Request id for the audit trail, the language each user chose, one-time submission,
and no copy of a signed-in page in any cache."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from benchguard.core import once
from benchguard.core.choices import OnceKind
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
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class OnceMiddleware:
    """One-time submission (issue 9): a POST carrying a form token (`_once`) or, on the
    API, an `Idempotency-Key` header runs its view at most once per user and key; a
    repeat gets the first one's result. The rules are in `core.once`.

    Listed after CSRF, authentication and messages: the claim is made in `process_view`,
    so a request the CSRF check refuses claims nothing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        row = getattr(request, "_once_claim", None)
        if row is not None:
            once.finish(row, request, response)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponseBase | None:
        if request.method != "POST":
            return None
        view_class = getattr(view_func, "cls", None)
        if isinstance(view_class, type) and issubclass(view_class, APIView):
            return self._api(request)
        return self._form(request)

    def _claim(self, request: HttpRequest, *, account: Any, kind: str, key: str, print_: str = "") -> Any:
        """None when the key is ours now (kept on the request for `finish`); else the
        first request's row: done, still pending after the wait, or (API) for another
        request."""
        rid = getattr(request, "request_id", "")

        def claim() -> tuple[Any, bool]:
            return once.claim(
                account=account, kind=kind, key=key, path=request.path, request_id=rid, fingerprint=print_
            )

        row, ours = claim()
        if not ours and kind == OnceKind.FORM and row.path != request.path:
            # Another form's token (a page changed under a token the browser put back):
            # not a repeat of this form, so it runs as a form without a token would.
            return None
        if not ours and not (print_ and row.fingerprint != print_):
            row = once.wait_for(row, seconds=settings.ONCE_WAIT_SECONDS)
            if row is None:  # the first request changed nothing and let the key go
                row, ours = claim()
            elif once.is_abandoned(row):
                taken = once.take_over(row, rid)
                if taken is not None:
                    row, ours = taken, True
                else:
                    row, ours = claim()
        if ours:
            request._once_claim = row  # type: ignore[attr-defined]
            return None
        return row

    def _form(self, request: HttpRequest) -> HttpResponseBase | None:
        form_types = ("application/x-www-form-urlencoded", "multipart/form-data")
        if not (request.content_type or "").startswith(form_types):
            return None
        key = request.POST.get(once.FIELD, "")
        user = getattr(request, "user", None)
        if not key or not once.is_valid_key(key) or user is None or not user.is_authenticated:
            return None
        row = self._claim(request, account=user, kind=OnceKind.FORM, key=key)
        if row is None:
            return None
        if row.finished_at is None:
            return render(request, "core/once_pending.html", status=409)
        messages.info(request, _("This was already submitted; here is the result of the first submission."))
        return redirect(row.location or reverse("home"))

    def _api(self, request: HttpRequest) -> HttpResponseBase | None:
        key = request.headers.get(once.API_HEADER)
        if key is None:
            return None
        if not once.is_valid_key(key):
            return JsonResponse(
                {
                    "detail": _(
                        "The Idempotency-Key header must be 8 to 128 letters, digits or the signs . _ : -"
                    )
                },
                status=400,
            )
        user = _api_user(request)
        if user is None:
            return None  # the view answers 401 or 403 itself
        row = self._claim(request, account=user, kind=OnceKind.API, key=key, print_=once.fingerprint(request))
        if row is None:
            return None
        if row.fingerprint != once.fingerprint(request):
            return JsonResponse(
                {"detail": _("This Idempotency-Key was already used for a different request.")}, status=422
            )
        if row.finished_at is None:
            return JsonResponse(
                {
                    "detail": _(
                        "A request with this Idempotency-Key is still being processed; try again shortly."
                    )
                },
                status=409,
            )
        replay = HttpResponse(
            row.response_body, status=row.response_status or 200, content_type=row.response_type or None
        )
        replay[once.REPLAYED_HEADER] = "true"
        return replay


def _api_user(request: HttpRequest) -> Any:
    """The account an API call is made by, found the way DRF will find it (token, then
    session with its CSRF check); None when it is not signed in."""
    classes: list[Any] = list(api_settings.DEFAULT_AUTHENTICATION_CLASSES)  # imported classes, not names
    drf_request = Request(request, authenticators=[auth() for auth in classes])
    try:
        user = drf_request.user
    except APIException:
        return None
    return user if user is not None and user.is_authenticated else None


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
