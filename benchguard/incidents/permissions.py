"""Who may see and do what in the incident register (A8, A9, A13).

- Report: anyone holding a role in the court.
- See: the judicial police, the committee office, court leaders and the president see
  every incident of their court; a reporter sees what they reported; a protected
  person sees incidents about themselves; whoever is notified in a group-petition
  chain, and the owner of a protective measure, see that incident (querysets.IncidentQuerySet.visible_to).
- The petition reception department (接访部门) sees its court's group petitions and,
  like the judicial police, starts their notification chain by telling the case judge
  (A13.1).
- Manage (measures, referrals, the chain, receptions, plans, warning talks, closing):
  the judicial police and the committee office of the court. They also send the
  requests to the police, which are the liaison register's (benchguard.liaison, A19).
- Link persons of concern: managers who also read the city-wide list (A15).
- Courtroom sanctions: recorded by the presiding judge (the reporter or a protected
  person of that incident) or a manager; fines and detention approved by the court
  president (A9.3). Their written decision is printed by the same people and the
  president; an application for reconsideration and its outcome are recorded by the
  managers and the president.

After-hours protection (A12.3) is an app of its own: benchguard.after_hours.permissions.
"""

from __future__ import annotations

from typing import Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import DepartmentType, Role
from benchguard.persons_of_concern import permissions as poc_permissions

COURT_WIDE_ROLES = frozenset(
    {Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE, Role.COURT_LEADER, Role.COURT_PRESIDENT}
)
MANAGER_ROLES = frozenset({Role.JUDICIAL_POLICE, Role.COMMITTEE_OFFICE})
PLAN_READER_ROLES = COURT_WIDE_ROLES | {Role.DIVISION_CHIEF}
# A13.1: "the judicial police or the reception department tells the case judge first".
RECEPTION_ROLES = frozenset({Role.PETITION_RECEPTION})


def reporting_court_ids(user: Any) -> set[int]:
    return court_ids_with(user)


def can_report(user: Any, court_id: int | None = None) -> bool:
    ids = reporting_court_ids(user)
    return bool(ids) if court_id is None else court_id in ids


def can_manage(user: Any, incident: Any) -> bool:
    return has_role(user, *MANAGER_ROLES, court_id=incident.court_id)


def can_see(user: Any, incident: Any) -> bool:
    """Whether the incident is among those the user sees (querysets.IncidentQuerySet)."""
    return type(incident).objects.visible_to(user).filter(pk=incident.pk).exists()


def can_link_perpetrators(user: Any, incident: Any) -> bool:
    return can_manage(user, incident) and poc_permissions.can_read(user)


def is_reporter_or_target(user: Any, incident: Any) -> bool:
    if incident.reported_by_id == getattr(user, "pk", None):
        return True
    return any(p.account_id == getattr(user, "pk", None) for p in incident.targets.all())


def can_add_attachment(user: Any, incident: Any) -> bool:
    return can_manage(user, incident) or is_reporter_or_target(user, incident)


def can_sanction(user: Any, incident: Any) -> bool:
    """A9.3: the presiding judge applies the measures — a judge of the court who reported
    the disorder or is named in it — or the judicial police and the office record them."""
    presiding = is_reporter_or_target(user, incident) and has_role(
        user, Role.JUDGE, court_id=incident.court_id
    )
    return can_manage(user, incident) or presiding


def can_approve_sanction(user: Any, sanction: Any) -> bool:
    return has_role(user, Role.COURT_PRESIDENT, court_id=sanction.incident.court_id)


def can_print_decision(user: Any, sanction: Any) -> bool:
    """The written decision on a fine or detention: whoever records sanctions in the
    incident (the presiding judge, the judicial police, the office) and the president."""
    return can_sanction(user, sanction.incident) or can_approve_sanction(user, sanction)


def can_record_reconsideration(user: Any, sanction: Any) -> bool:
    """The application for reconsideration and the higher court's answer are recorded by
    the judicial police, the committee office or the president of the court."""
    return can_manage(user, sanction.incident) or can_approve_sanction(user, sanction)


def can_open_matter(user: Any, incident: Any) -> bool:
    from benchguard.matters import permissions as matter_permissions

    return matter_permissions.is_office(user, incident.court_id) or matter_permissions.is_chair_or_vice(
        user, incident.court_id
    )


def can_notify_in_chain(user: Any, incident: Any, step: str) -> bool:
    """The first step is the police's or reception's; the next ones belong to whoever
    was notified in the step before (the judge, then the chief)."""
    from benchguard.incidents.choices import CHAIN_ORDER

    if can_manage(user, incident):
        return True
    index = CHAIN_ORDER.index(step)
    if index == 0:
        return has_role(user, *RECEPTION_ROLES, court_id=incident.court_id)
    previous = CHAIN_ORDER[index - 1]
    return any(
        n.step == previous and n.notified_id == getattr(user, "pk", None) for n in incident.chain.all()
    )


def can_acknowledge(user: Any, step: Any) -> bool:
    """A step of the group-petition chain is acknowledged by the person it notified."""
    return step.notified_id is not None and step.notified_id == getattr(user, "pk", None)


def can_read_plans(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *PLAN_READER_ROLES, court_id=court_id)


def can_manage_plans(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *MANAGER_ROLES, court_id=court_id)


def can_read_talks(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *COURT_WIDE_ROLES, court_id=court_id) and poc_permissions.can_read(user)


def can_record_talk(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *MANAGER_ROLES, court_id=court_id) and poc_permissions.can_read(user)


def can_export(user: Any) -> bool:
    return has_role(user, *COURT_WIDE_ROLES)


def tabs(user: Any) -> dict[str, bool]:
    """Which tabs of the register's navigation (incidents/_nav.html) the user has."""
    return {"can_plans": can_read_plans(user), "can_talks": can_read_talks(user)}


def is_police_officer(person: Any) -> bool:
    """A judicial police officer: in the judicial police department, or holding the role."""
    if person.department is not None and person.department.type == DepartmentType.JUDICIAL_POLICE:
        return True
    return person.account_id is not None and has_role(
        person.account, Role.JUDICIAL_POLICE, court_id=person.court_id
    )
