from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    CHANGE = "change", _("Change")
    EVENT = "event", _("Domain event")
    ACCESS = "access", _("Access to restricted information")


class CalendarDayKind(models.TextChoices):
    """What an exception in the working calendar makes of its day (A26.4)."""

    HOLIDAY = "holiday", _("Statutory holiday or rest day off")
    WORKDAY = "workday", _("Make-up workday")


class CalendarSource(models.TextChoices):
    """Where a calendar day came from; an administrator's entry is never overwritten."""

    OFFICIAL = "official", _("Official table")
    STATUTORY = "statutory", _("Statutory holiday worked out from the law (provisional year)")
    ADMINISTRATOR = "administrator", _("Administrator")


class OnceKind(models.TextChoices):
    """Where a one-time key came from: a page's form token or an API client's header."""

    FORM = "form", _("Form token")
    API = "api", _("Idempotency-Key header")
