"""Choices of the reputation area (A5, A17)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    FALSE_REPORT = "false_report", _("False report")
    FRAME_UP = "frame_up", _("Frame-up")
    INSULT = "insult", _("Online insult")
    DEFAMATION = "defamation", _("Defamation")
    OTHER = "other", _("Other harm to reputation")


class EventOrigin(models.TextChoices):
    EX_OFFICIO = "ex_officio", _("Taken up by the committee")
    APPLICATION = "application", _("On the judge's application")


class EventStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("event status", "Registered")
    INVESTIGATING = "investigating", _("Under investigation")
    CLOSED = "closed", _("Closed")


class ClarificationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class ReferredTo(models.TextChoices):
    POLICE = "police", _("Public security (police)")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    DISCIPLINE = "discipline", _("Discipline inspection body")
    INTERNET_REGULATOR = "internet_regulator", _("Internet regulator")
    PLATFORM = "platform", _("Platform")
    CIVIL_SUIT = "civil_suit", _("Civil suit")
    EMPLOYER = "employer", _("Infringer's employer")
    OTHER = "other", _("Other")
