from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "benchguard.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from benchguard.notifications import home  # noqa: F401  (home panel, menu entry)
