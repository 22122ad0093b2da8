"""Directory sign-in: django-auth-ldap checks the password against the court's directory
(config/ldap.py reads the server and searches from the environment), then this module
decides which account that is and which roles the directory may give it.

- The account is the one with the directory's user name. A first sign-in creates it
  with no role, no person and no local password (LDAP_CREATE_ACCOUNTS=0 turns that off:
  the administrator creates accounts first). Linking it to its person record stays the
  administrator's act (directory → person → link account), as for any account.
- An account that has a local password is a local account: the directory never signs it
  in, so a directory entry with the same name cannot take it over.
- Roles come from the directory only through the administrator's rules
  (LDAP_GROUP_ROLES: group → court and role). At each sign-in the account gets the
  roles of the groups it is in, and loses the roles a rule gave it earlier for a group
  it has left; roles assigned by hand are never touched. A user in no mapped group
  gets no role.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django_auth_ldap.backend import LDAPBackend

from benchguard.core import audit
from benchguard.organization import services as organization
from benchguard.organization.backends import AccountBackend
from benchguard.organization.models import Account, Court, Department, RoleAssignment
from benchguard.signin.models import DirectoryGrant
from benchguard.signin.rules import GroupRole

logger = logging.getLogger(__name__)


class DirectoryBackend(LDAPBackend):
    def get_or_build_user(self, username: str, ldap_user: Any) -> tuple[Any, bool]:
        user, built = super().get_or_build_user(username, ldap_user)
        if not built and user.has_usable_password():
            raise ldap_user.AuthenticationFailed("a local account: signs in with its own password")
        ldap_user.benchguard_built = built
        return user, built

    def authenticate_ldap_user(self, ldap_user: Any, password: str) -> Any:
        user = super().authenticate_ldap_user(ldap_user, password)
        if user is None:
            return None
        if getattr(ldap_user, "benchguard_built", False):
            audit.record_event(
                actor=None, action="signin.directory.account_created", obj=user, dn=ldap_user.dn
            )
        rules = settings.BENCHGUARD_LDAP_GROUP_ROLES
        if rules:
            sync_directory_roles(account=user, group_dns=set(ldap_user.group_dns), rules=rules)
        return user

    def get_user(self, user_id: Any) -> Any:
        # The account with its grants in one query, as for a local sign-in.
        return AccountBackend().get_user(user_id)

    def get_all_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return set()  # rights are role assignments, never the directory's groups

    def get_group_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return set()


def sync_directory_roles(*, account: Account, group_dns: set[str], rules: list[GroupRole]) -> None:
    """Give the roles of the mapped groups the account is in; take back those a rule
    gave for a group it has left (see the module's docstring). Audited by
    organization's assign_role / revoke_role with no actor (the administrator's rule
    acts, not the person), and as one `signin.directory.roles` event naming the groups."""
    group_dns = {dn.lower() for dn in group_dns}
    wanted: dict[tuple[str, int, int | None], str] = {}
    for rule in rules:
        if rule.group_dn not in group_dns:
            continue
        court = Court.objects.filter(division_code=rule.court).first()
        department = (
            Department.objects.filter(court=court, name=rule.department).first()
            if court is not None and rule.department
            else None
        )
        if court is None or (rule.department and department is None):
            logger.warning(
                "LDAP_GROUP_ROLES: no court %s / department %r: rule skipped", rule.court, rule.department
            )
            continue
        wanted.setdefault((rule.role, court.pk, department.pk if department else None), rule.group_dn)
    added: list[str] = []
    removed: list[str] = []
    with transaction.atomic():
        for grant in DirectoryGrant.objects.filter(assignment__account=account).select_related("assignment"):
            held = grant.assignment
            if (held.role, held.court_id, held.department_id) not in wanted:
                organization.revoke_role(actor=None, assignment=held)
                removed.append(held.role)
        for (role, court_id, department_id), group_dn in wanted.items():
            same: dict[str, Any] = {"account": account, "role": role, "court_id": court_id}
            same["department_id"] = department_id  # None: the court-wide assignment
            if RoleAssignment.objects.filter(**same).exists():
                continue  # given by hand, or by the directory before: kept as it is
            assignment = organization.assign_role(
                actor=None,
                account=account,
                role=role,
                court=Court.objects.get(pk=court_id),
                department=Department.objects.get(pk=department_id) if department_id else None,
            )
            DirectoryGrant.objects.create(assignment=assignment, group_dn=group_dn)
            added.append(role)
        if added or removed:
            audit.record_event(
                actor=None,
                action="signin.directory.roles",
                obj=account,
                added=added,
                removed=removed,
                groups=sorted(set(wanted.values())),
            )
