from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MattersConfig(AppConfig):
    name = "benchguard.matters"
    label = "matters"
    verbose_name = _("Assistance applications and matters")

    def ready(self) -> None:
        from benchguard.core.deadlines import calendar_changed
        from benchguard.matters import home  # noqa: F401  (menu entry and home panels)
        from benchguard.matters.signals import recompute_after_calendar_change

        calendar_changed.connect(recompute_after_calendar_change, dispatch_uid="matters.recompute_due_dates")
