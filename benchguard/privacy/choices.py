"""Choices of the privacy area (A18)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseKind(models.TextChoices):
    ONLINE = "online", _("Exposure online")
    INTERNAL_LEAK = "internal_leak", _("Leak inside the court")
    PEEPING = "peeping", _("Peeping")
    COVERT_PHOTO = "covert_photo", _("Covert photos")
    EAVESDROPPING = "eavesdropping", _("Eavesdropping")


# Investigated as their own kind, with the access log of the person's private record.
INTERNAL_KINDS = frozenset(
    {CaseKind.INTERNAL_LEAK, CaseKind.PEEPING, CaseKind.COVERT_PHOTO, CaseKind.EAVESDROPPING}
)


class Exposed(models.TextChoices):
    ADDRESS = "address", _("Home address")
    PHONE = "phone", _("Phone number")
    ID_NUMBER = "id_number", _("ID number")
    RELATIVES = "relatives", _("Relatives")
    PHOTOS = "photos", _("Photos")
    OTHER = "other", _("Other personal information")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class NoticeStatus(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", pgettext_lazy("notice status", "Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REMOVED = "removed", pgettext_lazy("notice status", "Removed")
    REFUSED = "refused", _("Refused")
    ESCALATED = "escalated", _("Escalated")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Notifier(models.TextChoices):
    COURT = "court", _("The court")
    JUDGE = "judge", _("The judge")


class EscalatedTo(models.TextChoices):
    INTERNET_REGULATOR = "internet_regulator", _("Internet regulator")
    POLICE = "police", _("Public security (police)")
