"""Every change to second-factor devices, recovery codes and API tokens (audited).

Devices are django-otp's: one TOTP device ("authenticator") per account and one static
device ("recovery") holding the unused recovery codes. A recovery code is deleted when
it is used (django-otp), so each works once.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from benchguard.core import audit
from benchguard.signin.models import VerifiedToken
from benchguard.signin.permissions import can_reset_second_factor

RECOVERY_CODES = 10
AUTHENTICATOR = "authenticator"
RECOVERY = "recovery"


def start_enrolment(*, actor: Any) -> TOTPDevice:
    """The account's authenticator waiting for its first code (made once, kept until
    confirmed; enrolling again after a reset starts a new one)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=actor, confirmed=False, name=AUTHENTICATOR).first()
        if device is None:
            device = TOTPDevice.objects.create(user=actor, name=AUTHENTICATOR, confirmed=False)
    return device


def _new_recovery_codes(account: Any) -> list[str]:
    StaticDevice.objects.filter(user=account).delete()
    device = StaticDevice.objects.create(user=account, name=RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_enrolment(*, actor: Any, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; returns the new recovery codes
    (to be shown once), or None when the code is wrong."""
    if device.user_id != actor.pk or device.confirmed:
        raise PermissionDenied
    with transaction.atomic():
        if not device.verify_token(code.strip()):
            return None
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(actor)
        audit.record_event(actor=actor, action="signin.second_factor.enrol", obj=actor)
    return codes


def regenerate_recovery_codes(*, actor: Any, verified: bool) -> list[str]:
    """New recovery codes for an enrolled account, in a session verified with the second
    factor (the password alone must not produce codes); the old ones stop working."""
    if not verified or not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise PermissionDenied
    with transaction.atomic():
        codes = _new_recovery_codes(actor)
        audit.record_event(actor=actor, action="signin.second_factor.new_recovery_codes", obj=actor)
    return codes


def verify_code(*, actor: Any, code: str) -> Any | None:
    """The confirmed device that accepts `code` (a recovery code is used up), or None.
    Each device's own throttle applies (a wrong code makes the next wait longer)."""
    code = code.strip().replace(" ", "")
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(actor, confirmed=True, for_verify=True):
            if device.verify_token(code):
                kind = "recovery_code" if isinstance(device, StaticDevice) else "authenticator"
                remaining = device.token_set.count() if isinstance(device, StaticDevice) else None
                audit.record_event(
                    actor=actor,
                    action="signin.second_factor.verify",
                    obj=actor,
                    kind=kind,
                    remaining=remaining,
                )
                return device
    return None


def reset_second_factor(*, actor: Any, account: Any, reason: str) -> int:
    """The administrator's reset (a lost phone): every device, recovery code and
    second-factor API token of the account goes; it enrols again at its next sign-in.
    Returns how many devices were removed."""
    if not can_reset_second_factor(actor, account):
        raise PermissionDenied
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=account).delete()[1].get("otp_totp.TOTPDevice", 0)
        removed += StaticDevice.objects.filter(user=account).delete()[1].get("otp_static.StaticDevice", 0)
        Token.objects.filter(user=account).delete()
        audit.record_event(
            actor=actor,
            action="signin.second_factor.reset",
            obj=account,
            removed=removed,
            reason=reason[:200],
        )
    return removed


def issue_api_token(*, actor: Any, verified: bool) -> Token:
    """A new API token for the account, issued in a session verified with the second
    factor; the account's previous token stops working."""
    if not verified:
        raise PermissionDenied
    with transaction.atomic():
        Token.objects.filter(user=actor).delete()
        token = Token.objects.create(user=actor)
        VerifiedToken.objects.create(token=token, account=actor)
        audit.record_event(actor=actor, action="signin.api_token.issue", obj=actor)
    return token
