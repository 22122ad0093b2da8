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
from typing import Any

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


def blind_index(value: str, *, purpose: str, key: str | None = None) -> str:
    """Keyed hash of an already normalised value; `purpose` keeps indexes of different
    kinds of value apart (the same digits as a phone and as an ID number differ).
    `key` defaults to BLIND_INDEX_KEY (a key rotation passes the previous one)."""
    derived = hashlib.sha256(f"{key or settings.BLIND_INDEX_KEY}:{purpose}".encode()).digest()
    return hmac.new(derived, value.encode(), hashlib.sha256).hexdigest()


def blind_index_candidates(value: str, *, purpose: str) -> list[str]:
    """The index values a look-up must try: under BLIND_INDEX_KEY, and while a key
    rotation runs (BLIND_INDEX_KEY_PREVIOUS set) under the previous key too, for the
    rows `rotate-keys` has not reached yet."""
    found = [blind_index(value, purpose=purpose)]
    if settings.BLIND_INDEX_KEY_PREVIOUS:
        found.append(blind_index(value, purpose=purpose, key=settings.BLIND_INDEX_KEY_PREVIOUS))
    return found


class _Attributes(dict[str, Any]):
    """`str.format_map` reading a row's attributes: "{visit.document_kind}"."""

    def __init__(self, obj: models.Model) -> None:
        super().__init__()
        self._obj = obj

    def __missing__(self, name: str) -> Any:
        return getattr(self._obj, name)


def resolve(obj: models.Model, path: str) -> Any:
    """The value at a dotted attribute path of a row ("visit.document_number")."""
    value: Any = obj
    for part in path.split("."):
        value = getattr(value, part)
    return value


class BlindIndexField(models.CharField):
    """The blind index of an encrypted field, declared with where it comes from so a key
    rotation can recompute it: `source` is the encrypted value's attribute path on the
    row, `purpose` a format string over the row's attributes ("gate-document-{document_kind}").
    An empty source gives an empty index. In the database it is a plain CharField."""

    def __init__(self, *args: Any, source: str = "", purpose: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        self.source = source
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        # Migrations see the CharField it is: moving a field to this class changes nothing.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def clone(self) -> BlindIndexField:
        _name, _path, args, kwargs = super().deconstruct()
        return self.__class__(*args, source=self.source, purpose=self.purpose, **kwargs)

    def index_for(self, obj: models.Model, *, key: str | None = None) -> str:
        """The index this row's source value should have, under `key` (default: current)."""
        value = resolve(obj, self.source)
        if not value:
            return ""
        return blind_index(str(value), purpose=self.purpose.format_map(_Attributes(obj)), key=key)


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
