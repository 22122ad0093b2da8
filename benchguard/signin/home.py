"""The home page's offer to set up two-step sign-in, for the accounts that should have
it and have not (with BENCHGUARD_OTP_REQUIRED off, as in the demo; when it is on they
cannot reach the home page before they have)."""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from benchguard.core import home
from benchguard.core.text import join_list
from benchguard.signin.second_factor import needs_second_factor, reasons


def _offer(user: Any) -> dict[str, Any]:
    return {
        "offer": not TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "reaches": join_list(reasons(user)),
    }


home.register(
    home.Panel(
        key="second_factor",
        template="signin/panels/second_factor.html",
        order=5,
        visible=needs_second_factor,
        shown_to=needs_second_factor,
        context=_offer,
    )
)
