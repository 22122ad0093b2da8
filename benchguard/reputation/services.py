"""Every change to the reputation area (A5, A17): events registered (by the office ex
officio, or by the judge concerned on application), screenshots kept, the investigation
with the department, the clarification drafted → approved → published (its text kept as
published; a correction is a new version), the harm undone, and the pursuit of
liability per infringer on an event, a committee matter or an incident."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.cases.models import Case
from benchguard.core import audit
from benchguard.core.access import has_role
from benchguard.core.services import create_versioned, lock, require_status, save_versioned
from benchguard.core.types import Actor
from benchguard.core.uploads import CAPTURE_TYPES, attach
from benchguard.incidents.models import Incident
from benchguard.matters import services as matter_services
from benchguard.matters.choices import Subject
from benchguard.matters.models import Matter
from benchguard.organization.models import Court, Person, RightCategory
from benchguard.organization.rights import right_for
from benchguard.organization.types import signed_in
from benchguard.reputation import permissions
from benchguard.reputation.choices import ClarificationStatus, EventKind, EventOrigin, EventStatus
from benchguard.reputation.models import Clarification, EventScreenshot, Liability, OpinionEvent

EVENT_FIELDS = [
    "court", "right", "kind", "origin", "judge", "case", "platform", "url", "summary", "reach", "found_on",
    "status",
]  # fmt: skip
SUBJECT_BY_KIND = {
    EventKind.FALSE_REPORT: Subject.FALSE_ACCUSATION,
    EventKind.FRAME_UP: Subject.FALSE_ACCUSATION,
    EventKind.INSULT: Subject.DEFAMATION,
    EventKind.DEFAMATION: Subject.DEFAMATION,
    EventKind.OTHER: Subject.DEFAMATION,
}


def _refuse(field: str | None, message: Any, code: str) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


@transaction.atomic
def register_event(
    *,
    actor: Actor,
    court: Court,
    kind: str,
    judge: Person,
    platform: str,
    summary: str,
    found_on: dt.date,
    url: str = "",
    reach: str = "",
    case: Case | None = None,
    right: RightCategory | None = None,
    origin: str = EventOrigin.EX_OFFICIO,
) -> OpinionEvent:
    """Register a public-opinion event (A17). The committee office registers it ex officio
    or on the judge's application; a judge reports one about themself (on application)."""
    keeper = has_role(actor, *permissions.KEEPERS, court_id=court.pk)
    if not keeper:
        if not (permissions.can_apply(actor) and judge.account_id == getattr(actor, "pk", None)):
            raise PermissionDenied
        origin = EventOrigin.APPLICATION
    if judge.court_id != court.pk or not judge.is_active:
        raise _refuse("judge", _("The judge must be in post at this court."), "other_court")
    if case is not None and case.court_id != court.pk:
        raise _refuse("case", _("Choose a case of this court."), "other_court")
    if not summary.strip():
        raise _refuse("summary", _("Say what was published."), "required")
    event = OpinionEvent(
        court=court,
        right=right or right_for("reputation"),
        kind=kind,
        origin=origin,
        judge=judge,
        case=case,
        platform=platform.strip(),
        url=url.strip(),
        summary=summary.strip(),
        reach=reach.strip(),
        found_on=found_on,
        registered_by=signed_in(actor),
    )
    return create_versioned(event, actor=actor, action="reputation.event.register", fields=EVENT_FIELDS)


def _kept(actor: Actor, event: OpinionEvent, expected_version: int | None) -> OpinionEvent:
    if not permissions.can_keep(actor, event):
        raise PermissionDenied
    return lock(event, expected_version, related=["judge"])


@transaction.atomic
def add_screenshot(
    *, actor: Actor, event: OpinionEvent, upload: UploadedFile, captured_at: dt.datetime
) -> EventScreenshot:
    """Keep a screenshot of the event with its SHA-256, the capture time the user states
    and the upload time (A17). The office, or the judge who reported the event."""
    if not (permissions.can_keep(actor, event) or permissions.is_concerned(actor, event)):
        raise PermissionDenied
    if captured_at > timezone.now():
        raise _refuse("captured_at", _("The capture time cannot be in the future."), "future")
    event = lock(event)
    return attach(
        EventScreenshot(event=event, captured_at=captured_at, uploaded_by=signed_in(actor)),
        upload,
        actor=actor,
        action="reputation.event.screenshot",
        record=event,
        allowed=CAPTURE_TYPES,
    )


STATUS_REFUSED = _("This cannot be done while the event is “%(status)s”.")


@transaction.atomic
def start_investigation(
    *, actor: Actor, event: OpinionEvent, expected_version: int, department: str
) -> OpinionEvent:
    """The committee investigates with the department concerned (A17)."""
    event = _kept(actor, event, expected_version)
    require_status(event, EventStatus.REGISTERED, message=STATUS_REFUSED)
    if not department.strip():
        raise _refuse("department", _("Name the department investigating with the committee."), "required")
    before = audit.snapshot(event, ["status", "department"])
    event.status = EventStatus.INVESTIGATING
    event.department = department.strip()
    return save_versioned(
        event,
        actor=actor,
        action="reputation.event.investigate",
        fields=["status", "department"],
        before=before,
    )


