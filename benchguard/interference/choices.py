from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    """Who tried to influence the case (A7.1; 中办发〔2015〕23号, 法发〔2015〕10号)."""

    LEADING_CADRE = "leading_cadre", _("Leading cadre")
    ORGANISATION = "organisation", _("Organisation or body (in its name)")
    STAFF_OR_RELATIVE = "staff_or_relative", _("A leader's staff or relative")
    COURT_INSIDER = "court_insider", _("Court insider")
    OTHER = "other", _("Other person")


class Method(models.TextChoices):
    """How the attempt was made (A7.1)."""

    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    LETTER = "letter", _("By letter or note")
    MATERIALS = "materials", _("Materials handed over")
    VIA_STAFF = "via_staff", _("Through staff")
    VIA_RELATIVES = "via_relatives", _("Through relatives")
    OTHER = "other", _("Other way")


class InternalNature(models.TextChoices):
    """An internal enquiry is either supervision within authority or improper (A7.1)."""

    NONE = "", _("Not an internal enquiry")
    SUPERVISION = "supervision", _("Supervision within authority (履职过问)")
    IMPROPER = "improper", _("Improper enquiry (违规过问)")


class ReportStatus(models.TextChoices):
    """Where a quarter's report stands (A7.1): prepared → submitted → acknowledged."""

    DRAFT = "draft", _("Prepared, awaiting the keeper's signature")
    SUBMITTED = "submitted", _("Signed and submitted")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by both recipients")


class ActionKind(models.TextChoices):
    """Personnel actions concerning a judge that the committee reviews (A7.2)."""

    TRANSFER = "transfer", _("Transfer")
    REMOVAL = "removal", _("Removal from post")
    DISMISSAL = "dismissal", _("Dismissal")
    DEMOTION = "demotion", _("Demotion")
    DISCIPLINE = "discipline", _("Disciplinary sanction")
    ACCOUNTABILITY = "accountability", _("Wrongful-case accountability")


class ActionStatus(models.TextChoices):
    """Where the committee's review of a personnel action stands (A7.2)."""

    RECORDED = "recorded", _("Recorded, awaiting review")
    PREPARED = "prepared", _("Prepared by the committee office")
    REVIEWED = "reviewed", _("Reviewed")


class ReviewOpinion(models.TextChoices):
    """The committee's review opinion on a personnel action (A7.2)."""

    LAWFUL = "lawful", _("Ground and procedure are lawful")
    DEFECTIVE = "defective", _("Ground or procedure defective: correction recommended")
