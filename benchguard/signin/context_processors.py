"""`second_factor_pending` for base.html: signed in with the password but not yet with
the code, so the page shows no menu of what the person cannot open yet."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from benchguard.signin.second_factor import HAS_DEVICE_SESSION_KEY, required_for


def second_factor(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(user, "is_verified") or user.is_verified():
        return {"second_factor_pending": False}
    pending = bool(request.session.get(HAS_DEVICE_SESSION_KEY)) or required_for(user)
    return {"second_factor_pending": pending}