@transaction.atomic
def record_findings(
    *, actor: Actor, event: OpinionEvent, expected_version: int, findings: str, harm_undone: str = ""
) -> OpinionEvent:
    """What the investigation found and what was done to undo the harm (A17)."""
    event = _kept(actor, event, expected_version)
    require_status(event, EventStatus.INVESTIGATING, message=STATUS_REFUSED)
    if not findings.strip():
        raise _refuse("findings", _("Say what the investigation found."), "required")
    before = audit.snapshot(event, ["findings", "harm_undone"])
    event.findings = findings.strip()
    event.harm_undone = harm_undone.strip()
    return save_versioned(
        event,
        actor=actor,
        action="reputation.event.findings",
        fields=["findings", "harm_undone"],
        before=before,
    )


@transaction.atomic
def close_event(*, actor: Actor, event: OpinionEvent, expected_version: int | None = None) -> OpinionEvent:
    """The event is dealt with (A17): the findings are recorded."""
    event = _kept(actor, event, expected_version)
    require_status(event, EventStatus.INVESTIGATING, message=STATUS_REFUSED)
    if not event.findings:
        raise _refuse(None, _("Record the findings before closing the event."), "no_findings")
    before = audit.snapshot(event, ["status"])
    event.status = EventStatus.CLOSED
    return save_versioned(
        event, actor=actor, action="reputation.event.close", fields=["status"], before=before
    )


@transaction.atomic
def open_matter(*, actor: Actor, event: OpinionEvent) -> Matter:
    """Open a committee matter from the event, on the 30-day clock (issue 13 part 7)."""
    if not permissions.can_open_matter(actor, event):
        raise PermissionDenied
    return matter_services.open_matter_from(
        actor=actor,
        source=event,
        subject=SUBJECT_BY_KIND.get(EventKind(event.kind), Subject.DEFAMATION),
        facts=f"{event.platform} {event.url}\n{event.summary}".strip(),
        applicant=event.judge,
    )


# --- Clarification (A17) ---------------------------------------------------------------

CLARIFICATION_FIELDS = ["event", "number", "text", "status"]


@transaction.atomic
def draft_clarification(*, actor: Actor, event: OpinionEvent, text: str) -> Clarification:
    """Draft a public clarification (A17). One unpublished version at a time; after one
    is published, a new draft is its next version (the published text is never edited)."""
    event = _kept(actor, event, None)
    if event.status == EventStatus.REGISTERED:
        raise _refuse(None, _("Start the investigation before drafting a clarification."), "not_investigated")
    if not text.strip():
        raise _refuse("text", _("Write the text of the clarification."), "required")
    pending = event.clarifications.filter(
        status__in=[ClarificationStatus.DRAFT, ClarificationStatus.APPROVED]
    )
    if pending.exists():
        raise _refuse(None, _("A version of the clarification is already awaiting publication."), "duplicate")
    number = (event.clarifications.aggregate(top=Max("number"))["top"] or 0) + 1
    clarification = Clarification(event=event, number=number, text=text.strip(), drafted_by=signed_in(actor))
    return create_versioned(
        clarification, actor=actor, action="reputation.clarification.draft", fields=CLARIFICATION_FIELDS
    )


def _clarification(actor: Actor, clarification: Clarification, version: int | None) -> Clarification:
    return lock(clarification, version, related=["event"])


EDIT_REFUSED = _("Only a draft can be edited; this version is “%(status)s”. Draft a new version instead.")


@transaction.atomic
def edit_clarification(
    *, actor: Actor, clarification: Clarification, expected_version: int, text: str
) -> Clarification:
    """Change a draft's text. An approved or published version is never edited."""
    if not permissions.can_keep(actor, clarification.event):
        raise PermissionDenied
    clarification = _clarification(actor, clarification, expected_version)
    require_status(clarification, ClarificationStatus.DRAFT, message=EDIT_REFUSED)
    if not text.strip():
        raise _refuse("text", _("Write the text of the clarification."), "required")
    before = audit.snapshot(clarification, ["text"])
    clarification.text = text.strip()
    return save_versioned(
        clarification, actor=actor, action="reputation.clarification.edit", fields=["text"], before=before
    )


@transaction.atomic
def approve_clarification(
    *, actor: Actor, clarification: Clarification, expected_version: int | None = None
) -> Clarification:
    """The chair or a vice-chair approves the draft for publication (A17)."""
    if not permissions.can_approve(actor, clarification):
        raise PermissionDenied
    clarification = _clarification(actor, clarification, expected_version)
    require_status(clarification, ClarificationStatus.DRAFT)
    before = audit.snapshot(clarification, ["status", "approved_by", "approved_at"])
    clarification.status = ClarificationStatus.APPROVED
    clarification.approved_by = signed_in(actor)
    clarification.approved_at = timezone.now()
    return save_versioned(
        clarification,
        actor=actor,
        action="reputation.clarification.approve",
        fields=["status", "approved_by", "approved_at"],
        before=before,
    )


