"""Choices of the welfare area (A20, A21, A25) and of the follow-up after harm."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PolicyKind(models.TextChoices):
    ACCIDENT = "accident", _("Accident insurance")
    HEALTH = "health", _("Health insurance")
    ACCIDENT_HEALTH = "accident_health", _("Accident and health (安康) insurance")
    OTHER = "other", _("Other insurance")


class OnDuty(models.TextChoices):
    """Whether the event happened in the line of duty, as decided (A20)."""

    UNDECIDED = "undecided", _("Not yet decided")
    ON_DUTY = "on_duty", _("In the line of duty")
    OFF_DUTY = "off_duty", _("Not in the line of duty")


class ClaimStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    SUBMITTED = "submitted", _("Submitted to the insurer")
    PAID = "paid", _("Paid by the insurer")
    REFUSED = "refused", _("Refused by the insurer")


class FundKind(models.TextChoices):
    RISK = "risk", _("Occupational risk fund")
    SPECIAL = "special", _("Special assistance fund")


class EntryDirection(models.TextChoices):
    INCOME = "income", _("Income")
    PAYMENT = "payment", _("Payment")


class Occasion(models.TextChoices):
    """What a condolence visit or payment is for (A21)."""

    MARRIAGE = "marriage", _("Marriage")
    BIRTH = "birth", _("Birth of a child")
    HOSPITALISATION = "hospitalisation", _("Hospitalisation")
    SERIOUS_ILLNESS = "serious_illness", _("Serious illness")
    DEATH_MEMBER = "death_member", _("Death of the member")
    DEATH_RELATIVE = "death_relative", _("Death of a spouse, parent or child")
    HARDSHIP = "hardship", _("Hardship")
    HARM_ON_DUTY = "harm_on_duty", _("Harm in the line of duty")
    RETIREMENT = "retirement", _("Retirement")


class CondolenceStatus(models.TextChoices):
    """The approval chain of a condolence payment (A21): request → union group → court
    union chair → finance pays → receipt."""

    REQUESTED = "requested", _("Requested")
    GROUP_CHECKED = "group_checked", _("Checked by the union group")
    APPROVED = "approved", _("Approved by the union chair")
    PAID = "paid", _("Paid by finance")
    RECEIVED = "received", _("Receipt confirmed")
    REFUSED = "refused", _("Not approved")


class StepKind(models.TextChoices):
    REQUEST = "request", pgettext_lazy("condolence step", "Request")
    RAISED_STANDARD = "raised_standard", _("Raised standard approved")
    GROUP_CHECK = "group_check", _("Union group check")
    CHAIR_APPROVAL = "chair_approval", _("Union chair approval")
    FINANCE_PAID = "finance_paid", _("Finance paid")
    RECEIPT = "receipt", _("Receipt")
    REFUSAL = "refusal", _("Not approved by the union")


class Ground(models.TextChoices):
    """Why a judge applies to the special assistance fund (A25)."""

    CONTRIBUTION = "contribution", _("Outstanding contribution")
    HARDSHIP = "hardship", _("Family hardship")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting the committee")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Not approved")
    PAID = "paid", _("Paid")


class FollowUpReason(models.TextChoices):
    HARMED = "harmed", _("Physically harmed")
    FAMILY_THREATENED = "family_threatened", _("Family threatened")


class ItemKind(models.TextChoices):
    """The items of the follow-up after harm, each on its desk."""

    CONDOLENCE_VISIT = "condolence_visit", _("Condolence visit")
    INSURANCE_CLAIM = "insurance_claim", _("Insurance claim")
    COUNSELLING_OFFER = "counselling_offer", _("Counselling offer")
    SPECIAL_FUND = "special_fund", _("Special assistance fund consideration")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("To do")
    DONE = "done", _("Done")


class CounsellingAnswer(models.TextChoices):
    """What became of the counselling offer: never what was said in counselling."""

    ACCEPTED = "accepted", _("Offer made and accepted")
    DECLINED = "declined", _("Offer made and declined")
