from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GateConfig(AppConfig):
    name = "benchguard.gate"
    label = "gate"
    verbose_name = _("Security gate")

    def ready(self) -> None:
        from benchguard.gate import audit_rules, home, tasks  # noqa: F401  (audit rules, menu, panels, jobs)
