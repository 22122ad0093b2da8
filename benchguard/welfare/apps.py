from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelfareConfig(AppConfig):
    """Welfare and care (A20, A21, A25)."""

    name = "benchguard.welfare"
    label = "welfare"
    verbose_name = _("Welfare and care")

    def ready(self) -> None:
        from benchguard.welfare import audit_rules, home, signals  # noqa: F401  (audit rules, panels, hooks)
