from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "benchguard.duty"
    label = "duty"
    verbose_name = _("Duty roster")

    def ready(self) -> None:
        from benchguard.duty import audit_rules, home  # noqa: F401  (audit rules, menu and panels)
