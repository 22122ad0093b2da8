"""The directory's contributions to the home page and the main menu."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.core.access import grants_of, is_city_admin, roles_of
from benchguard.core.models import AuditEntry
from benchguard.organization import permissions
from benchguard.organization.admin_base import admin_court_ids
from benchguard.organization.choices import Role
from benchguard.organization.models import Court, Person


def _me(user: Any) -> dict[str, Any]:
    person = Person.objects.select_related("court", "department").filter(account=user).first()
    court_names = dict(
        Court.objects.filter(pk__in={g.court_id for g in grants_of(user)}).values_list("pk", "name")
    )
    roles = sorted(((Role(g.role).label, court_names.get(g.court_id, "")) for g in grants_of(user)), key=str)
    return {
        "me": person,
        "my_roles": roles,
        "city_admin": is_city_admin(user),
        "private_opened_by_others": (
            AuditEntry.objects.filter(
                object_type=Person._meta.label_lower, object_id=str(person.pk), kind="access"
            )
            .exclude(actor_id=user.pk)
            .count()
            if person
            else 0
        ),
    }


def _admin(user: Any) -> dict[str, Any]:
    entries = AuditEntry.objects.all()
    if not is_city_admin(user):
        entries = entries.filter(court_id__in=admin_court_ids(user))
    return {"audit_length": entries.count()}


# The order in which a user's roles name their workbench (the first one held wins).
ROLE_PRECEDENCE = (
    Role.COMMITTEE_CHAIR,
    Role.COMMITTEE_VICE_CHAIR,
    Role.COURT_LEADER,
    Role.COMMITTEE_OFFICE,
    Role.DIVISION_CHIEF,
    Role.JUDGE,
    Role.SUPPORT_STAFF,
    Role.JUDICIAL_POLICE,
    Role.GATEHOUSE_GUARD,
    Role.FILING_CLERK,
    Role.PETITION_RECEPTION,
    Role.PERSONNEL_OFFICE,
    Role.TRIAL_MANAGEMENT,
    Role.DISCIPLINE_INSPECTION,
    Role.TRADE_UNION,
    Role.COUNSELLOR,
    Role.COMMITTEE_MEMBER,
    Role.SYSTEM_ADMIN,
)

home.set_roles(precedence=ROLE_PRECEDENCE, labels=dict(Role.choices))
home.register(home.Panel(key="me", template="organization/panels/me.html", order=10, context=_me))
home.register(home.Panel(key="directory", template="organization/panels/directory.html", order=90))
home.register(
    home.Panel(
        key="duties",
        template="organization/panels/duties.html",
        order=20,
        roles=frozenset(Role.values),
        shown_to=is_city_admin,
        context=lambda user: {"roles": roles_of(user), "city_admin": is_city_admin(user)},
    )
)
home.register(
    home.Panel(
        key="administration",
        template="organization/panels/administration.html",
        order=80,
        roles=frozenset({Role.SYSTEM_ADMIN}),
        shown_to=is_city_admin,
        context=_admin,
    )
)

navigation.register(navigation.NavItem("home", _("Home"), "home", lambda user: True, order=0))
navigation.register(
    navigation.NavItem("directory", _("Directory"), "organization:person_list", lambda user: True, order=90)
)
navigation.register(
    navigation.NavItem(
        "courts",
        _("Courts and departments"),
        "organization:court_list",
        lambda user: True,
        order=91,
    )
)
navigation.register(
    navigation.NavItem("admin", _("Administration"), "admin:index", permissions.can_administer, order=99)
)
