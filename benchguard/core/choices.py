from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    CHANGE = "change", _("Change")
    EVENT = "event", _("Domain event")
    ACCESS = "access", _("Access to restricted information")
