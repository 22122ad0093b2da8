"""API tokens and the second factor: a token cannot answer a code, so when the second
factor is required, an account that needs it may call the API only with a token it
issued itself on the two-step page in a verified session (models.VerifiedToken). A token
made for it by `drf_create_token` is refused with 401 until it issues one that way.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from benchguard.signin.models import VerifiedToken
from benchguard.signin.second_factor import required_for


class SecondFactorTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if required_for(user) and not VerifiedToken.objects.filter(token=token).exists():
            raise AuthenticationFailed(
                _(
                    "This account signs in with a second factor: issue its API token on the "
                    "two-step sign-in page."
                )
            )
        return user, token
