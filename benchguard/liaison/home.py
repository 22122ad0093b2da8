from django.utils.translation import gettext_lazy as _

from benchguard.core import navigation
from benchguard.liaison import permissions

navigation.register(
    navigation.NavItem("liaison", _("Outside bodies"), "liaison:directory", permissions.can_read, order=60)
)
