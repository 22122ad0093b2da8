"""Who may open the two-step sign-in pages (the permission matrix). The matrix signs in
without a second factor and with BENCHGUARD_OTP_REQUIRED off, as the test settings are."""

from __future__ import annotations

from typing import Any

from benchguard.organization.models import Account
from tests.matrix import ANON, LOGIN, Expect


def judge_account() -> dict[str, Any]:
    return {"pk": Account.objects.get(username="judge").pk}


ADMINS = {"admin": 200, "cityadmin": 200}

EXPECTED: dict[str, Expect] = {
    "signin:overview": Expect(200, {ANON: LOGIN}),
    "signin:enrol": Expect(200, {ANON: LOGIN}),
    # No device yet: verifying sends one to enrol; no codes to show: back to the overview.
    "signin:verify": Expect(302),
    "signin:codes": Expect(302),
    "signin:new_recovery_codes": Expect(405),
    "signin:api_token": Expect(405),
    "signin:accounts": Expect(403, {ANON: LOGIN, **ADMINS}),
    "signin:reset": Expect(403, {ANON: LOGIN, **ADMINS}, judge_account),
}
