from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    """Where a case stands (A14: the risk is reassessed at each); a stored value never
    changes meaning."""

    FILING = "filing", pgettext_lazy("case stage", "Filing")
    TRIAL = "trial", pgettext_lazy("case stage", "Trial")
    ENFORCEMENT = "enforcement", pgettext_lazy("case stage", "Enforcement")
    CLOSED = "closed", pgettext_lazy("case stage", "Closed")


class PartyKind(models.TextChoices):
    PERSON = "person", _("Natural person")
    ORGANISATION = "organisation", _("Organisation")


class PartyRole(models.TextChoices):
    """A party's standing in the case, as the case file names it."""

    PLAINTIFF = "plaintiff", _("Plaintiff")
    DEFENDANT = "defendant", _("Defendant")
    THIRD_PARTY = "third_party", _("Third party")
    APPELLANT = "appellant", _("Appellant")
    APPELLEE = "appellee", _("Appellee")
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")
    ENFORCEMENT_APPLICANT = "enforcement_applicant", _("Applicant for enforcement")
    PERSON_SUBJECT_TO_ENFORCEMENT = "subject_to_enforcement", _("Person subject to enforcement")
    ACCUSED = "accused", _("Defendant (criminal)")
    PRIVATE_PROSECUTOR = "private_prosecutor", _("Private prosecutor")
    VICTIM = "victim", _("Victim")


class ScreeningOutcome(models.TextChoices):
    """What screening a party against the city-wide controlled list found (A15 grades,
    persons_of_concern.matching): the same document or phone as a listed person, or a
    name that needs a look."""

    LISTED = "listed", _("On the controlled list")
    POSSIBLE = "possible", _("Possibly on the controlled list: check")


class ImportStatus(models.TextChoices):
    """Where an import of cases from a sheet stands: uploaded and previewed, confirmed and
    being filed by the worker, filed, or stopped with nothing saved."""

    PENDING = "pending", _("Awaiting confirmation")
    INVALID = "invalid", _("Has errors: nothing can be imported")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed: nothing was saved")


class AssessmentKind(models.TextChoices):
    """What one line of a case's risk history records (A14): the flags set at filing or
    later, the judge's proposed level, the division chief's decision."""

    FLAGS = "flags", _("Risk flags set")
    PROPOSAL = "proposal", _("Level proposed")
    DECISION = "decision", _("Level set")


class Tier(models.IntegerChoices):
    """Who, one above the other, is alerted and reported to about a risky case (A14,
    A16): the judge in charge, the chief of the division, the court's leaders, its
    president, then the higher court. An alert nobody acknowledges in time goes one up."""

    JUDGE = 1, _("Judge in charge")
    CHIEF = 2, _("Division chief")
    LEADER = 3, _("Leader in charge")
    PRESIDENT = 4, _("President")
    HIGHER_COURT = 5, _("Higher court")
    POLITICAL_LEGAL = 6, _("Political-legal committee")


class AlertKind(models.TextChoices):
    FLAGGED = "flagged", _("Case flagged as a risk at filing")
    LEVEL = "level", _("Risk level set")
    REASSESS = "reassess", _("Reassess the risk at the new stage")
    REPORT = "report", _("Upward report")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: not yet approved")
    APPROVED = "approved", _("Approved")


class StatementStatus(models.TextChoices):
    """A public statement on a major sensitive case is signed off before it is published
    (A16)."""

    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Signed off")
    PUBLISHED = "published", _("Published")
