from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterferenceConfig(AppConfig):
    """Interference with cases (A7)."""

    name = "benchguard.interference"
    label = "interference"
    verbose_name = _("Interference with cases")
