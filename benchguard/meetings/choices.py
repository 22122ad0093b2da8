"""The vocabularies of meetings with parties (A10.3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Capacity(models.TextChoices):
    """Who asks to meet the judge."""

    PARTY = "party", _("A party")
    AGENT = "agent", _("A party's agent or lawyer")
    OTHER = "other", pgettext_lazy("capacity", "Other")


class MeetingStatus(models.TextChoices):
    """requested → scheduled (a designated room booked) → held (who attended, the
    record); or refused (with the reason) or cancelled."""

    REQUESTED = "requested", pgettext_lazy("meeting", "Requested")
    SCHEDULED = "scheduled", pgettext_lazy("meeting", "Scheduled")
    HELD = "held", pgettext_lazy("meeting", "Held")
    REFUSED = "refused", pgettext_lazy("meeting", "Refused")
    CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")


MAX_HOURS = 8  # a meeting is a meeting, not a day's hearing

# A room is taken by a meeting in these states.
BOOKED = (MeetingStatus.SCHEDULED, MeetingStatus.HELD)
