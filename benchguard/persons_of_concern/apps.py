from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonsOfConcernConfig(AppConfig):
    name = "benchguard.persons_of_concern"
    label = "persons_of_concern"
    verbose_name = _("Persons of concern and the controlled list")

    def ready(self) -> None:
        from benchguard.persons_of_concern import audit_rules, home  # noqa: F401  (audit rules, menu entry)
