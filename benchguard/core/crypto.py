"""Field encryption and blind indexes for identity numbers and private details (A18).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256); several keys may be
configured so that old rows stay readable after a key rotation. Exact look-up of an
encrypted value (has this ID number been seen?) goes through a blind index: a keyed
HMAC-SHA256 of the normalised value, useless without the key.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(plaintext: str) -> str:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()
    except InvalidToken:
        # A row encrypted with a key that is no longer configured cannot be read: say that
        # plainly rather than surfacing the library's bare InvalidToken.
        raise ValueError("encrypted value cannot be decrypted with the configured keys") from None


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed hash of an already normalised value; `purpose` keeps indexes of different
    kinds of value apart (the same digits as a phone and as an ID number differ)."""
    key = hashlib.sha256(f"{settings.BLIND_INDEX_KEY}:{purpose}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text stored encrypted at rest; reads give the plaintext back.

    Encrypted columns cannot be filtered or ordered on; pair them with a blind index
    field where exact look-up is needed.
    """

    def from_db_value(self, value, expression, connection):  # type: ignore[no-untyped-def]
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):  # type: ignore[no-untyped-def]
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))
