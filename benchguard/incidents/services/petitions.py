"""Group petitions and sudden events (A13.1, A13.2): the notification chain and the
reception of the petitioners."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit
from benchguard.core.access import has_role
from benchguard.core.services import create_versioned, lock, set_related
from benchguard.core.types import Actor
from benchguard.incidents import permissions
from benchguard.incidents.choices import CHAIN_ORDER, ChainStep, IncidentKind
from benchguard.incidents.models import ChainNotification, Incident, Reception
from benchguard.incidents.permissions import is_police_officer
from benchguard.incidents.services.register import incident_url, require_open
from benchguard.notifications.services import choice_label, localized, notify
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Person
from benchguard.organization.types import account_of, signed_in


@transaction.atomic
def notify_step(
    *, actor: Actor, incident: Incident, step: str, notified: Account, note: str = ""
) -> ChainNotification:
    """One step of the chain (A13.1), in order: police or reception → case judge →
    division chief → the chief or another division leader who receives. The person
    notified gets it in their inbox and acknowledges it."""
    incident = lock(incident)
    require_open(incident)
    if incident.kind != IncidentKind.GROUP_PETITION:
        raise ValidationError(_("The notification chain belongs to group petitions."), code="invalid_kind")
    if step not in CHAIN_ORDER:
        raise ValidationError({"step": _("Choose a step.")})
    if not permissions.can_notify_in_chain(actor, incident, step):
        raise PermissionDenied
    index = CHAIN_ORDER.index(step)
    if index > 0 and not incident.chain.filter(step=CHAIN_ORDER[index - 1]).exists():
        raise ValidationError(
            {
                "step": ValidationError(
                    _("The step before this one has not been recorded yet."), code="out_of_order"
                )
            }
        )
    if not has_role(notified, *_roles_for_step(step), court_id=incident.court_id):
        raise ValidationError(
            {
                "notified": ValidationError(
                    _("This person cannot be notified at this step."), code="wrong_person"
                )
            }
        )
    try:
        with transaction.atomic():
            row = ChainNotification.objects.create(
                incident=incident,
                step=step,
                notified_by=signed_in(actor),
                notified=notified,
                note=note.strip(),
            )
    except IntegrityError:
        raise ValidationError(
            {
                "notified": ValidationError(
                    _("This person has already been notified at this step."), code="duplicate"
                )
            }
        ) from None
    audit.record_event(
        actor=actor, action="incidents.chain.notify", obj=incident, step=step, notified=notified.pk
    )
    notify(
        recipients=[notified],
        kind="incidents.chain",
        title=gettext_lazy("Group petition: please acknowledge"),
        body=localized("%(step)s · %(place)s", step=choice_label(row, "step"), place=incident.place),
        url=incident_url(incident),
        dedupe_key=f"incidents.chain:{row.pk}",
        court=incident.court,
    )
    return row


def _roles_for_step(step: str) -> tuple[str, ...]:
    if step == ChainStep.NOTIFY_JUDGE:
        return (Role.JUDGE,)
    return (Role.DIVISION_CHIEF, Role.COURT_LEADER)


@transaction.atomic
def acknowledge_step(*, actor: Actor, step: ChainNotification) -> ChainNotification:
    if not permissions.can_acknowledge(actor, step):
        raise PermissionDenied
    updated = ChainNotification.objects.filter(pk=step.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This step was already acknowledged."), code="already_acknowledged")
    step.refresh_from_db()
    audit.record_event(actor=actor, action="incidents.chain.acknowledge", obj=step.incident, step=step.step)
    return step


def reception_rule_applies(incident: Incident) -> bool:
    """A group petition, a case marked sensitive, or a registered case at a risk level
    that needs a contingency plan (A13.1, A13.2, A16)."""
    if incident.kind == IncidentKind.GROUP_PETITION or incident.sensitive_case:
        return True
    case = incident.case
    return case is not None and case.risk_level is not None and case.risk_level.needs_plan


RECEIVING_ROLES = (Role.DIVISION_CHIEF, Role.COURT_LEADER, Role.COURT_PRESIDENT)


def case_judge_of(incident: Incident) -> tuple[Person | None, str]:
    """The judge of the case the petitioners come about (A13.1), and where that comes
    from: named on the incident ("named"); else the judge in charge of the registered
    case of its number ("case", issue 12); else its first protected person ("target");
    else the judge told first in the chain ("chain"); else (None, "")."""
    if incident.case_judge_id is not None:
        return incident.case_judge, "named"
    if incident.case is not None and incident.case.judge_id is not None:
        return incident.case.judge, "case"
    targets = list(incident.targets.all())
    if targets:
        return targets[0], "target"
    told = [n for n in incident.chain.all() if n.step == ChainStep.NOTIFY_JUDGE]
    if told:
        first = min(told, key=lambda n: (n.notified_at, n.pk))
        person = Person.objects.filter(account_id=first.notified_id, court_id=incident.court_id).first()
        if person is not None:
            return person, "chain"
    return None, ""


def can_receive_petitioners(person: Person, court_id: int) -> bool:
    """A division chief or a court leader (the president included) of the court."""
    return person.account_id is not None and has_role(person.account, *RECEIVING_ROLES, court_id=court_id)


@transaction.atomic
def record_reception(
    *,
    actor: Actor,
    incident: Incident,
    held_at: dt.datetime,
    place: str,
    participants: Iterable[Person],
    police: Iterable[Person],
    petitioners: int,
    summary: str,
) -> Reception:
    """A13.1, A13.2: for a group petition or a sensitive case the petitioners are
    received by a division chief or a court leader together with the judicial police —
    never by the case judge (case_judge_of), and support staff with the police are not
    a reception."""
    if not (permissions.can_manage(actor, incident) or _in_chain(actor, incident)):
        raise PermissionDenied
    incident = lock(incident)
    require_open(incident)
    participants, police = list(participants), list(police)
    if held_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"held_at": _("A reception cannot be recorded before it is held.")})
    if petitioners < 1:
        raise ValidationError({"petitioners": _("At least one petitioner was received.")})
    if not participants:
        raise ValidationError({"participants": _("Name who received the petitioners.")})
    if any(p.court_id != incident.court_id for p in [*participants, *police]):
        raise ValidationError({"participants": _("Everyone named must belong to this court.")})
    not_police = [p for p in police if not is_police_officer(p)]
    if not_police:
        raise ValidationError(
            {"police": _("%(name)s is not a judicial police officer.") % {"name": not_police[0].name}}
        )
    if reception_rule_applies(incident):
        if not police:
            raise ValidationError(
                {
                    "police": ValidationError(
                        _("A judicial police officer must be present at this reception (A13.2)."),
                        code="no_police",
                    )
                }
            )
        case_judge, source = case_judge_of(incident)
        # Without a named case judge, every protected person counts as a judge of the case.
        judges = {p.pk for p in incident.targets.all()} if source == "target" else set()
        if case_judge is not None:
            judges.add(case_judge.pk)
        in_case = [p for p in participants if p.pk in judges]
        if in_case:
            raise ValidationError(
                {
                    "participants": ValidationError(
                        _("%(name)s is the case judge and does not receive the petitioners (A13.1, A13.2).")
                        % {"name": in_case[0].name},
                        code="case_judge",
                    )
                }
            )
        if not any(can_receive_petitioners(p, incident.court_id) for p in participants):
            raise ValidationError(
                {
                    "participants": ValidationError(
                        _(
                            "A division chief or a court leader receives the petitioners, "
                            "together with the judicial police (A13.1, A13.2)."
                        ),
                        code="no_receiver",
                    )
                }
            )
    reception = create_versioned(
        Reception(
            incident=incident,
            held_at=held_at,
            place=place.strip(),
            petitioners=petitioners,
            summary=summary.strip(),
            recorded_by=account_of(actor),
        ),
        actor=actor,
        action="incidents.reception.record",
        fields=["incident", "held_at", "place", "petitioners", "summary"],
    )
    set_related(
        reception, actor=actor, action="incidents.reception.people", participants=participants, police=police
    )
    return reception


def _in_chain(actor: Actor, incident: Incident) -> bool:
    return incident.chain.filter(notified_id=getattr(actor, "pk", None)).exists()
