from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquipmentConfig(AppConfig):
    """Equipment and recordings (A10)."""

    name = "benchguard.equipment"
    label = "equipment"
    verbose_name = _("Equipment and recordings")
