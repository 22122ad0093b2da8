"""Every change to the incident register (A8, A9, A13) goes through these functions:
each checks permission, validates, writes in one transaction and leaves an audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit, uploads
from benchguard.core.access import has_role
from benchguard.core.exports import Column, local_time, workbook
from benchguard.core.services import create_versioned, lock, require_status, update_versioned
from benchguard.core.text import join_list
from benchguard.core.types import Actor
from benchguard.core.uploads import MEDIA_UPLOAD_TYPES, check_upload, stored
from benchguard.incidents import permissions
from benchguard.incidents.choices import (
    AFTER_A_WARNING,
    CHAIN_ORDER,
    NEEDS_PRESIDENT,
    SEVERITY,
    ChainStep,
    IncidentKind,
    IncidentStatus,
    MeasureStatus,
    Procedure,
    ReconsiderationOutcome,
    SanctionMeasure,
    SanctionStatus,
    SubjectKind,
)
from benchguard.incidents.models import (
    REQUIRED_BY_KIND,
    ActivationCall,
    ChainNotification,
    EmergencyPlan,
    Incident,
    IncidentAttachment,
    PlanActivation,
    PoliceRequest,
    ProtectiveMeasure,
    Reception,
    Reconsideration,
    Sanction,
    SanctionCap,
    WarningTalk,
)
from benchguard.incidents.permissions import is_police_officer
from benchguard.notifications.services import choice_label, localized, notify
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import account_of, signed_in
from benchguard.persons_of_concern import permissions as poc_permissions
from benchguard.persons_of_concern.models import PersonOfConcern

INCIDENT_FIELDS = [
    "court",
    "kind",
    "nature",
    "occurred_at",
    "place",
    "description",
    "case_number",
    "procedure",
    "people_count",
    "sensitive_case",
    "perpetrator_description",
    "case_judge",
]
EDITABLE_FIELDS = [f for f in INCIDENT_FIELDS if f not in ("court", "kind")]


def _url(incident: Incident) -> str:
    return reverse("incidents:incident_detail", args=[incident.pk])


def _require_open(incident: Incident) -> None:
    """Nothing of a closed incident changes until it is reopened (with the reason)."""
    require_status(
        incident,
        IncidentStatus.OPEN,
        message=_("The incident is closed; reopen it to change it."),
        code="closed",
    )


# --- Reporting -----------------------------------------------------------------------------------


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
    if "targets" in REQUIRED_BY_KIND.get(kind, ()) and not targets:
        raise ValidationError(
            {
                "targets": ValidationError(
                    _("Name the judge or colleague who was threatened or harmed."), code="required"
                )
            }
        )
    if any(person.court_id != court.pk for person in targets):
        raise ValidationError({"targets": _("The protected persons must belong to this court.")})
    incident = create_versioned(
        Incident(
            court=court,
            kind=kind,
            nature=nature,
            occurred_at=occurred_at,
            place=place.strip(),
            description=description.strip(),
            case_number=case_number.strip(),
            procedure=procedure,
            people_count=people_count,
            sensitive_case=sensitive_case,
            perpetrator_description=perpetrator_description.strip(),
            case_judge=case_judge,
            reported_by=account_of(actor),
        ),
        actor=actor,
        action="incidents.incident.report",
        fields=INCIDENT_FIELDS,
    )
    if targets:
        incident.targets.set(targets)
        audit.record_event(
            actor=actor, action="incidents.incident.targets", obj=incident, targets=[p.pk for p in targets]
        )
    notify(
        recipients=accounts_with_roles(court.pk, *permissions.MANAGER_ROLES),
        kind="incidents.reported",
        title=gettext_lazy("A new incident was reported"),
        body=localized("%(kind)s · %(place)s", kind=choice_label(incident, "kind"), place=incident.place),
        url=_url(incident),
        dedupe_key=f"incidents.reported:{incident.pk}",
        court=court,
    )
    return incident


@transaction.atomic
def update_incident(
    *, actor: Actor, incident: Incident, expected_version: int, changes: dict[str, Any]
) -> Incident:
    if not permissions.can_manage(actor, incident):
        raise PermissionDenied
    _require_open(incident)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These facts cannot be changed here."))
    return update_versioned(
        Incident,
        incident.pk,
        actor=actor,
        action="incidents.incident.update",
        expected_version=expected_version,
        changes=changes,
    )


@transaction.atomic
def set_targets(*, actor: Actor, incident: Incident, targets: Sequence[Person]) -> Incident:
    if not permissions.can_manage(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    _require_open(incident)
    if "targets" in REQUIRED_BY_KIND.get(incident.kind, ()) and not targets:
        raise ValidationError({"targets": _("Name the judge or colleague who was threatened or harmed.")})
    if any(person.court_id != incident.court_id for person in targets):
        raise ValidationError({"targets": _("The protected persons must belong to this court.")})
    incident.targets.set(targets)
    audit.record_event(
        actor=actor, action="incidents.incident.targets", obj=incident, targets=[p.pk for p in targets]
    )
    return incident


@transaction.atomic
def link_perpetrator(*, actor: Actor, incident: Incident, person: PersonOfConcern) -> Incident:
    """Link a person of concern (A15) to the incident: the link shows on the person's
    city-wide record."""
    if not permissions.can_link_perpetrators(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    _require_open(incident)
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
    _require_open(incident)
    return uploads.attach(
        IncidentAttachment(incident=incident, uploaded_by=signed_in(actor)),
        upload,
        actor=actor,
        action="incidents.attachment.add",
        record=incident,
        prefix=str(incident.pk),
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
    if not permissions.can_manage(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    _require_open(incident)
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
    if not permissions.can_manage(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    _require_open(incident)
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
def open_matter(*, actor: Actor, incident: Incident) -> Any:
    """Open a committee matter (A26, A17) for the incident in one step; the incident
    points at it and the matter's facts come from the incident."""
    from benchguard.matters import services as matter_services
    from benchguard.matters.choices import Subject

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


