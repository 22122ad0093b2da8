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
