from django.utils.translation import gettext_lazy as _

from benchguard.cases import permissions
from benchguard.core import navigation

navigation.register(
    navigation.NavItem("cases", _("Cases"), "cases:case_list", permissions.can_list, order=25)
)
navigation.register(
    navigation.NavItem("cases_watch", _("Key cases"), "cases:watch_list", permissions.can_watch, order=26)
)
