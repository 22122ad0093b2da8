"""Every change to after-hours protection (A12.3) goes through these functions: each
checks permission, validates, writes in one transaction and leaves an audit entry.

The audit actions and notification kinds keep the `incidents.protection.` prefix they
had when protection was part of the incident register, so the trail and the inboxes
read as one series across the move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.after_hours import permissions
from benchguard.after_hours.choices import ProtectionStatus
from benchguard.after_hours.models import ProtectionLogEntry, ProtectionRequest
from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, require_status, set_related, update_versioned
from benchguard.core.types import Actor
from benchguard.incidents import permissions as incident_permissions
from benchguard.incidents.models import Incident
from benchguard.incidents.permissions import is_police_officer
from benchguard.notifications.services import notify
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Person
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import account_of, signed_in

PROTECTION_FIELDS = ["court", "judge", "risk", "place", "starts_at", "ends_at", "incident", "status"]


def _for_police(
    actor: Actor,
    request: ProtectionRequest,
    status: str,
    *,
    expected_version: int | None = None,
    code: str = "invalid_transition",
) -> ProtectionRequest:
    """The request as stored now, locked, for a step of the judicial police of its court
    (PermissionDenied for anyone else) that only a request in `status` allows."""
    if not permissions.can_act_on_protection(actor, request):
        raise PermissionDenied
    request = lock(request, expected_version, related=("court", "judge"))
    require_status(
        request, status, message=_("This cannot be done while the protection is “%(status)s”."), code=code
    )
    return request


def _tell(
    request: ProtectionRequest, recipients: Iterable[Account | None], kind: str, title: str | Promise
) -> None:
    """Tell people about a request, once each: the judge and when — the place and the
    risk only in BenchGuard (A18), as notifications are also e-mailed."""
    notify(
        recipients=[account for account in recipients if account is not None],
        kind=kind,
        title=title,
        body=f"{request.judge.name} · {timezone.localtime(request.starts_at):%Y-%m-%d %H:%M}",
        url=reverse("after_hours:protection_detail", args=[request.pk]),
        dedupe_key=f"{kind}:{request.pk}",
        court=request.court,
    )


@transaction.atomic
def request_protection(
    *,
    actor: Actor,
    judge: Person,
    risk: str,
    place: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    incident: Incident | None = None,
) -> ProtectionRequest:
    """A judge at evident risk outside working hours, their division chief or the
    committee office asks the judicial police detachment for protection (A12.3): the
    risk, where and when; the judicial police of the court are told at once."""
    if not permissions.can_request_protection(actor, judge):
        raise PermissionDenied
    errors: dict[str, ValidationError] = {}
    if not risk.strip():
        errors["risk"] = ValidationError(_("Describe the risk."), code="required")
    if not place.strip():
        errors["place"] = ValidationError(_("Say where the judge needs protection."), code="required")
    if ends_at <= starts_at:
        errors["ends_at"] = ValidationError(
            _("The protection must end after it starts."), code="ends_before_starts"
        )
    elif ends_at <= timezone.now():
        errors["ends_at"] = ValidationError(_("The protection cannot end in the past."), code="in_the_past")
    if incident is not None:
        if incident.court_id != judge.court_id:
            errors["incident"] = ValidationError(
                _("The incident belongs to another court."), code="other_court"
            )
        elif not incident_permissions.can_see(actor, incident):
            errors["incident"] = ValidationError(_("Choose an incident you can see."), code="not_visible")
    if errors:
        raise ValidationError(errors)
    request = create_versioned(
        ProtectionRequest(
            court_id=judge.court_id,
            judge=judge,
            requested_by=account_of(actor),
            risk=risk.strip(),
            place=place.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            incident=incident,
        ),
        actor=actor,
        action="incidents.protection.request",
        fields=PROTECTION_FIELDS,
        redact=["risk", "place"],  # a judge's home is private (A18)
    )
    _tell(
        request,
        accounts_with_roles(judge.court_id, Role.JUDICIAL_POLICE),
        "incidents.protection.requested",
        gettext_lazy("After-hours protection requested"),
    )
    return request


@transaction.atomic
def decide_protection(
    *,
    actor: Actor,
    request: ProtectionRequest,
    expected_version: int,
    approve: bool,
    officers: Sequence[Person] = (),
    note: str = "",
) -> ProtectionRequest:
    """The judicial police approve the protection and assign officers of the court's
    judicial police, or decline it with a note. The requester, the protected judge and
    the officers assigned are told."""
    request = _for_police(actor, request, ProtectionStatus.REQUESTED, expected_version=expected_version)
    officers = list(officers) if approve else []
    if approve:
        if not officers:
            raise ValidationError(
                {"officers": ValidationError(_("Assign at least one officer."), code="no_officer")}
            )
        others = [p for p in officers if p.court_id != request.court_id]
        if others:
            raise ValidationError(
                {
                    "officers": ValidationError(
                        _("%(name)s does not belong to this court.") % {"name": others[0].name},
                        code="other_court",
                    )
                }
            )
        not_police = [p for p in officers if not is_police_officer(p)]
        if not_police:
            raise ValidationError(
                {
                    "officers": ValidationError(
                        _("%(name)s is not a judicial police officer.") % {"name": not_police[0].name},
                        code="not_police",
                    )
                }
            )
    elif not note.strip():
        raise ValidationError({"note": ValidationError(_("Give the reason for declining."), code="required")})
    saved = update_versioned(
        ProtectionRequest,
        request.pk,
        actor=actor,
        action="incidents.protection.approve" if approve else "incidents.protection.decline",
        expected_version=expected_version,
        changes={
            "status": ProtectionStatus.APPROVED if approve else ProtectionStatus.DECLINED,
            "decided_by": actor,
            "decided_at": timezone.now(),
            "decision_note": note.strip(),
        },
    )
    if approve:
        set_related(saved, actor=actor, action="incidents.protection.officers", officers=officers)
    _tell(
        saved,
        [saved.requested_by, *([saved.judge.account] if saved.judge.account_id else [])],
        "incidents.protection.decided",
        gettext_lazy("After-hours protection approved")
        if approve
        else gettext_lazy("After-hours protection declined"),
    )
    _tell(
        saved,
        [p.account for p in officers if p.account_id],
        "incidents.protection.assigned",
        gettext_lazy("You are assigned to protect a judge after hours"),
    )
    return saved


def open_protection(*, actor: Actor, request: ProtectionRequest) -> ProtectionRequest:
    """A request for protection, to show to someone who sees it: where a judge is
    protected (often their home) is private (A18), so every opening is logged first."""
    if not permissions.can_see(actor, request):
        raise PermissionDenied
    audit.record_access(actor=actor, action="incidents.protection.view", obj=request)
    return request


@transaction.atomic
def log_protection(
    *, actor: Actor, request: ProtectionRequest, what_was_done: str, at: dt.datetime | None = None
) -> ProtectionLogEntry:
    """The judicial police log what was done for an approved protection."""
    request = _for_police(actor, request, ProtectionStatus.APPROVED, code="not_approved")
    if not what_was_done.strip():
        raise ValidationError({"what_was_done": ValidationError(_("Say what was done."), code="required")})
    now = timezone.now()
    if at is not None and at > now + dt.timedelta(minutes=5):
        raise ValidationError({"at": ValidationError(_("The time cannot be in the future."), code="future")})
    entry = ProtectionLogEntry.objects.create(
        request=request, at=at or now, by=signed_in(actor), what_was_done=what_was_done.strip()
    )
    audit.record_event(
        actor=actor,
        action="incidents.protection.log",
        obj=request,
        entry=entry.pk,
        at=entry.at.isoformat(),
        what_was_done=entry.what_was_done,
    )
    return entry


@transaction.atomic
def complete_protection(
    *, actor: Actor, request: ProtectionRequest, expected_version: int, note: str = ""
) -> ProtectionRequest:
    """The judicial police close an approved protection once it is over."""
    request = _for_police(actor, request, ProtectionStatus.APPROVED, expected_version=expected_version)
    return update_versioned(
        ProtectionRequest,
        request.pk,
        actor=actor,
        action="incidents.protection.complete",
        expected_version=expected_version,
        changes={
            "status": ProtectionStatus.COMPLETED,
            "completed_at": timezone.now(),
            "completion_note": note.strip(),
        },
    )
