"""The gate's vocabularies (A12)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PostKind(models.TextChoices):
    GATEHOUSE = "gatehouse", _("Gatehouse")
    CHECKPOINT = "checkpoint", _("Security checkpoint")


class VisitStatus(models.TextChoices):
    """pending: waiting for the host; checking: a possible match the judicial police
    look at within GATE_CHECK_MINUTES; on_hold: a screening hit waits for the judicial
    police; admitted: confirmed (and cleared); closed: ended without entering, with a
    reason (the host or guard closed it, or the police refused); departed: checked out
    (or recorded at day's end as gone)."""

    PENDING = "pending", _("Waiting for the host")
    CHECKING = "checking", _("Wait: the judicial police are checking")
    ON_HOLD = "on_hold", _("On hold: call the judicial police")
    ADMITTED = "admitted", _("Admitted")
    CLOSED = "closed", pgettext_lazy("visit", "Ended without entering")
    DEPARTED = "departed", _("Left")


OPEN_STATUSES = (VisitStatus.PENDING, VisitStatus.CHECKING, VisitStatus.ON_HOLD, VisitStatus.ADMITTED)
# Only the judicial police end these (decide_check, decide_hold).
POLICE_STATUSES = (VisitStatus.CHECKING, VisitStatus.ON_HOLD)


class HitOutcome(models.TextChoices):
    """What a screening hit asks for (persons_of_concern.matching.grade)."""

    HOLD = "hold", _("Hold")
    CHECK = "check", _("Check")


class ConfirmedVia(models.TextChoices):
    SYSTEM = "system", _("By the host in BenchGuard")
    PHONE = "phone", _("By the host on the phone, recorded by the guard")


class HoldDecision(models.TextChoices):
    ADMIT_WITH_ESCORT = "admit_with_escort", _("Admit with an escort")
    REFUSE = "refuse", _("Refuse entry")
    NOT_SAME_PERSON = "not_same_person", _("Not the same person")


class CheckDecision(models.TextChoices):
    """The judicial police's answer to a check, or the clock's when none came in time."""

    CLEAR = "clear", _("Not the listed person: clear")
    HOLD = "hold", _("Hold the visitor")
    TIMED_OUT = "timed_out", _("No decision in time: held")


CHECK_CHOICES = [
    (CheckDecision.CLEAR, CheckDecision.CLEAR.label),
    (CheckDecision.HOLD, CheckDecision.HOLD.label),
]


class DayEndOutcome(models.TextChoices):
    LEFT_OTHER_EXIT = "left_other_exit", _("Left by another exit; the ID stays until collected")
    STAYS_AUTHORISED = "stays_authorised", _("Still inside with authorisation")
    ID_TO_POLICE = "id_to_police", _("The ID was handed to the judicial police for safekeeping")
    OTHER = "other", _("Other (say what)")


class ReturnedHow(models.TextChoices):
    CHECK_OUT = "check_out", _("Handed back at check-out")
    CLOSED = "closed", _("Handed back when the visit was closed")
    COLLECTED = "collected", _("Collected later")
    TO_POLICE = "to_police", _("Handed to the judicial police")


class Shift(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    NIGHT = "night", _("Night")


class Disposition(models.TextChoices):
    """What became of a prohibited item (A12.1). `held` is the older word for an item kept
    for return with a receipt; new items kept for return go in a numbered locker."""

    HELD = "held", _("Held for return, with a receipt")
    LOCKER = "locker", _("Kept in a locker for return")
    SEIZED = "seized", _("Seized")
    TO_POLICE = "to_police", _("Handed to the police")


# Kept at the gate and handed back when the owner leaves.
RETURNABLE = (Disposition.HELD, Disposition.LOCKER)


class ItemCategory(models.TextChoices):
    """Prohibited items by category (the court security-check rules' list, A12.1)."""

    FIREARMS = "firearms", _("Guns, ammunition and replicas")
    KNIVES = "knives", _("Controlled knives and blades")
    EXPLOSIVES = "explosives", _("Explosive, flammable or pressurised articles")
    HAZARDOUS = "hazardous", _("Toxic, corrosive or radioactive articles")
    WEAPONS = "weapons", _("Sticks, tools and other things that can hurt")
    PROTEST = "protest", _("Banners, leaflets and other protest materials")
    OTHER = "other", pgettext_lazy("item", "Other")


class RefusalReason(models.TextChoices):
    """Why someone was refused entry at the checkpoint (A12.1)."""

    NO_ID = "no_id", _("No valid identity document")
    FORGED_ID = "forged_id", _("Forged or borrowed identity document")
    REFUSED_SCREENING = "refused_screening", _("Refused the security check")
    MINOR = "minor", _("Minor without a guardian")
    INTOXICATED = "intoxicated", _("Intoxicated")
    PROHIBITED_ITEM = "prohibited_item", _("Carried a prohibited item and would not leave it")
    OTHER = "other", pgettext_lazy("refusal", "Other")


class PassageKind(models.TextChoices):
    """Who came through the dedicated passage (A12.1: still logged, with the credential seen)."""

    LAWYER = "lawyer", _("Lawyer")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    OTHER_OFFICIAL = "other_official", _("Other official on duty")


class CredentialKind(models.TextChoices):
    LAWYER_LICENCE = "lawyer_licence", _("Lawyer's practising certificate")
    PROSECUTOR_CARD = "prosecutor_card", _("Prosecutor's card")
    WORK_CARD = "work_card", _("Work card of a state body")
    OTHER = "other", pgettext_lazy("credential", "Other")
