from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReputationConfig(AppConfig):
    """Reputation (A5, A17)."""

    name = "benchguard.reputation"
    label = "reputation"
    verbose_name = _("Reputation")
