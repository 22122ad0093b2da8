from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "benchguard.committee"
    label = "committee"
    verbose_name = _("Rights-protection committee")

    def ready(self) -> None:
        from benchguard.committee import home  # noqa: F401  (home panel and menu entry)
