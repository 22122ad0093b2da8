"""Protective measures (A8). Requests to the police are requests of the liaison register
(benchguard.liaison, A19)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core.services import create_versioned, lock, update_versioned
from benchguard.core.types import Actor
from benchguard.incidents import permissions
from benchguard.incidents.choices import MeasureStatus
from benchguard.incidents.models import Incident, ProtectiveMeasure
from benchguard.incidents.services.register import incident_url, lock_open, require_open
from benchguard.notifications.services import choice_label, localized, notify
from benchguard.organization.models import Person


@transaction.atomic
def add_measure(
    *, actor: Actor, incident: Incident, kind: str, description: str, owner: Person, due_date: dt.date
) -> ProtectiveMeasure:
    incident = lock_open(actor, incident)
    if owner.court_id != incident.court_id:
        raise ValidationError({"owner": _("The owner must belong to this court.")})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    measure = create_versioned(
        ProtectiveMeasure(
            incident=incident, kind=kind, description=description, owner=owner, due_date=due_date
        ),
        actor=actor,
        action="incidents.measure.create",
        fields=["incident", "kind", "description", "owner", "due_date"],
    )
    if owner.account_id:
        notify(
            recipients=[owner.account] if owner.account else [],
            kind="incidents.measure",
            title=gettext_lazy("A protective measure was given to you"),
            body=localized("%(kind)s · %(due)s", kind=choice_label(measure, "kind"), due=due_date),
            url=incident_url(incident),
            dedupe_key=f"incidents.measure:{measure.pk}",
            court=incident.court,
        )
    return measure


MEASURE_STEPS = {
    MeasureStatus.PLANNED: {MeasureStatus.IN_PROGRESS, MeasureStatus.DONE, MeasureStatus.CANCELLED},
    MeasureStatus.IN_PROGRESS: {MeasureStatus.DONE, MeasureStatus.CANCELLED},
    MeasureStatus.DONE: set(),
    MeasureStatus.CANCELLED: set(),
}


@transaction.atomic
def update_measure(
    *, actor: Actor, measure: ProtectiveMeasure, expected_version: int, status: str, result: str = ""
) -> ProtectiveMeasure:
    """Move a measure on (planned → in progress → done, or cancelled); the owner may
    report on their own measure."""
    incident = measure.incident
    is_owner = measure.owner.account_id == getattr(actor, "pk", None)
    if not (permissions.can_manage(actor, incident) or is_owner):
        raise PermissionDenied
    require_open(lock(incident))
    if measure.status in (MeasureStatus.DONE, MeasureStatus.CANCELLED):
        raise ValidationError(
            {
                "status": ValidationError(
                    _("A measure that is %(status)s cannot change any more.")
                    % {"status": measure.get_status_display()},
                    code="invalid_transition",
                )
            }
        )
    if status != measure.status and status not in MEASURE_STEPS[MeasureStatus(measure.status)]:
        raise ValidationError(
            {
                "status": ValidationError(
                    _("A measure that is %(status)s cannot change to that status.")
                    % {"status": measure.get_status_display()},
                    code="invalid_transition",
                )
            }
        )
    if status in (MeasureStatus.DONE, MeasureStatus.CANCELLED) and not result.strip():
        raise ValidationError({"result": _("Say what was done, or why the measure was cancelled.")})
    changes: dict[str, Any] = {"status": status, "result": result.strip()}
    if status == MeasureStatus.DONE:
        changes["done_at"] = timezone.now()
    return update_versioned(
        ProtectiveMeasure,
        measure.pk,
        actor=actor,
        action="incidents.measure.update",
        expected_version=expected_version,
        changes=changes,
    )
