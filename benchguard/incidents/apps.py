from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "benchguard.incidents"
    label = "incidents"
    verbose_name = _("Incidents")

    def ready(self) -> None:
        from benchguard.incidents import audit_rules, home  # noqa: F401  (audit rules, menu entry, home panel)
