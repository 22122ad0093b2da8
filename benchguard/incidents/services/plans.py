"""Emergency plans (A13.4): the plan documents, their activation and who arrived."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit
from benchguard.core.types import Actor
from benchguard.core.uploads import check_upload
from benchguard.incidents import permissions
from benchguard.incidents.models import ActivationCall, EmergencyPlan, Incident, PlanActivation
from benchguard.incidents.services.files import create_with_court_file
from benchguard.incidents.services.register import incident_url
from benchguard.notifications.services import notify
from benchguard.organization.models import Court, Person
from benchguard.organization.types import account_of, signed_in


@transaction.atomic
def add_plan(*, actor: Actor, court: Court, kind: str, title: str, upload: UploadedFile) -> EmergencyPlan:
    if not permissions.can_manage_plans(actor, court.pk):
        raise PermissionDenied
    checked = check_upload(upload)
    plan = EmergencyPlan(
        court=court,
        kind=kind,
        title=title.strip(),
        file_name=checked.name,
        sha256=checked.sha256,
        uploaded_by=account_of(actor),
    )
    return create_with_court_file(
        plan,
        plan.file,
        upload,
        checked,
        actor=actor,
        action="incidents.plan.create",
        fields=["court", "kind", "title", "file_name", "sha256"],
    )


@transaction.atomic
def activate_plan(
    *,
    actor: Actor,
    plan: EmergencyPlan,
    calls: Sequence[tuple[str, Person]],
    incident: Incident | None = None,
    activated_at: dt.datetime | None = None,
) -> PlanActivation:
    """Activate the plan and record who was called (A13.4); each arrival is recorded
    with record_arrival. `activated_at` records an activation after the fact."""
    if not permissions.can_manage_plans(actor, plan.court_id):
        raise PermissionDenied
    if not plan.in_force:
        raise ValidationError(_("This plan is no longer in force."), code="not_in_force")
    if incident is not None and incident.court_id != plan.court_id:
        raise ValidationError({"incident": _("The incident belongs to another court.")})
    if not calls:
        raise ValidationError({"calls": _("Name at least one person called to the scene.")})
    people = [person for _role, person in calls]
    if len({p.pk for p in people}) != len(people):
        raise ValidationError({"calls": _("Each person is called once.")})
    if any(p.court_id != plan.court_id for p in people):
        raise ValidationError({"calls": _("Everyone called must belong to this court.")})
    now = timezone.now()
    if activated_at is not None and activated_at > now + dt.timedelta(minutes=5):
        raise ValidationError({"activated_at": _("The activation cannot be in the future.")})
    now = activated_at or now
    activation = PlanActivation.objects.create(
        plan=plan, incident=incident, activated_by=signed_in(actor), activated_at=now
    )
    ActivationCall.objects.bulk_create(
        [
            ActivationCall(activation=activation, role=role, person=person, called_at=now)
            for role, person in calls
        ]
    )
    audit.record_event(
        actor=actor,
        action="incidents.plan.activate",
        obj=plan,
        incident=incident.pk if incident else None,
        called=[[role, person.pk] for role, person in calls],
    )
    accounts = [p.account for p in people if p.account_id]
    notify(
        recipients=[a for a in accounts if a is not None],
        kind="incidents.plan",
        title=gettext_lazy("Emergency plan activated: go to the scene"),
        body=plan.title,
        url=incident_url(incident) if incident else "",
        dedupe_key=f"incidents.plan:{activation.pk}",
        court=plan.court,
    )
    return activation


@transaction.atomic
def record_arrival(*, actor: Actor, call: ActivationCall, arrived_at: dt.datetime) -> ActivationCall:
    if not permissions.can_manage_plans(actor, call.activation.plan.court_id):
        raise PermissionDenied
    if arrived_at < call.called_at:
        raise ValidationError({"arrived_at": _("The arrival cannot be before the call.")})
    if arrived_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"arrived_at": _("The arrival cannot be in the future.")})
    updated = ActivationCall.objects.filter(pk=call.pk, arrived_at__isnull=True).update(arrived_at=arrived_at)
    if not updated:
        raise ValidationError(_("The arrival was already recorded."), code="already_recorded")
    call.refresh_from_db()
    audit.record_event(
        actor=actor, action="incidents.plan.arrival", obj=call.activation.plan, person=call.person_id
    )
    return call
