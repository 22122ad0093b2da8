from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "benchguard.liaison"
    label = "liaison"
    verbose_name = _("Inter-agency liaison")

    def ready(self) -> None:
        from benchguard.liaison import audit_rules, home  # noqa: F401  (audit rules, menu entries, panel)
