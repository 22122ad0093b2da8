from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    name = "benchguard.signin"
    label = "signin"
    verbose_name = _("Sign-in")

    def ready(self) -> None:
        from benchguard.signin import checks, home, signals  # noqa: F401  (checks, panel, signals)
