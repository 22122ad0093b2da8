"""What directory sign-in granted, and which API tokens were issued after the second factor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectoryGrant(models.Model):
    """A role assignment made because the account's directory group is mapped to it
    (LDAP_GROUP_ROLES). Only these are taken back when the person leaves the group;
    roles the administrator assigned by hand are never touched by a directory sign-in."""

    assignment = models.OneToOneField(
        "organization.RoleAssignment",
        verbose_name=_("role assignment"),
        on_delete=models.CASCADE,
        related_name="directory_grant",
    )
    group_dn = models.CharField(_("directory group"), max_length=500)
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        ordering = ["assignment_id"]
        verbose_name = _("role from the directory")
        verbose_name_plural = _("roles from the directory")

    def __str__(self) -> str:
        return f"{self.assignment} ← {self.group_dn}"


class VerifiedToken(models.Model):
    """An API token its holder issued on the two-step sign-in page, signed in with the
    second factor. When the second factor is required, an account that needs it may use
    only such a token (signin.api); one made by `drf_create_token` is refused."""

    token = models.OneToOneField(
        "authtoken.Token", verbose_name=_("API token"), on_delete=models.CASCADE, related_name="verified"
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        ordering = ["account_id", "id"]
        verbose_name = _("API token issued after the second factor")
        verbose_name_plural = _("API tokens issued after the second factor")

    def __str__(self) -> str:
        return f"{self.account} · {self.issued_at:%Y-%m-%d}"
