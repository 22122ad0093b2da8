from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    """The outside bodies a court coordinates with (A19)."""

    POLITICAL_LEGAL_COMMITTEE = "political_legal_committee", _("Political-legal committee")
    PUBLIC_SECURITY = "public_security", _("Public security")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    JUSTICE_BUREAU = "justice_bureau", _("Justice bureau")
    BAR_ASSOCIATION = "bar_association", _("Bar association")
    INTERNET_REGULATOR = "internet_regulator", _("Internet regulator")
    OTHER = "other", _("Other body")


class RequestStatus(models.TextChoices):
    """Where a request sent to an outside body stands (A19): sent → answered → closed,
    or withdrawn before an answer came."""

    SENT = "sent", _("Sent, awaiting the answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
