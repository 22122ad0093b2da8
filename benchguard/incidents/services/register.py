"""The register itself (A8, A9, A13): reporting an incident, correcting its facts, the
protected persons, linked persons of concern, attachments, the referral for prosecution,
closing and reopening, a committee matter opened from it, and the register's export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.cases.models import Case
from benchguard.cases.numbers import parse_case_number
from benchguard.core import audit, uploads
from benchguard.core.exports import Column, local_time, workbook
from benchguard.core.services import create_versioned, lock, require_status, set_related, update_versioned
from benchguard.core.text import join_list
from benchguard.core.types import Actor
from benchguard.core.uploads import MEDIA_UPLOAD_TYPES
from benchguard.duty import services as duty
from benchguard.incidents import permissions
from benchguard.incidents.choices import IncidentKind, IncidentStatus, MeasureStatus, SanctionStatus
from benchguard.incidents.models import (
    EDITABLE_FIELDS,
    INCIDENT_FIELDS,
    REQUIRED_BY_KIND,
    Incident,
    IncidentAttachment,
)
from benchguard.matters import services as matter_services
from benchguard.matters.choices import Subject
from benchguard.matters.models import Matter
from benchguard.notifications.services import choice_label, localized, notify
from benchguard.organization.choices import Role
from benchguard.organization.models import Court, Person, RightCategory
from benchguard.organization.rights import BY_INCIDENT_NATURE, right_for
from benchguard.organization.rights import DEFAULT as DEFAULT_RIGHT
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import account_of, signed_in
from benchguard.persons_of_concern.models import PersonOfConcern


def incident_url(incident: Incident) -> str:
    return reverse("incidents:incident_detail", args=[incident.pk])


def require_open(incident: Incident) -> None:
    """Nothing of a closed incident changes until it is reopened (with the reason)."""
    require_status(
        incident,
        IncidentStatus.OPEN,
        message=_("The incident is closed; reopen it to change it."),
        code="closed",
    )


def lock_open(
    actor: Actor, incident: Incident, allowed: Callable[[Actor, Incident], bool] = permissions.can_manage
) -> Incident:
    """The incident as stored now, locked for a change that `allowed` lets the actor make
    (PermissionDenied otherwise; by default a manager of it), while it is open
    (require_open)."""
    if not allowed(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    require_open(incident)
    return incident


def _check_targets(kind: str, court_id: int, targets: Sequence[Person]) -> None:
    """The protected persons: required for a threat (REQUIRED_BY_KIND), of the court."""
    if "targets" in REQUIRED_BY_KIND.get(kind, ()) and not targets:
        raise ValidationError(
            {
                "targets": ValidationError(
                    _("Name the judge or colleague who was threatened or harmed."), code="required"
                )
            }
        )
    if any(person.court_id != court_id for person in targets):
        raise ValidationError({"targets": _("The protected persons must belong to this court.")})


def _record_targets(actor: Actor, incident: Incident, targets: Sequence[Person]) -> None:
    set_related(incident, actor=actor, action="incidents.incident.targets", targets=targets)


@transaction.atomic
def report_incident(
    *,
    actor: Actor,
    court: Court,
    kind: str,
    nature: str,
    occurred_at: dt.datetime,
    place: str,
    description: str,
    right: RightCategory | None = None,
    targets: Sequence[Person] = (),
    case_number: str = "",
    procedure: str = "",
    people_count: int | None = None,
    sensitive_case: bool = False,
    perpetrator_description: str = "",
    case_judge: Person | None = None,
) -> Incident:
    """Anyone in the court reports an incident, for themselves or on a colleague's behalf
    (A8); the judicial police and the committee office are told at once. `case_judge`
    names the judge of the case a group petition is about (A13.1)."""
    if not permissions.can_report(actor, court.pk):
        raise PermissionDenied
    _check_targets(kind, court.pk, targets)
    incident = create_versioned(
        Incident(
            court=court,
            kind=kind,
            nature=nature,
            right=right or default_right(nature),
            occurred_at=occurred_at,
            place=place.strip(),
            description=description.strip(),
            case_number=case_number.strip(),
            procedure=procedure,
            people_count=people_count,
            sensitive_case=sensitive_case,
            perpetrator_description=perpetrator_description.strip(),
            case_judge=case_judge,
            case=registered_case(court, case_number),
            reported_by=account_of(actor),
        ),
        actor=actor,
        action="incidents.incident.report",
        fields=INCIDENT_FIELDS,
    )
    if targets:
        _record_targets(actor, incident, targets)
    body = localized("%(kind)s · %(place)s", kind=choice_label(incident, "kind"), place=incident.place)
    occasion = f"incidents.reported:{incident.pk}"
    if kind == IncidentKind.GROUP_PETITION:
        # A13.1, A13.4: the judicial police officer and the duty leader on duty are called
        # first, every officer (and the court's leaders) when nobody takes it on in time.
        duty.alert_on_duty(
            court=court,
            kind="incidents.reported",
            title=gettext_lazy("A group petition was reported: the officer on duty goes to the scene"),
            body=body,
            url=incident_url(incident),
            occasion=occasion,
            leaders=True,
            email=True,
            actor=actor,
        )
        managers = accounts_with_roles(court.pk, *(permissions.MANAGER_ROLES - {Role.JUDICIAL_POLICE}))
    else:
        managers = accounts_with_roles(court.pk, *permissions.MANAGER_ROLES)
    notify(
        recipients=managers,
        kind="incidents.reported",
        title=gettext_lazy("A new incident was reported"),
        body=body,
        url=incident_url(incident),
        dedupe_key=occasion,
        court=court,
    )
    return incident


@transaction.atomic
def update_incident(
    *, actor: Actor, incident: Incident, expected_version: int, changes: dict[str, Any]
) -> Incident:
    if not permissions.can_manage(actor, incident):
        raise PermissionDenied
    require_open(incident)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These facts cannot be changed here."))
    if "case_number" in changes:
        changes = {**changes, "case": registered_case(incident.court, changes["case_number"])}
    if "right" in changes and changes["right"] is None:
        changes = {**changes, "right": default_right(changes.get("nature", incident.nature))}
    return update_versioned(
        Incident,
        incident.pk,
        actor=actor,
        action="incidents.incident.update",
        expected_version=expected_version,
        changes=changes,
    )


def default_right(nature: str) -> RightCategory:
    """The category of rights (A3) an incident concerns when its reporter chose none: the
    one its kind of act means."""
    return right_for(BY_INCIDENT_NATURE.get(nature, DEFAULT_RIGHT))


def registered_case(court: Court, number: str) -> Case | None:
    """The court's registered case of this number (however it was typed), or None: a
    group petition about it takes its case judge from it, and a case at a level that
    needs a plan makes the reception rule apply (A13.1, A13.2, A14)."""
    if not number.strip():
        return None
    try:
        parsed = parse_case_number(number, today=timezone.localdate())
    except ValidationError:
        return None  # a number of another form (or court) is kept as text only
    return Case.objects.filter(court=court, number=str(parsed)).select_related("judge", "risk_level").first()


@transaction.atomic
def set_targets(*, actor: Actor, incident: Incident, targets: Sequence[Person]) -> Incident:
    incident = lock_open(actor, incident)
    _check_targets(incident.kind, incident.court_id, targets)
    _record_targets(actor, incident, targets)
    return incident


@transaction.atomic
def link_perpetrator(*, actor: Actor, incident: Incident, person: PersonOfConcern) -> Incident:
    """Link a person of concern (A15) to the incident: the link shows on the person's
    city-wide record."""
    incident = lock_open(actor, incident, permissions.can_link_perpetrators)
    if incident.perpetrators.filter(pk=person.pk).exists():
        raise ValidationError({"person": _("This person is already linked to the incident.")})
    try:
        with transaction.atomic():
            incident.perpetrators.add(person)
    except IntegrityError:  # linked by someone else a moment ago
        raise ValidationError({"person": _("This person is already linked to the incident.")}) from None
    audit.record_event(actor=actor, action="incidents.incident.link_person", obj=incident, person=person.pk)
    return incident


@transaction.atomic
def add_attachment(*, actor: Actor, incident: Incident, upload: UploadedFile) -> IncidentAttachment:
    """A photo, recording or document, kept with its SHA-256; limited in size and type."""
    if not permissions.can_add_attachment(actor, incident):
        raise PermissionDenied
    require_open(incident)
    return uploads.attach(
        IncidentAttachment(incident=incident, uploaded_by=signed_in(actor)),
        upload,
        actor=actor,
        action="incidents.attachment.add",
        record=incident,
        allowed=MEDIA_UPLOAD_TYPES,
    )


def open_attachment(*, actor: Actor, attachment: IncidentAttachment) -> IncidentAttachment:
    """A photo, recording or document of an incident the actor sees, to download; each
    download is logged against the incident before the file is sent."""
    if not permissions.can_see(actor, attachment.incident):
        raise PermissionDenied
    audit.record_access(actor=actor, action="incidents.attachment.download", obj=attachment.incident)
    return attachment


@transaction.atomic
def refer_for_prosecution(
    *, actor: Actor, incident: Incident, referred_to: str, referred_on: dt.date
) -> Incident:
    """A9.1 (and serious courtroom disorder, A9.3): the referral for criminal liability."""
    incident = lock_open(actor, incident)
    if incident.kind not in (IncidentKind.CRIME, IncidentKind.COURTROOM):
        raise ValidationError(
            _("Only a crime in the court's areas or courtroom disorder is referred for prosecution."),
            code="invalid_kind",
        )
    if not referred_to.strip():
        raise ValidationError({"referred_to": _("Name the authority the case was referred to.")})
    return update_versioned(
        Incident,
        incident.pk,
        actor=actor,
        action="incidents.incident.refer",
        expected_version=incident.version,
        changes={"criminal_referral_to": referred_to.strip(), "criminal_referral_on": referred_on},
    )


@transaction.atomic
def close_incident(*, actor: Actor, incident: Incident, note: str) -> Incident:
    incident = lock_open(actor, incident)
    if not note.strip():
        raise ValidationError({"note": _("Say how the incident ended.")})
    open_measures = incident.measures.filter(status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS])
    if open_measures.exists():
        raise ValidationError(
            _("Finish or cancel the open protective measures before closing the incident."),
            code="open_measures",
        )
    if incident.sanctions.filter(status=SanctionStatus.PENDING).exists():
        raise ValidationError(
            _("A fine or detention still awaits the president's decision."), code="pending_sanction"
        )
    return update_versioned(
        Incident,
        incident.pk,
        actor=actor,
        action="incidents.incident.close",
        expected_version=incident.version,
        changes={"status": IncidentStatus.CLOSED, "closed_at": timezone.now(), "closing_note": note.strip()},
    )


@transaction.atomic
def reopen_incident(*, actor: Actor, incident: Incident, reason: str) -> Incident:
    """A closed incident is reopened, with the reason, to change it again (a police
    response arriving after closing, a new threat by the same person)."""
    if not permissions.can_manage(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    require_status(incident, IncidentStatus.CLOSED, message=_("The incident is open."))
    if not reason.strip():
        raise ValidationError(
            {"reason": ValidationError(_("Give the reason for reopening."), code="required")}
        )
    saved = update_versioned(
        Incident,
        incident.pk,
        actor=actor,
        action="incidents.incident.reopen",
        expected_version=incident.version,
        changes={"status": IncidentStatus.OPEN, "closed_at": None},
    )
    audit.record_event(
        actor=actor, action="incidents.incident.reopen_reason", obj=saved, reason=reason.strip()
    )
    return saved


@transaction.atomic
def open_matter(*, actor: Actor, incident: Incident) -> Matter:
    """Open a committee matter (A26, A17) for the incident in one step; the incident
    points at it and the matter's facts come from the incident."""

    if not permissions.can_open_matter(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    if incident.matter_id is not None:
        raise ValidationError(_("A committee matter is already open for this incident."), code="exists")
    targets = list(incident.targets.all())
    facts = _("%(kind)s (%(nature)s) on %(when)s at %(place)s.\n\n%(description)s") % {
        "kind": incident.get_kind_display(),
        "nature": incident.get_nature_display(),
        "when": timezone.localtime(incident.occurred_at).strftime("%Y-%m-%d %H:%M"),
        "place": incident.place,
        "description": incident.description,
    }
    matter = matter_services.open_ex_officio(
        actor=actor,
        court=incident.court,
        subject=Subject.THREAT if incident.kind == IncidentKind.THREAT else Subject.OTHER,
        facts=facts,
        infringer=incident.perpetrator_description[:200],
        applicant=targets[0] if targets else None,
    )
    update_versioned(
        Incident,
        incident.pk,
        actor=actor,
        action="incidents.incident.open_matter",
        expected_version=incident.version,
        changes={"matter": matter},
    )
    return matter


# --- Export ---------------------------------------------------------------------------------------


# The register's export (A8, A9, A13): one row an incident, as the list shows it.
EXPORT_COLUMNS: list[Column[Incident]] = [
    Column(gettext_lazy("No."), lambda incident: incident.pk),
    Column(gettext_lazy("Court"), lambda incident: incident.court.short_name),
    Column(gettext_lazy("Kind"), lambda incident: str(incident.get_kind_display())),
    Column(gettext_lazy("What kind of act"), lambda incident: str(incident.get_nature_display())),
    Column(gettext_lazy("When"), lambda incident: local_time(incident.occurred_at)),
    Column(gettext_lazy("Where"), lambda incident: incident.place),
    Column(gettext_lazy("Case number"), lambda incident: incident.case_number),
    Column(
        gettext_lazy("Protected persons"), lambda incident: join_list(p.name for p in incident.targets.all())
    ),
    Column(gettext_lazy("Status"), lambda incident: str(incident.get_status_display())),
    Column(gettext_lazy("What happened"), lambda incident: incident.description),
]


def export_incidents(*, actor: Actor, incidents: Iterable[Incident], searched: Sequence[str] = ()) -> bytes:
    """The register (as searched) as an Excel workbook for those who see a court's
    incidents; logged with the count and what was searched by — never the values."""
    if not permissions.can_export(actor):
        raise PermissionDenied
    rows = list(incidents)
    audit.record_event(
        actor=actor, action="incidents.incident.export", obj=None, count=len(rows), searched=sorted(searched)
    )
    return workbook(title=_("Incidents"), columns=EXPORT_COLUMNS, rows=rows)