# --- Protective measures and the police (A8, A9.2) ----------------------------------------------


@transaction.atomic
def add_measure(
    *, actor: Actor, incident: Incident, kind: str, description: str, owner: Person, due_date: dt.date
) -> ProtectiveMeasure:
    if not permissions.can_manage(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    _require_open(incident)
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
            url=_url(incident),
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
    _require_open(lock(incident))
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


@transaction.atomic
def send_police_request(
    *,
    actor: Actor,
    incident: Incident,
    police_unit: str,
    sent_on: dt.date,
    request_text: str,
    reference: str = "",
) -> PoliceRequest:
    """The formal request to the public security organs (商请公安机关依法处理)."""
    if not permissions.can_manage(actor, incident):
        raise PermissionDenied
    incident = lock(incident)
    _require_open(incident)
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("The date cannot be in the future.")})
    if sent_on < timezone.localtime(incident.occurred_at).date():
        raise ValidationError({"sent_on": _("The request cannot predate the incident.")})
    return create_versioned(
        PoliceRequest(
            incident=incident,
            police_unit=police_unit.strip(),
            sent_on=sent_on,
            reference=reference.strip(),
            request_text=request_text.strip(),
            sent_by=account_of(actor),
        ),
        actor=actor,
        action="incidents.police.request",
        fields=["incident", "police_unit", "sent_on", "reference", "request_text"],
    )


@transaction.atomic
def record_police_response(
    *,
    actor: Actor,
    request: PoliceRequest,
    expected_version: int,
    response: str,
    response_on: dt.date,
    follow_up: str = "",
) -> PoliceRequest:
    if not permissions.can_manage(actor, request.incident):
        raise PermissionDenied
    _require_open(lock(request.incident))
    if not response.strip():
        raise ValidationError({"response": _("Enter the police response.")})
    if response_on > timezone.localdate():
        raise ValidationError({"response_on": _("The date cannot be in the future.")})
    if response_on < request.sent_on:
        raise ValidationError({"response_on": _("The response cannot predate the request.")})
    return update_versioned(
        PoliceRequest,
        request.pk,
        actor=actor,
        action="incidents.police.response",
        expected_version=expected_version,
        changes={"response": response.strip(), "response_on": response_on, "follow_up": follow_up.strip()},
    )


# --- Courtroom sanctions (A9.3) -----------------------------------------------------------------


def cap_for(procedure: str) -> SanctionCap:
    cap = SanctionCap.objects.filter(procedure=procedure).first()
    if cap is None:
        raise ValidationError(_("No statutory limits are set for this procedure."), code="no_cap")
    return cap


