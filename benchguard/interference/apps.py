from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterferenceConfig(AppConfig):
    """Interference with cases (A7)."""

    name = "benchguard.interference"
    label = "interference"
    verbose_name = _("Interference with cases")

    def ready(self) -> None:
        from benchguard.interference import audit_rules, home  # noqa: F401  (audit rules, menu, panels)
        from benchguard.interference.models import Entry
        from benchguard.matters import sources

        sources.register(Entry, label=_("Interference entry"), url_name="interference:entry_detail")
