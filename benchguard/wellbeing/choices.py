from django.db import models
from django.utils.translation import gettext_lazy as _


class LeaveKind(models.TextChoices):
    """Kinds of leave a personnel office records (A22). Sick, personal and
    winter/summer vacation count toward the exclusions of the paid-leave regulation
    (《职工带薪年休假条例》 art. 4)."""

    ANNUAL = "annual", _("Paid annual leave")
    SICK = "sick", _("Sick leave")
    PERSONAL = "personal", _("Personal leave without deduction of pay")
    VACATION = "vacation", _("Winter or summer vacation")


class PayKind(models.TextChoices):
    """What a pay problem concerns (A22)."""

    WAGES = "wages", _("Wages")
    ALLOWANCE = "allowance", _("Allowance")
    BONUS = "bonus", _("Performance bonus")


class PayProblem(models.TextChoices):
    LATE = "late", _("Paid late")
    SHORT = "short", _("Paid short")
    UNPAID = "unpaid", _("Not paid")


class PayIssueStatus(models.TextChoices):
    """A pay problem is reported, then resolved with what was done (A22)."""

    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class ExamKind(models.TextChoices):
    ANNUAL = "annual", _("Regular physical exam")
    SPECIAL = "special", _("Special physical exam")


class SessionStatus(models.TextChoices):
    """A counselling session is booked, then held or cancelled (A23)."""

    BOOKED = "booked", _("Booked")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ActivityKind(models.TextChoices):
    """Culture (A24) and health education (A23): events with attendance."""

    EVENT = "event", _("Cultural or sports event")
    SEMINAR = "seminar", _("Seminar or forum")
    HEALTH_LECTURE = "health_lecture", _("Health lecture")
    MENTAL_HEALTH_LECTURE = "mental_health_lecture", _("Mental-health lecture")


class HoldingKind(models.TextChoices):
    BOOK = "book", _("Book")
    PERIODICAL = "periodical", _("Periodical")
    DIGITAL = "digital", _("Digital resource")
