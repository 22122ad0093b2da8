from django.utils.translation import gettext_lazy as _

from benchguard.core import navigation
from benchguard.overview import permissions

navigation.register(
    navigation.NavItem("overview", _("Overview"), "overview:overview", permissions.can_view, order=15)
)
