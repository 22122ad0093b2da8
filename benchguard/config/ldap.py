"""Directory (LDAP / Active Directory) sign-in, configured from the environment.

`ldap_settings(environ)` turns the `LDAP_*` variables into django-auth-ldap's
`AUTH_LDAP_*` settings; with `LDAP_SERVER_URI` unset it returns nothing and directory
sign-in is off. docs/sign-in.md describes every variable. The group → court and role
rules (`LDAP_GROUP_ROLES`) are parsed by `signin.rules` and checked against the roles and courts by
the `signin` app's system check and at each sign-in.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from benchguard.config.env import env_bool, env_choice, env_int, env_secret, env_str
from benchguard.signin.rules import parse_group_roles

GROUP_TYPES = ("groupOfNames", "groupOfUniqueNames", "posixGroup", "activeDirectory")


def ldap_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The AUTH_LDAP_* settings (and the rules) for this environment; {} when off."""
    env = os.environ if environ is None else environ
    uri = env_str("LDAP_SERVER_URI", environ=env)
    if not uri:
        return {}
    import ldap
    from django_auth_ldap.config import (
        ActiveDirectoryGroupType,
        GroupOfNamesType,
        GroupOfUniqueNamesType,
        LDAPSearch,
        PosixGroupType,
    )

    search_base = env_str("LDAP_USER_SEARCH_BASE", environ=env)
    dn_template = env_str("LDAP_USER_DN_TEMPLATE", environ=env)
    if not search_base and not dn_template:
        raise ImproperlyConfigured(
            "LDAP_SERVER_URI is set: set LDAP_USER_SEARCH_BASE or LDAP_USER_DN_TEMPLATE"
        )
    found: dict[str, Any] = {
        "AUTH_LDAP_SERVER_URI": uri,
        "AUTH_LDAP_BIND_DN": env_str("LDAP_BIND_DN", environ=env),
        "AUTH_LDAP_BIND_PASSWORD": env_secret("LDAP_BIND_PASSWORD", environ=env) or "",
        "AUTH_LDAP_START_TLS": env_bool("LDAP_START_TLS", default=False, environ=env),
        "AUTH_LDAP_USER_ATTR_MAP": {
            "display_name": env_str("LDAP_ATTR_DISPLAY_NAME", "displayName", environ=env),
            "email": env_str("LDAP_ATTR_EMAIL", "mail", environ=env),
        },
        # The account's fields follow the directory at every sign-in (name, e-mail).
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_NO_NEW_USERS": not env_bool("LDAP_CREATE_ACCOUNTS", default=True, environ=env),
        # Rights come from role assignments, never from Django's groups and permissions.
        "AUTH_LDAP_FIND_GROUP_PERMS": False,
        "AUTH_LDAP_MIRROR_GROUPS": False,
        "AUTH_LDAP_CACHE_TIMEOUT": 0,
        "AUTH_LDAP_CONNECTION_OPTIONS": {
            ldap.OPT_NETWORK_TIMEOUT: env_int("LDAP_TIMEOUT_SECONDS", 5, minimum=1, environ=env),
            ldap.OPT_TIMEOUT: env_int("LDAP_TIMEOUT_SECONDS", 5, minimum=1, environ=env),
            ldap.OPT_REFERRALS: 0,  # Active Directory's referrals lead outside the search
        },
    }
    ca_file = env_str("LDAP_CA_FILE", environ=env)
    if ca_file:
        found["AUTH_LDAP_GLOBAL_OPTIONS"] = {
            ldap.OPT_X_TLS_CACERTFILE: ca_file,
            ldap.OPT_X_TLS_REQUIRE_CERT: ldap.OPT_X_TLS_DEMAND,
        }
    if dn_template:
        found["AUTH_LDAP_USER_DN_TEMPLATE"] = dn_template
    else:
        user_filter = env_str("LDAP_USER_FILTER", "(uid=%(user)s)", environ=env)
        found["AUTH_LDAP_USER_SEARCH"] = LDAPSearch(search_base, ldap.SCOPE_SUBTREE, user_filter)
    group_base = env_str("LDAP_GROUP_SEARCH_BASE", environ=env)
    rules = parse_group_roles(env_secret("LDAP_GROUP_ROLES", environ=env) or "")
    if rules and not group_base:
        raise ImproperlyConfigured("LDAP_GROUP_ROLES is set: set LDAP_GROUP_SEARCH_BASE too")
    if group_base:
        group_type = env_choice("LDAP_GROUP_TYPE", "groupOfNames", GROUP_TYPES, environ=env)
        kinds: dict[str, tuple[Any, str]] = {
            "groupOfNames": (GroupOfNamesType(), "(objectClass=groupOfNames)"),
            "groupOfUniqueNames": (GroupOfUniqueNamesType(), "(objectClass=groupOfUniqueNames)"),
            "posixGroup": (PosixGroupType(), "(objectClass=posixGroup)"),
            "activeDirectory": (ActiveDirectoryGroupType(), "(objectClass=group)"),
        }
        kind, group_filter = kinds[group_type]
        found["AUTH_LDAP_GROUP_TYPE"] = kind
        found["AUTH_LDAP_GROUP_SEARCH"] = LDAPSearch(group_base, ldap.SCOPE_SUBTREE, group_filter)
    found["BENCHGUARD_LDAP_GROUP_ROLES"] = rules
    return found
