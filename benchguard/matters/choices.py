from django.db import models
from django.utils.translation import gettext_lazy as _


class MatterStatus(models.TextChoices):
    """Where a matter stands (A26). A stored value never changes meaning."""

    SUBMITTED = "submitted", _("Awaiting acceptance")
    DECLINED = "declined", _("Not accepted")
    ACCEPTED = "accepted", _("Being handled")
    SUSPENDED = "suspended", _("Suspended")
    DECIDED = "decided", _("Decided")
    FEEDBACK_GIVEN = "feedback_given", _("Result fed back")
    CLOSED = "closed", _("Closed")
    APPEALED = "appealed", _("Appealed to the higher court")


OPEN_STATUSES = frozenset({MatterStatus.ACCEPTED, MatterStatus.SUSPENDED})
# What the office's inbox lists: waiting for acceptance, or being handled.
INBOX_STATUSES = (MatterStatus.SUBMITTED, MatterStatus.ACCEPTED, MatterStatus.SUSPENDED)


class Origin(models.TextChoices):
    APPLICATION = "application", _("Judge's application (A26.1)")
    EX_OFFICIO = "ex_officio", _("Opened by the committee (A17)")


class Channel(models.TextChoices):
    """How the application reached the committee office (A26.1)."""

    ONLINE = "online", _("Online, by the judge")
    PHONE = "phone", _("Telephone")
    EMAIL = "email", _("E-mail")
    WRITTEN = "written", _("In writing")
    NONE = "none", _("None (opened by the committee)")


class Subject(models.TextChoices):
    """A starting taxonomy of infringed interests (A3, A5, A17)."""

    INTERFERENCE = "interference", _("Interference with adjudication")
    THREAT = "threat", _("Threat, intimidation or harassment")
    FALSE_ACCUSATION = "false_accusation", _("False accusation or frame-up")
    DEFAMATION = "defamation", _("Insult or defamation, including online")
    PRIVACY = "privacy", _("Leak of personal information")
    PERSONNEL = "personnel", _("Unlawful personnel action")
    OTHER = "other", _("Other")


class StepKind(models.TextChoices):
    """The office's steps on receipt of a matter (A26.2)."""

    REPORTED_TO_CHAIR = "reported_to_chair", _("Reported to the chair or a vice-chair")
    CHAIR_ACKNOWLEDGED = "chair_acknowledged", _("Chair acknowledged the report")
    CONTACTED_JUDGE = "contacted_judge", _("Contacted the judge")
    CONTACTED_DEPARTMENT = "contacted_department", _("Contacted the judge's department")
    ADVISED_DEPARTMENT = "advised_department", _("Advised the department to reassure the judge")
    REPORTED_BACK = "reported_back", _("Reported back to the chair or vice-chair")
    NOTE = "note", _("Note")


class TimeRequestKind(models.TextChoices):
    SUSPENSION = "suspension", _("Suspension")
    EXTENSION = "extension", _("Extension")


class TimeRequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the chair")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DecisionBasis(models.TextChoices):
    CHAIR = "chair", _("Decision of the chair")
    MEETING = "meeting", _("Resolution of a committee meeting")


class Response(models.TextChoices):
    ACCEPTS = "accepts", _("Accepts the result")
    APPEALS = "appeals", _("Appeals to the higher court")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Application submitted")
    REGISTERED = "registered", _("Application registered by the office")
    OPENED = "opened", _("Matter opened by the committee")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not accepted")
    STEP = "step", _("Handling step")
    TIME_REQUESTED = "time_requested", _("Suspension or extension requested")
    TIME_DECIDED = "time_decided", _("Suspension or extension decided")
    RESUMED = "resumed", _("Handling resumed")
    DUE_DATE_MOVED = "due_date_moved", _("Due date moved")
    DECIDED = "decided", _("Decided")
    FEEDBACK = "feedback", _("Result fed back")
    RESPONSE = "response", _("Judge's response")
    APPEAL_OUTCOME = "appeal_outcome", _("Outcome of the appeal")
    ATTACHMENT = "attachment", _("Attachment added")
