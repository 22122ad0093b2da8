from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReputationConfig(AppConfig):
    """Reputation (A5, A17)."""

    name = "benchguard.reputation"
    label = "reputation"
    verbose_name = _("Reputation")

    def ready(self) -> None:
        from benchguard.core import sections
        from benchguard.matters import sources
        from benchguard.reputation import audit_rules, home  # noqa: F401  (audit rules, menu entries)
        from benchguard.reputation.models import OpinionEvent

        sources.register(OpinionEvent, label=_("Public-opinion event"), url_name="reputation:event_detail")
        sections.register(sections.Section("liability", "matters.matter", "reputation:matter_liability"))
        sections.register(
            sections.Section("liability", "incidents.incident", "reputation:incident_liability")
        )
