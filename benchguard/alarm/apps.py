from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlarmConfig(AppConfig):
    """One-press alarm (A8, A9.3, A12)."""

    name = "benchguard.alarm"
    label = "alarm"
    verbose_name = _("One-press alarm")

    def ready(self) -> None:
        from benchguard.alarm import audit_rules, home  # noqa: F401  (audit rules, menu and panels)
