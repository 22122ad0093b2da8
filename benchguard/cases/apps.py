from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "benchguard.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from benchguard.cases import audit_rules, home  # noqa: F401  (audit rules, menu entry)
