"""Types shared by every layer."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

# Who acts in a service: the signed-in account (as `request.user` gives it), or None
# when the system acts on its own (a scheduled job, a data migration, the demo loader).
# Services check what the account may do; an anonymous user holds no role and may do
# nothing that needs one.
Actor: TypeAlias = "AbstractBaseUser | AnonymousUser | None"
