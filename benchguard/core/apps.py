from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "benchguard.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from benchguard.core import panels  # noqa: F401  (the calendar notice on the home page)
        from benchguard.core.upkeep import analyze_after_migrate

        post_migrate.connect(analyze_after_migrate, dispatch_uid="benchguard.core.analyze")
