from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "benchguard.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from benchguard.core import panels  # noqa: F401  (the calendar notice on the home page)
