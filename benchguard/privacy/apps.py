from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Privacy (A18)."""

    name = "benchguard.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from benchguard.matters import sources
        from benchguard.privacy import audit_rules, home  # noqa: F401  (audit rules, menu entries, panel)
        from benchguard.privacy.models import ExposureCase

        sources.register(ExposureCase, label=_("Exposure case"), url_name="privacy:case_detail")
