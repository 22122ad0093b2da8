from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "benchguard.overview"
    label = "overview"
    verbose_name = _("Leaders' overview")

    def ready(self) -> None:
        from benchguard.overview import home  # noqa: F401  (menu entry)
