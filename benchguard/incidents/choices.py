"""The kinds of incident (A8, A9.1, A9.2, A9.3, A13) and what belongs to each."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IncidentKind(models.TextChoices):
    THREAT = "threat", _("Threat or harassment of a judge (A8)")
    CRIME = "crime", _("Crime in the court's areas (A9.1)")
    DISTURBANCE = "disturbance", _("Disturbance around the court (A9.2)")
    COURTROOM = "courtroom", _("Courtroom disorder (A9.3)")
    GROUP_PETITION = "group_petition", _("Group petition or sudden event (A13)")


class Nature(models.TextChoices):
    """What happened, within a kind (NATURES_BY_KIND says which belong to which)."""

    # A8
    INTIMIDATION = "intimidation", _("Threat or intimidation")
    HARASSMENT = "harassment", _("Harassment")
    STALKING = "stalking", _("Stalking")
    HARM_PERSON = "harm_person", _("Harm to the person")
    HARM_PROPERTY = "harm_property", _("Damage to property")
    HARM_HOME = "harm_home", _("Damage to the home")
    # A9.1
    WEAPONS = "weapons", _("Illegally carrying guns, ammunition, controlled knives or dangerous articles")
    OBSTRUCTION = "obstruction", _("Obstructing official duties")
    QUARRELS = "quarrels", _("Picking quarrels and provoking trouble")
    PROPERTY_DAMAGE = "property_damage", _("Intentional damage to property")
    # A9.2
    SIT_IN = "sit_in", _("Sit-in")
    BLOCKING = "blocking", _("Blocking")
    LEAFLETS = "leaflets", _("Handing out leaflets")
    SLOGANS = "slogans", _("Shouting slogans")
    BANNERS = "banners", _("Displaying banners")
    # A9.3
    COURTROOM_DISORDER = "courtroom_disorder", _("Breach of the courtroom rules")
    # A13
    GROUP_PETITION = "group_petition", _("Group petition")
    SUDDEN_EVENT = "sudden_event", _("Sudden event")


NATURES_BY_KIND: dict[str, tuple[str, ...]] = {
    IncidentKind.THREAT: (
        Nature.INTIMIDATION,
        Nature.HARASSMENT,
        Nature.STALKING,
        Nature.HARM_PERSON,
        Nature.HARM_PROPERTY,
        Nature.HARM_HOME,
    ),
    IncidentKind.CRIME: (Nature.WEAPONS, Nature.OBSTRUCTION, Nature.QUARRELS, Nature.PROPERTY_DAMAGE),
    IncidentKind.DISTURBANCE: (
        Nature.SIT_IN,
        Nature.BLOCKING,
        Nature.LEAFLETS,
        Nature.SLOGANS,
        Nature.BANNERS,
    ),
    IncidentKind.COURTROOM: (Nature.COURTROOM_DISORDER,),
    IncidentKind.GROUP_PETITION: (Nature.GROUP_PETITION, Nature.SUDDEN_EVENT),
}


class Procedure(models.TextChoices):
    """The procedure of the case heard: it sets the caps of fines and detention (A9.3)."""

    CIVIL = "civil", _("Civil procedure")
    ADMINISTRATIVE = "administrative", _("Administrative procedure")
    CRIMINAL = "criminal", _("Criminal procedure")


class IncidentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("incident", "Open")
    CLOSED = "closed", pgettext_lazy("incident", "Closed")


class MeasureKind(models.TextChoices):
    ESCORT = "escort", _("Escort")
    HOME_PATROL = "home_patrol", _("Patrol at the home")
    PHONE_CHANGE = "phone_change", _("Change of phone number")
    ALARM = "alarm", _("Alarm")
    ROUTE_CHANGE = "route_change", _("Change of route")
    OTHER = "other", _("Other")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("measure", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("measure", "In progress")
    DONE = "done", pgettext_lazy("measure", "Done")
    CANCELLED = "cancelled", _("Cancelled")


class SanctionMeasure(models.TextChoices):
    """A9.3, in order of severity (SEVERITY)."""

    WARNING = "warning", _("Warning")
    REPRIMAND = "reprimand", _("Reprimand")
    REPENTANCE = "repentance", _("Order to sign a statement of repentance")
    ORDER_TO_LEAVE = "order_to_leave", _("Order to leave the courtroom")
    REMOVAL = "removal", _("Forcible removal from the courtroom")
    FINE = "fine", _("Fine")
    DETENTION = "detention", _("Detention")
    CRIMINAL_REFERRAL = "criminal_referral", _("Referral for the crime of disrupting court order")


SEVERITY: dict[str, int] = {measure: rank for rank, measure in enumerate(SanctionMeasure.values, start=1)}
NEEDS_PRESIDENT = frozenset({SanctionMeasure.FINE, SanctionMeasure.DETENTION})


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ORGANIZATION = "organization", _("Organisation")


class SanctionStatus(models.TextChoices):
    IN_EFFECT = "in_effect", _("In effect")
    PENDING = "pending", _("Awaiting the president's approval")
    REFUSED = "refused", _("Not approved by the president")
    REVOKED = "revoked", _("Revoked on reconsideration")


# Under the criminal procedure the presiding judge warns first (Criminal Procedure Law
# art. 199): these measures need an earlier warning of the same person in the incident.
AFTER_A_WARNING = frozenset(
    {
        SanctionMeasure.REPENTANCE,
        SanctionMeasure.ORDER_TO_LEAVE,
        SanctionMeasure.REMOVAL,
        SanctionMeasure.FINE,
        SanctionMeasure.DETENTION,
    }
)


class ReconsiderationOutcome(models.TextChoices):
    """What the next-higher court decided on an application for reconsideration of a
    fine or detention (A9.3)."""

    PENDING = "pending", _("Awaiting the higher court")
    UPHELD = "upheld", _("Upheld")
    VARIED = "varied", _("Varied")
    REVOKED = "revoked", _("Revoked")


class ChainStep(models.TextChoices):
    """A13.1: who tells whom, in this order."""

    NOTIFY_JUDGE = "notify_judge", _("Judicial police or reception notify the case judge")
    REPORT_CHIEF = "report_chief", _("The judge reports to the division chief")
    ARRANGE_RECEPTION = "arrange_reception", _("The chief or another division leader receives")


CHAIN_ORDER: tuple[str, ...] = tuple(ChainStep.values)


class PlanKind(models.TextChoices):
    SECURITY_CHECK = "security_check", _("Security check")
    HEARING = "hearing", _("Hearing")
    ENFORCEMENT = "enforcement", _("Enforcement")


class CallRole(models.TextChoices):
    """Who goes to the scene of a sudden group petition (A13.4)."""

    LEADER_IN_CHARGE = "leader_in_charge", _("Court leader in charge")
    DIVISION_CHIEF = "division_chief", _("Division chief")
    POLICE_DUTY_LEADER = "police_duty_leader", _("Judicial police duty leader")
    OTHER = "other", _("Other")
