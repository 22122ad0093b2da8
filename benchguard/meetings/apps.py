from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Meetings with parties outside the courtroom (A10.3)."""

    name = "benchguard.meetings"
    label = "meetings"
    verbose_name = _("Meetings with parties")

    def ready(self) -> None:
        from benchguard.meetings import audit_rules, home  # noqa: F401  (audit rules, menu entry)