def check_cap(
    *, procedure: str, measure: str, subject_kind: str, amount: int | None, days: int | None
) -> None:
    """Refuse an amount or length outside the statutory cap of the case's procedure,
    naming the cap (Civil Procedure Law art. 118, Administrative Litigation Law art. 59,
    Criminal Procedure Law art. 199 — seeded in SanctionCap). A unit is sanctioned only
    where the procedure allows it (the civil procedure's fines); elsewhere the measures
    fall on people, and the unit's responsible person is named instead."""
    cap = cap_for(procedure)
    if subject_kind == SubjectKind.ORGANIZATION and not (
        cap.fines_organisations and measure == SanctionMeasure.FINE
    ):
        if measure == SanctionMeasure.DETENTION:
            message = _("Only an individual can be detained.")
            code = "detention_organisation"
        elif cap.fines_organisations:
            message = _("Only a fine can be imposed on an organisation; name the person for other measures.")
            code = "organisation_not_liable"
        else:
            message = _(
                "Under %(procedure)s the measures fall on people, not on units: name the unit's "
                "principal or directly responsible person as an individual, and the unit they answer for."
            ) % {"procedure": cap.get_procedure_display()}
            code = "organisation_not_liable"
        raise ValidationError({"subject_kind": ValidationError(message, code=code)})
    if measure == SanctionMeasure.FINE:
        if amount is None or amount <= 0:
            raise ValidationError(
                {"amount": ValidationError(_("Enter the amount of the fine."), code="required")}
            )
        if subject_kind == SubjectKind.ORGANIZATION:
            low, high = cap.fine_organization_min, cap.fine_organization_max
            if not low <= amount <= high:
                message = _(
                    "Under %(procedure)s a fine on an organisation is between RMB %(low)s and RMB %(high)s."
                ) % {"procedure": cap.get_procedure_display(), "low": f"{low:,}", "high": f"{high:,}"}
                raise ValidationError({"amount": ValidationError(message, code="over_cap")})
        elif amount > cap.fine_individual_max:
            message = _("Under %(procedure)s a fine on an individual is at most RMB %(high)s.") % {
                "procedure": cap.get_procedure_display(),
                "high": f"{cap.fine_individual_max:,}",
            }
            raise ValidationError({"amount": ValidationError(message, code="over_cap")})
    if measure == SanctionMeasure.DETENTION:
        if days is None or days <= 0:
            raise ValidationError(
                {"days": ValidationError(_("Enter the number of days of detention."), code="required")}
            )
        if days > cap.detention_max_days:
            message = _("Under %(procedure)s detention is at most %(days)s days.") % {
                "procedure": cap.get_procedure_display(),
                "days": cap.detention_max_days,
            }
            raise ValidationError({"days": ValidationError(message, code="over_cap")})


@transaction.atomic
def impose_sanction(
    *,
    actor: Actor,
    incident: Incident,
    measure: str,
    subject_name: str,
    reason: str,
    subject_kind: str = SubjectKind.INDIVIDUAL,
    amount: int | None = None,
    days: int | None = None,
    on_behalf_of: str = "",
) -> Sanction:
    """Record a measure the presiding judge applied (A9.3). Warnings to removal take
    effect at once; a fine or detention waits for the court president's approval. Under
    the criminal procedure the judge warns first (Criminal Procedure Law art. 199):
    removal, a fine or detention need an earlier warning of the same person.
    `on_behalf_of` names the unit whose responsible person is sanctioned."""
    if not permissions.can_sanction(actor, incident):
        raise PermissionDenied
    if incident.kind != IncidentKind.COURTROOM:
        raise ValidationError(_("Sanctions apply to courtroom disorder only."), code="invalid_kind")
    incident = lock(incident)
    _require_open(incident)
    if measure not in SEVERITY:
        raise ValidationError({"measure": _("Choose a measure.")})
    if measure != SanctionMeasure.FINE:
        amount = None
    if measure != SanctionMeasure.DETENTION:
        days = None
    check_cap(
        procedure=incident.procedure, measure=measure, subject_kind=subject_kind, amount=amount, days=days
    )
    if not subject_name.strip():
        raise ValidationError(
            {"subject_name": ValidationError(_("Name the person sanctioned."), code="required")}
        )
    criminal = incident.procedure == Procedure.CRIMINAL
    if criminal and measure in AFTER_A_WARNING and not _was_warned(incident, subject_name):
        raise ValidationError(
            {
                "measure": ValidationError(
                    _(
                        "Under the criminal procedure the presiding judge first warns %(name)s; "
                        "record the warning before this measure."
                    )
                    % {"name": subject_name.strip()},
                    code="warning_first",
                )
            }
        )
    needs_approval = measure in NEEDS_PRESIDENT
    sanction = create_versioned(
        Sanction(
            incident=incident,
            measure=measure,
            subject_kind=subject_kind,
            subject_name=subject_name.strip(),
            on_behalf_of=on_behalf_of.strip(),
            amount=amount,
            days=days,
            reason=reason.strip(),
            decided_by=account_of(actor),
            status=SanctionStatus.PENDING if needs_approval else SanctionStatus.IN_EFFECT,
        ),
        actor=actor,
        action="incidents.sanction.impose",
        fields=[
            "incident",
            "measure",
            "subject_kind",
            "subject_name",
            "on_behalf_of",
            "amount",
            "days",
            "reason",
            "status",
        ],
    )
    if needs_approval:
        notify(
            recipients=accounts_with_roles(incident.court_id, Role.COURT_PRESIDENT),
            kind="incidents.sanction",
            title=gettext_lazy("A fine or detention awaits your approval"),
            body=localized(
                "%(measure)s · %(name)s",
                measure=choice_label(sanction, "measure"),
                name=sanction.subject_name,
            ),
            url=_url(incident),
            dedupe_key=f"incidents.sanction:{sanction.pk}",
            court=incident.court,
        )
    return sanction


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


