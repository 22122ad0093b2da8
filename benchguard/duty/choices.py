from django.db import models
from django.utils.translation import gettext_lazy as _


class DutyRole(models.TextChoices):
    """Who is on duty (A13.4): the judicial police officer on duty, and the duty leader
    (司法警察值班领导) who goes to the scene of a sudden group petition."""

    POLICE = "police", _("Judicial police on duty")
    LEADER = "leader", _("Duty leader")


class AlertStage(models.TextChoices):
    """Why someone was told of a duty alert."""

    ON_DUTY = "on_duty", _("On duty")
    EVERYONE = "everyone", _("Nobody on duty: everyone told")
    ESCALATED = "escalated", _("Escalated: not acknowledged in time")
    EXTRA = "extra", _("Told as well")
