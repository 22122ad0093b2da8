"""The second step of signing in: a signed-in account that must use a second factor
(second_factor.required_for) or has enrolled one reaches nothing but the enrol and verify
pages, sign-out and the language switch until it has verified a code in this session. Pages
answer with a redirect to verify (or to enrol, with no device yet); the API (session
sign-in) answers 403. API tokens are checked by signin.api.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from benchguard.signin.second_factor import HAS_DEVICE_SESSION_KEY, required_for

OPEN_URL_NAMES = {"signin:enrol", "signin:verify", "logout", "set_language"}


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return None
        has_device = bool(request.session.get(HAS_DEVICE_SESSION_KEY))
        if not has_device and not required_for(user):
            return None
        path = request.path_info
        # Only the two steps themselves: not the overview, the recovery codes, the token
        # or the administrator's reset, which would let the password alone reach them.
        if path.startswith((settings.STATIC_URL, reverse("healthz"))) or path in {
            reverse(name) for name in OPEN_URL_NAMES
        }:
            return None
        if path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Verify your second factor on the sign-in page before using the API.")},
                status=403,
            )
        target = reverse("signin:verify" if has_device else "signin:enrol")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