def _was_warned(incident: Incident, subject_name: str) -> bool:
    """Whether the person was warned earlier in this incident (the warning is in effect
    from the moment it is recorded)."""
    warnings = incident.sanctions.filter(measure=SanctionMeasure.WARNING, status=SanctionStatus.IN_EFFECT)
    return any(_same_name(w.subject_name, subject_name) for w in warnings)


@transaction.atomic
def decide_sanction(
    *, actor: Actor, sanction: Sanction, expected_version: int, approve: bool, reason: str = ""
) -> Sanction:
    """The court president approves a fine or detention (it takes effect) or does not."""
    if not permissions.can_approve_sanction(actor, sanction):
        raise PermissionDenied
    require_status(
        sanction,
        SanctionStatus.PENDING,
        message=_("This sanction is not awaiting approval; it is %(status)s."),
    )
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for not approving.")})
    saved = update_versioned(
        Sanction,
        sanction.pk,
        actor=actor,
        action="incidents.sanction.approve" if approve else "incidents.sanction.refuse",
        expected_version=expected_version,
        changes={
            "status": SanctionStatus.IN_EFFECT if approve else SanctionStatus.REFUSED,
            "approved_by": actor,
            "approved_at": timezone.now(),
            "refusal_reason": "" if approve else reason.strip(),
        },
    )
    notify(
        recipients=[saved.decided_by],
        kind="incidents.sanction.decided",
        title=gettext_lazy("The president decided on a fine or detention"),
        body=localized(
            "%(measure)s · %(status)s",
            measure=choice_label(saved, "measure"),
            status=choice_label(saved, "status"),
        ),
        url=_url(saved.incident),
        dedupe_key=f"incidents.sanction.decided:{saved.pk}",
        court=saved.incident.court,
    )
    return saved


def reconsideration_due(*, procedure: str, received_on: dt.date) -> dt.date | None:
    """The last day to apply for reconsideration of a fine or detention: the period of
    the procedure's cap (SanctionCap.reconsideration_days, 3 days under the civil
    procedure) counted from the day after the decision was received, a last day on a
    rest day or holiday moved to the next working day (core.deadlines); None when the
    procedure sets no period."""
    from benchguard.core import deadlines

    days = cap_for(procedure).reconsideration_days
    if not days:
        return None
    return deadlines.due_date(received_on, days)


def _require_decision(sanction: Sanction, *statuses: str) -> None:
    """A written decision exists for a fine or detention the president approved and
    that is now in one of `statuses`."""
    if sanction.measure not in NEEDS_PRESIDENT or sanction.status not in statuses:
        raise ValidationError(
            _("Only a fine or detention approved by the president has a written decision."),
            code="no_decision",
        )


