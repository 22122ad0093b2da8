from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AfterHoursConfig(AppConfig):
    name = "benchguard.after_hours"
    label = "after_hours"
    verbose_name = _("After-hours protection")

    def ready(self) -> None:
        from benchguard.after_hours import audit_rules, home  # noqa: F401  (audit rules, home panel)
