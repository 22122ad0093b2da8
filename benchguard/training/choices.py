"""The vocabularies of training and drills (A11)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CourseKind(models.TextChoices):
    """A11 names the "risk early-warning and prevention" course; security courses (self-
    protection, the checkpoint, handling an attack) count as safety training too."""

    RISK = "risk", _("Risk early-warning and prevention")
    SECURITY = "security", _("Security and self-protection")
    OTHER = "other", pgettext_lazy("course", "Other")


# The courses that count towards being trained (A11).
SAFETY_KINDS = (CourseKind.RISK, CourseKind.SECURITY)


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up", "Open")
    DONE = "done", pgettext_lazy("follow-up", "Done")
