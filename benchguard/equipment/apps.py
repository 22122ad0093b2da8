from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquipmentConfig(AppConfig):
    """Equipment and recordings (A10)."""

    name = "benchguard.equipment"
    label = "equipment"
    verbose_name = _("Equipment and recordings")

    def ready(self) -> None:
        from benchguard.equipment import audit_rules, home  # noqa: F401  (audit rules, menu entries, panels)
        from benchguard.equipment.holds import register_hold

        # The interference register (A7.1) is permanent: every entry stays, and so does the
        # legal hold on a recording kept with one.
        register_hold("interference.Entry", set)
