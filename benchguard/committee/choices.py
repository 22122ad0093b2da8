"""Choices of the committee area (A4, A6). A stored value never changes meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.TextChoices):
    """Where someone sits: on the committee (A4.1) or in its office (A4.2)."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    OFFICE_HEAD = "office_head", _("Office head")
    OFFICE_STAFF = "office_staff", _("Office staff")


# Seats on the committee itself: these count towards its size (A4.1: 35 in all) and quorum.
SEATS = frozenset({Position.CHAIR, Position.VICE_CHAIR, Position.MEMBER})
# The office (A4.2) runs the daily work; it is not part of the committee's headcount.
OFFICE = frozenset({Position.OFFICE_HEAD, Position.OFFICE_STAFF})
# Display order of the roster.
POSITION_RANK = {
    Position.CHAIR: 0,
    Position.VICE_CHAIR: 1,
    Position.MEMBER: 2,
    Position.OFFICE_HEAD: 3,
    Position.OFFICE_STAFF: 4,
}


class MemberKind(models.TextChoices):
    """A4.1: members are judge representatives or representatives of relevant units."""

    JUDGE_REPRESENTATIVE = "judge_representative", _("Judge representative")
    UNIT_REPRESENTATIVE = "unit_representative", _("Unit representative")


class MeetingKind(models.TextChoices):
    """A6: plenary meetings when needed, and ad-hoc meetings of all members."""

    PLENARY = "plenary", _("Plenary meeting")
    AD_HOC = "ad_hoc", _("Ad-hoc full meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
