from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    """Leave, health and culture (A22–A24)."""

    name = "benchguard.wellbeing"
    label = "wellbeing"
    verbose_name = _("Leave, health and culture")

    def ready(self) -> None:
        from benchguard.wellbeing import audit_rules, home  # noqa: F401  (audit rules, menu, panels)