@transaction.atomic
def apply_for_reconsideration(
    *,
    actor: Actor,
    sanction: Sanction,
    decision_received_on: dt.date,
    applied_on: dt.date,
    grounds: str = "",
) -> Reconsideration:
    """The fined or detained person applies, once, to the next-higher court for
    reconsideration (A9.3; Civil Procedure Law art. 119). The court records the
    application and passes it on; enforcement is not suspended, so the sanction stays in
    effect. An application after the period is recorded all the same and marked late:
    the higher court decides whether to hear it."""
    incident = sanction.incident
    if not permissions.can_record_reconsideration(actor, sanction):
        raise PermissionDenied
    _require_open(lock(incident))
    sanction = lock(sanction)
    _require_decision(sanction, SanctionStatus.IN_EFFECT)
    if Reconsideration.objects.filter(sanction=sanction).exists():
        raise ValidationError(
            _("The person has already applied for reconsideration; the law allows it once."), code="once"
        )
    higher = incident.court.parent
    if higher is None:
        raise ValidationError(_("The court has no higher court on record."), code="no_higher_court")
    today = timezone.localdate()
    errors: dict[str, ValidationError] = {}
    decided_on = timezone.localdate(sanction.approved_at) if sanction.approved_at else None
    if decision_received_on > today:
        errors["decision_received_on"] = ValidationError(
            _("The date cannot be in the future."), code="future"
        )
    elif decided_on and decision_received_on < decided_on:
        errors["decision_received_on"] = ValidationError(
            _("The decision cannot be received before the president approved it (%(date)s).")
            % {"date": decided_on.isoformat()},
            code="before_decision",
        )
    if applied_on > today:
        errors["applied_on"] = ValidationError(_("The date cannot be in the future."), code="future")
    elif applied_on < decision_received_on:
        errors["applied_on"] = ValidationError(
            _("The application cannot predate the receipt of the decision."), code="before_receipt"
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            row = create_versioned(
                Reconsideration(
                    sanction=sanction,
                    higher_court=higher,
                    decision_received_on=decision_received_on,
                    due_on=reconsideration_due(
                        procedure=incident.procedure, received_on=decision_received_on
                    ),
                    applied_on=applied_on,
                    grounds=grounds.strip(),
                    recorded_by=account_of(actor),
                ),
                actor=actor,
                action="incidents.sanction.reconsideration",
                fields=[
                    "sanction",
                    "higher_court",
                    "decision_received_on",
                    "due_on",
                    "applied_on",
                    "grounds",
                ],
            )
    except IntegrityError:  # recorded by someone else a moment ago
        raise ValidationError(
            _("The person has already applied for reconsideration; the law allows it once."), code="once"
        ) from None
    return row


@transaction.atomic
def record_reconsideration_outcome(
    *,
    actor: Actor,
    reconsideration: Reconsideration,
    expected_version: int,
    outcome: str,
    outcome_on: dt.date,
    note: str = "",
) -> Reconsideration:
    """What the next-higher court decided: upheld, varied (the note says how) or
    revoked (the sanction is then no longer in effect)."""
    sanction = reconsideration.sanction
    if not permissions.can_record_reconsideration(actor, sanction):
        raise PermissionDenied
    _require_open(lock(sanction.incident))
    current = lock(reconsideration, expected_version)
    if current.outcome != ReconsiderationOutcome.PENDING:
        raise ValidationError(
            _("The higher court's decision is already recorded: %(outcome)s.")
            % {"outcome": current.get_outcome_display()},
            code="invalid_transition",
        )
    errors: dict[str, ValidationError] = {}
    if outcome not in ReconsiderationOutcome.values or outcome == ReconsiderationOutcome.PENDING:
        errors["outcome"] = ValidationError(_("Choose what the higher court decided."), code="required")
    if outcome_on > timezone.localdate():
        errors["outcome_on"] = ValidationError(_("The date cannot be in the future."), code="future")
    elif outcome_on < current.applied_on:
        errors["outcome_on"] = ValidationError(
            _("The decision cannot predate the application."), code="before_application"
        )
    if outcome == ReconsiderationOutcome.VARIED and not note.strip():
        errors["note"] = ValidationError(_("Say how the higher court varied the decision."), code="required")
    if errors:
        raise ValidationError(errors)
    saved = update_versioned(
        Reconsideration,
        current.pk,
        actor=actor,
        action="incidents.sanction.reconsideration_outcome",
        expected_version=expected_version,
        changes={"outcome": outcome, "outcome_on": outcome_on, "outcome_note": note.strip()},
    )
    if outcome == ReconsiderationOutcome.REVOKED:
        update_versioned(
            Sanction,
            sanction.pk,
            actor=actor,
            action="incidents.sanction.revoked",
            expected_version=Sanction.objects.get(pk=sanction.pk).version,
            changes={"status": SanctionStatus.REVOKED},
        )
    return saved


def open_decision(*, actor: Actor, sanction: Sanction) -> Sanction:
    """The written decision on a fine or detention, to print and serve (A9.3): who may
    see it, and a line in the audit log before it is shown (it names the person)."""
    if not permissions.can_print_decision(actor, sanction):
        raise PermissionDenied
    _require_decision(sanction, SanctionStatus.IN_EFFECT, SanctionStatus.REVOKED)
    audit.record_access(actor=actor, action="incidents.sanction.decision", obj=sanction)
    return sanction


# --- Group petitions and sudden events (A13) ----------------------------------------------------


@transaction.atomic
def notify_step(
    *, actor: Actor, incident: Incident, step: str, notified: Account, note: str = ""
) -> ChainNotification:
    """One step of the chain (A13.1), in order: police or reception → case judge →
    division chief → the chief or another division leader who receives. The person
    notified gets it in their inbox and acknowledges it."""
    incident = lock(incident)
    _require_open(incident)
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
        url=_url(incident),
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
    if step.notified_id != getattr(actor, "pk", None):
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
    return incident.kind == IncidentKind.GROUP_PETITION or incident.sensitive_case


RECEIVING_ROLES = (Role.DIVISION_CHIEF, Role.COURT_LEADER, Role.COURT_PRESIDENT)


def case_judge_of(incident: Incident) -> tuple[Person | None, str]:
    """The judge of the case the petitioners come about (A13.1), and where that comes
    from: named on the incident ("named"); else its first protected person ("target");
    else the judge told first in the chain ("chain"); else (None, "")."""
    if incident.case_judge_id is not None:
        return incident.case_judge, "named"
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
    _require_open(incident)
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
    reception.participants.set(participants)
    reception.police.set(police)
    audit.record_event(
        actor=actor,
        action="incidents.reception.people",
        obj=reception,
        participants=[p.pk for p in participants],
        police=[p.pk for p in police],
    )
    return reception


def _in_chain(actor: Actor, incident: Incident) -> bool:
    return incident.chain.filter(notified_id=getattr(actor, "pk", None)).exists()


# --- Emergency plans (A13.4) --------------------------------------------------------------------


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
    with stored(plan.file, f"{court.pk}-{checked.sha256[:16]}{checked.extension}", upload):
        return create_versioned(
            plan,
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
        url=_url(incident) if incident else "",
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


# --- Warning talks (A13.3) ----------------------------------------------------------------------


@transaction.atomic
def record_warning_talk(
    *,
    actor: Actor,
    court: Court,
    person: PersonOfConcern,
    held_at: dt.datetime,
    conducted_by: str,
    content: str,
    record: UploadedFile,
    incident: Incident | None = None,
) -> WarningTalk:
    if not permissions.can_record_talk(actor, court.pk):
        raise PermissionDenied
    if not poc_permissions.can_read(actor):
        raise PermissionDenied
    if incident is not None and incident.court_id != court.pk:
        raise ValidationError({"incident": _("The incident belongs to another court.")})
    if held_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"held_at": _("A talk cannot be recorded before it is held.")})
    checked = check_upload(record, field="record")
    talk = WarningTalk(
        court=court,
        person=person,
        incident=incident,
        held_at=held_at,
        conducted_by=conducted_by.strip(),
        content=content.strip(),
        record_name=checked.name,
        record_sha256=checked.sha256,
        recorded_by=account_of(actor),
    )
    with stored(talk.record, f"{court.pk}-{checked.sha256[:16]}{checked.extension}", record):
        return create_versioned(
            talk,
            actor=actor,
            action="incidents.talk.record",
            fields=["court", "person", "incident", "held_at", "conducted_by", "content", "record_sha256"],
        )


def open_talk_record(*, actor: Actor, talk: WarningTalk) -> WarningTalk:
    """The signed record of a warning talk (it is about a person of concern, A13.3), for
    those who read the court's talks; logged before the file is sent."""
    if not permissions.can_read_talks(actor, talk.court_id):
        raise PermissionDenied
    audit.record_access(actor=actor, action="incidents.talk.download", obj=talk)
    return talk


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


@transaction.atomic
def update_sanction_cap(
    *, actor: Actor, cap: SanctionCap, expected_version: int, changes: dict[str, Any]
) -> SanctionCap:
    """The city administrator corrects a statutory cap (A9.3) when a law changes."""
    from benchguard.core.access import is_city_admin

    if not is_city_admin(actor):
        raise PermissionDenied
    return update_versioned(
        SanctionCap,
        cap.pk,
        actor=actor,
        action="incidents.cap.update",
        expected_version=expected_version,
        changes=changes,
    )
