"""The follow-up after harm opens itself: the moment an incident (A8, A9) or a committee
matter records that a judge or staff member was physically harmed, or that their family
was threatened, `services.open_followup` runs in the same transaction.

How it is known (the lower areas need no change, and do not import this one):
- an incident whose act is "harm to the person" (Nature.HARM_PERSON): its protected
  persons were physically harmed;
- an incident or a matter classified under the rights category "safety of close
  relatives" (`family`, organization/rights.py): the person's family was threatened.
The protected persons of an incident are set after it is saved (m2m), so both the
incident's save and the change of its people are watched; the service is idempotent
(one follow-up per person per incident or matter)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from benchguard.incidents.choices import Nature
from benchguard.incidents.models import Incident
from benchguard.matters.models import Matter
from benchguard.welfare.choices import FollowUpReason

FAMILY_RIGHT = "family"


def reason_of_incident(incident: Incident) -> str | None:
    if incident.nature == Nature.HARM_PERSON:
        return FollowUpReason.HARMED
    if incident.right is not None and incident.right.code == FAMILY_RIGHT:
        return FollowUpReason.FAMILY_THREATENED
    return None


def _open_for(incident: Incident, people: Any) -> None:
    from benchguard.welfare.services import open_followup

    reason = reason_of_incident(incident)
    if reason is None:
        return
    for person in people:
        open_followup(actor=None, person=person, reason=reason, incident=incident)


@receiver(post_save, sender=Incident, dispatch_uid="welfare.incident_saved")
def incident_saved(sender: Any, instance: Incident, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or created:
        return  # a new incident has no people yet: targets_changed follows
    _open_for(instance, instance.targets.all())


@receiver(m2m_changed, sender=Incident.targets.through, dispatch_uid="welfare.incident_targets")
def targets_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any
) -> None:
    if action != "post_add" or reverse or not pk_set:
        return
    from benchguard.organization.models import Person

    _open_for(instance, Person.objects.filter(pk__in=pk_set).order_by("id"))


@receiver(post_save, sender=Matter, dispatch_uid="welfare.matter_saved")
def matter_saved(sender: Any, instance: Matter, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.applicant is None or instance.right is None or instance.right.code != FAMILY_RIGHT:
        return
    from benchguard.welfare.services import open_followup

    open_followup(
        actor=None, person=instance.applicant, reason=FollowUpReason.FAMILY_THREATENED, matter=instance
    )
