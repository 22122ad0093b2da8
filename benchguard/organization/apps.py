from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "benchguard.organization"
    label = "organization"
    verbose_name = _("Courts and people")

    def ready(self) -> None:
        from benchguard.organization import audit_rules, home, signals  # noqa: F401  (audit rules, panels, menu, login audit)
