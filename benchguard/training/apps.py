from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Safety training and emergency drills (A11)."""

    name = "benchguard.training"
    label = "training"
    verbose_name = _("Training and drills")

    def ready(self) -> None:
        from benchguard.training import audit_rules, home  # noqa: F401  (audit rules, menu entries, panel)
