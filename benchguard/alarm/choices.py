"""Choices of the one-press alarm (A8, A9.3, A12)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PointKind(models.TextChoices):
    """Where an alarm point is: a courtroom (its alarm opens a courtroom disorder, A9.3)
    or another place of the court (a judge's office, a reception room: a threat, A8)."""

    COURTROOM = "courtroom", _("Courtroom")
    OTHER = "other", _("Other place")


class AlarmStatus(models.TextChoices):
    RAISED = "raised", _("Raised, nobody has taken it on")
    ACKNOWLEDGED = "acknowledged", _("Taken on, officer on the way")
    ARRIVED = "arrived", _("Officer arrived")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (AlarmStatus.RAISED, AlarmStatus.ACKNOWLEDGED, AlarmStatus.ARRIVED)


class RecipientStage(models.TextChoices):
    """Why an account was told of an alarm."""

    ON_DUTY = "on_duty", _("On duty")
    EVERYONE = "everyone", _("Every officer (nobody on duty)")
    ESCALATED = "escalated", _("Not taken on in time")
