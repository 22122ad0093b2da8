from django.utils.translation import gettext_lazy as _

from benchguard.core import navigation
from benchguard.persons_of_concern import permissions

navigation.register(
    navigation.NavItem(
        "persons_of_concern",
        _("Persons of concern"),
        "persons_of_concern:person_list",
        permissions.can_read,
        order=40,
    )
)


def _checks_only(user: object) -> bool:
    return permissions.can_check(user) and not permissions.can_read(user)


# Filing clerks and division chiefs: the matcher's answer and their court's logs (A15).
navigation.register(
    navigation.NavItem(
        "controlled_list_check",
        _("Check against the list"),
        "persons_of_concern:check",
        _checks_only,
        order=40,
    )
)