@transaction.atomic
def publish_clarification(
    *, actor: Actor, clarification: Clarification, channel: str, expected_version: int | None = None
) -> Clarification:
    """The office publishes the approved clarification (A17): its text is kept as
    published, and an earlier published version is marked superseded."""
    if not permissions.can_keep(actor, clarification.event):
        raise PermissionDenied
    clarification = _clarification(actor, clarification, expected_version)
    require_status(clarification, ClarificationStatus.APPROVED)
    if not channel.strip():
        raise _refuse("channel", _("Say where the clarification was published."), "required")
    for earlier in clarification.event.clarifications.filter(status=ClarificationStatus.PUBLISHED).exclude(
        pk=clarification.pk
    ):
        earlier = lock(earlier)
        before = audit.snapshot(earlier, ["status"])
        earlier.status = ClarificationStatus.SUPERSEDED
        save_versioned(
            earlier,
            actor=actor,
            action="reputation.clarification.supersede",
            fields=["status"],
            before=before,
        )
    fields = ["status", "channel", "published_text", "published_by", "published_at"]
    before = audit.snapshot(clarification, fields)
    clarification.status = ClarificationStatus.PUBLISHED
    clarification.channel = channel.strip()
    clarification.published_text = clarification.text
    clarification.published_by = signed_in(actor)
    clarification.published_at = timezone.now()
    return save_versioned(
        clarification, actor=actor, action="reputation.clarification.publish", fields=fields, before=before
    )


# --- Pursuit of liability (A5, A17) -------------------------------------------------------

LIABILITY_FIELDS = [
    "court", "event", "matter", "incident", "infringer", "conduct", "referred_to", "referred_to_name",
    "referred_on", "outcome", "outcome_on",
]  # fmt: skip


def readable_parent(actor: Actor, parent: Model) -> Model:
    """The event, matter or incident as the actor sees it (404 material otherwise)."""
    rows: Any = type(parent)._default_manager
    if not rows.visible_to(actor).filter(pk=parent.pk).exists():
        raise PermissionDenied
    return parent


@transaction.atomic
def record_liability(
    *,
    actor: Actor,
    parent: OpinionEvent | Matter | Incident,
    infringer: str,
    conduct: str,
    referred_to: str,
    referred_on: dt.date,
    referred_to_name: str = "",
    outcome: str = "",
    outcome_on: dt.date | None = None,
) -> Liability:
    """Record the pursuit of liability of one infringer (A5, A17) on an event, a matter or
    an incident: who, what they did, to whom it was referred and when."""
    readable_parent(actor, parent)
    court_id: int = parent.court_id
    if not permissions.can_record_liability(actor, court_id):
        raise PermissionDenied
    if not infringer.strip():
        raise _refuse("infringer", _("Name the infringer."), "required")
    if outcome_on is not None and outcome_on < referred_on:
        raise _refuse("outcome_on", _("The outcome cannot predate the referral."), "order")
    if bool(outcome.strip()) != (outcome_on is not None):
        raise _refuse("outcome_on", _("Give the outcome and its date together."), "pair")
    liability = Liability(
        court_id=court_id,
        event=parent if isinstance(parent, OpinionEvent) else None,
        matter=parent if isinstance(parent, Matter) else None,
        incident=parent if isinstance(parent, Incident) else None,
        infringer=infringer.strip(),
        conduct=conduct.strip(),
        referred_to=referred_to,
        referred_to_name=referred_to_name.strip(),
        referred_on=referred_on,
        outcome=outcome.strip(),
        outcome_on=outcome_on,
        recorded_by=signed_in(actor),
    )
    return create_versioned(
        liability, actor=actor, action="reputation.liability.record", fields=LIABILITY_FIELDS
    )


@transaction.atomic
def record_liability_outcome(
    *, actor: Actor, liability: Liability, expected_version: int, outcome: str, outcome_on: dt.date
) -> Liability:
    """The outcome of a referral (A5): what the body decided, and when."""
    if not permissions.can_record_liability(actor, liability.court_id):
        raise PermissionDenied
    liability = lock(liability, expected_version)
    if liability.outcome:
        raise _refuse(None, _("The outcome of this referral is already recorded."), "duplicate")
    if not outcome.strip():
        raise _refuse("outcome", _("Say what the outcome was."), "required")
    if outcome_on < liability.referred_on:
        raise _refuse("outcome_on", _("The outcome cannot predate the referral."), "order")
    before = audit.snapshot(liability, ["outcome", "outcome_on"])
    liability.outcome = outcome.strip()
    liability.outcome_on = outcome_on
    return save_versioned(
        liability,
        actor=actor,
        action="reputation.liability.outcome",
        fields=["outcome", "outcome_on"],
        before=before,
    )
