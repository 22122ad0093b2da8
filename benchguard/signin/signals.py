"""At sign-in, note in the session whether the account has a confirmed device, so the
middleware asks for a code without reading the devices on every request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import user_has_device

from benchguard.signin.second_factor import HAS_DEVICE_SESSION_KEY


@receiver(user_logged_in)
def _note_device(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE_SESSION_KEY] = user_has_device(user, confirmed=True)
