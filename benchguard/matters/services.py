"""Every change to a matter, from registration to appeal (A17, A26, A27).

Each function is one transition: it checks the actor may make it, refuses it with a
clear message when the matter's status does not allow it, validates, saves, writes the
change log and the matter's timeline, and tells the people concerned after commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypedDict, Unpack

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit, deadlines, uploads
from benchguard.core.exports import Column, local_time, workbook
from benchguard.core.services import create_versioned, lock, require_status, save_versioned, update_versioned
from benchguard.core.types import Actor
from benchguard.matters import permissions, sources
from benchguard.matters.choices import (
    Channel,
    DecisionBasis,
    EventKind,
    MatterStatus,
    Origin,
    Response,
    StepKind,
    TimeRequestKind,
    TimeRequestStatus,
)
from benchguard.matters.models import (
    HIGHER_COURT_DEPARTMENT,
    Attachment,
    InvestigationTask,
    Matter,
    MatterEvent,
    MatterSettings,
    MatterSource,
    RegistrationCounter,
    TimeRequest,
)
from benchguard.matters.selectors import acceptance_target, overdue_since
from benchguard.notifications.services import localized
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person, RightCategory
from benchguard.organization.rights import BY_MATTER_SUBJECT, right_for
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import account_of, signed_in

MATTER_AUDIT_FIELDS = (
    "status",
    "handler",
    "accepted_on",
    "due_date",
    "extended_days",
    "suspended_since",
    "decision_basis",
    "decided_on",
    "feedback_channel",
    "feedback_at",
    "response",
    "appeal_sent_on",
    "appeal_outcome_on",
)
# A matter is read with its applicant and court, which nearly every transition needs.
RELATED = ("applicant", "court")
NOT_NOW = gettext_lazy("This cannot be done while the matter is “%(status)s”.")


# --- Helpers --------------------------------------------------------------------------------


def settings_for(court: Court) -> MatterSettings:
    found, _created = MatterSettings.objects.get_or_create(court=court)
    return found


def _next_number(court: Court, year: int) -> tuple[int, str]:
    """The next registration number of the court's year, taken under a row lock so that
    concurrent registrations never share or skip a number."""
    RegistrationCounter.objects.get_or_create(court=court, year=year)
    counter = RegistrationCounter.objects.select_for_update().get(court=court, year=year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    number = settings_for(court).number_format.format(
        abbreviation=court.abbreviation, year=year, sequence=counter.last_sequence
    )
    return counter.last_sequence, number


def _event(
    matter: Matter, actor: Actor, kind: str, text: Any = "", *, step: str = "", for_applicant: bool = True
) -> None:
    """A timeline line; `text` may be a lazy label (a choice's), stored as text."""
    MatterEvent.objects.create(
        matter=matter,
        kind=kind,
        step=step,
        actor_name=audit.actor_name(actor),
        text=str(text),
        for_applicant=for_applicant,
    )


def _locked(
    matter: Matter,
    expected_version: int | None,
    actor: Actor,
    may: Callable[[Actor, Matter], bool],
    *statuses: str,
) -> Matter:
    """The matter as stored now, locked with its applicant and court (a stale
    `expected_version` → StaleEditError); refused unless `may(actor, matter)` (a
    permissions predicate) and, given `statuses`, unless it is in one of them."""
    matter = lock(matter, expected_version, related=RELATED)
    if not may(actor, matter):
        raise PermissionDenied
    if statuses:
        require_status(matter, *statuses, message=NOT_NOW)
    return matter


def _before(matter: Matter) -> dict[str, Any]:
    return audit.snapshot(matter, MATTER_AUDIT_FIELDS)


def _change(matter: Matter, *, actor: Actor, action: str, **changes: Any) -> Matter:
    """Set `changes` on the locked matter and save them (core.services.save_versioned);
    the change log shows the matter's audit fields before and after."""
    before = _before(matter)
    for name, value in changes.items():
        setattr(matter, name, value)
    return save_versioned(matter, actor=actor, action=action, fields=changes, before=before)


def _notify(
    matter: Matter,
    recipients: Iterable[Account | None],
    title: Promise,
    body: str | Promise,
    key: str,
    **title_params: Any,
) -> None:
    """Tell the people concerned; `title` is a lazy text naming the matter's %(number)s
    (and `title_params`), written with a translated `body` in each recipient's own
    language by notifications.notify."""
    from benchguard.notifications.services import notify

    people = [r for r in dict.fromkeys(recipients) if r is not None]
    if people:
        notify(
            recipients=people,
            kind="matters",
            title=localized(title, number=matter.number, **title_params),
            body=body,
            url=reverse("matters:detail", args=[matter.pk]),
            dedupe_key=f"matter:{matter.pk}:{key}",
            court=matter.court,
        )


def _applicant_account(matter: Matter) -> Account | None:
    return matter.applicant.account if matter.applicant_id and matter.applicant else None


def _tell_applicant(matter: Matter, title: Promise, body: str | Promise, key: str) -> None:
    """Tell the applicant (when they have an account) what became of their matter
    (`title` names its %(number)s)."""
    _notify(matter, [_applicant_account(matter)], title, body, key)


def office_accounts(court: Court) -> list[Account]:
    return list(accounts_with_roles(court.pk, Role.COMMITTEE_OFFICE))


def office_head_accounts(court: Court) -> list[Account]:
    """The head of the committee office on today's roster (A4.2); the office's staff
    when no head is on the roster."""
    from benchguard.committee.choices import Position
    from benchguard.committee.models import CommitteeMembership

    heads = list(
        Account.objects.filter(
            is_active=True,
            person__in=CommitteeMembership.objects.current()
            .filter(court=court, position=Position.OFFICE_HEAD)
            .values("person"),
        )
    )
    return heads or office_accounts(court)


def chair_accounts(court: Court) -> list[Account]:
    return list(accounts_with_roles(court.pk, Role.COMMITTEE_CHAIR))


def compute_due_date(matter: Matter) -> dt.date | None:
    """A26.4: the handling period counted from the day after acceptance, lengthened by
    approved extensions; the days a matter stood suspended do not count; a last day on a
    rest day or holiday moves to the next working day (core.deadlines)."""
    if matter.accepted_on is None or matter.handling_days is None:
        return None
    approved = matter.time_requests.filter(status=TimeRequestStatus.APPROVED).order_by("decided_at", "pk")
    suspensions = [
        (request.started_on, request.resumed_on)
        for request in approved
        if request.kind == TimeRequestKind.SUSPENSION and request.started_on and request.resumed_on
    ]
    # Each extension runs on from the due date before it (core.deadlines), so they are
    # passed one by one, in the order the chair approved them.
    extensions = [
        request.days for request in approved if request.kind == TimeRequestKind.EXTENSION and request.days
    ]
    return deadlines.due_date(
        matter.accepted_on,
        matter.handling_days,
        calendar_days=matter.calendar_days,
        extensions=extensions,
        pauses=suspensions,
    )


def recompute_due_dates(*, years: Iterable[int] | None = None) -> int:
    """After the holiday table changed, move the stored due dates of open matters that the
    change affects; each move is in the change log and the matter's timeline."""
    changed = 0
    matters = Matter.objects.filter(status=MatterStatus.ACCEPTED, due_date__isnull=False)
    if years is not None:
        wanted = list(years)
        matters = matters.filter(accepted_on__year__lte=max(wanted), due_date__year__gte=min(wanted) - 1)
    for matter in matters.select_related("court"):
        with transaction.atomic():
            locked = lock(matter, related=RELATED)
            due = compute_due_date(locked)
            if due == locked.due_date:
                continue
            _change(locked, actor=None, action="matters.matter.recompute_due_date", due_date=due)
            _event(
                locked,
                None,
                EventKind.DUE_DATE_MOVED,
                _("The holiday table changed: due date now %(date)s.") % {"date": due},
            )
            changed += 1
    return changed


# --- Registration -----------------------------------------------------------------------------


class ApplicationText(TypedDict):
    """What an application says (A26.1), as the judge or the office wrote it in the form."""

    subject: str
    facts: str
    infringer: str
    request: str
    reported_to_department_on: dt.date | None
    department_response: str


def _create(
    *,
    actor: Actor,
    court: Court,
    origin: str,
    channel: str,
    applicant: Person | None,
    resubmission_of: Matter | None = None,
    status: str = MatterStatus.SUBMITTED,
    right: RightCategory | None = None,
    **text: Unpack[ApplicationText],
) -> Matter:
    if unexpected := set(text) - ApplicationText.__required_keys__:
        raise TypeError(f"_create() got unexpected keyword arguments {sorted(unexpected)}")
    if origin == Origin.APPLICATION:
        errors = {}
        reported_on = text["reported_to_department_on"]
        if reported_on is None:
            errors["reported_to_department_on"] = _(
                "Say when you reported this to your own department: the committee helps when "
                "the department's handling did not resolve it (A26.1)."
            )
        elif reported_on > timezone.localdate():
            errors["reported_to_department_on"] = _("This date is in the future.")
        if not text["department_response"].strip():
            errors["department_response"] = _("Say what your department did about it (A26.1).")
        if errors:
            raise ValidationError(errors)
    year = timezone.localdate().year
    sequence, number = _next_number(court, year)
    matter = Matter(
        court=court,
        # The category the applicant chose (A3), else the one the kind of infringement means.
        right=right or right_for(BY_MATTER_SUBJECT.get(text["subject"], "other")),
        number=number,
        year=year,
        sequence=sequence,
        origin=origin,
        channel=channel,
        applicant=applicant,
        registered_by=account_of(actor),
        resubmission_of=resubmission_of,
        status=status,
        **text,
    )
    return create_versioned(matter, actor=actor, action="matters.matter.create", fields=MATTER_AUDIT_FIELDS)


@transaction.atomic
def submit_application(
    *,
    actor: Actor,
    resubmission_of: Matter | None = None,
    right: RightCategory | None = None,
    **text: Unpack[ApplicationText],
) -> Matter:
    """A judge applies online for themself (A26.1)."""
    person = Person.objects.filter(account=account_of(actor)).select_related("court").first()
    if person is None:
        raise PermissionDenied
    if resubmission_of is not None and (
        resubmission_of.applicant_id != person.pk or resubmission_of.status != MatterStatus.DECLINED
    ):
        raise ValidationError(_("Only your own application that was not accepted can be resubmitted."))
    matter = _create(
        actor=actor,
        court=person.court,
        origin=Origin.APPLICATION,
        channel=Channel.ONLINE,
        applicant=person,
        resubmission_of=resubmission_of,
        right=right,
        **text,
    )
    _event(matter, actor, EventKind.SUBMITTED)
    _notify(
        matter,
        office_accounts(matter.court),
        gettext_lazy("New application %(number)s"),
        localized(gettext_lazy("%(name)s applied for assistance."), name=person.name),
        "submitted",
    )
    return matter


@transaction.atomic
def register_application(
    *,
    actor: Actor,
    applicant: Person,
    channel: str,
    right: RightCategory | None = None,
    **text: Unpack[ApplicationText],
) -> Matter:
    """The office registers an application received by phone, e-mail or in writing on the
    judge's behalf (A26.1); the original is attached next."""
    if not permissions.is_office(actor, applicant.court_id):
        raise PermissionDenied
    if channel == Channel.ONLINE or channel == Channel.NONE:
        raise ValidationError(
            {"channel": _("Choose how the application was received: phone, e-mail or in writing.")}
        )
    matter = _create(
        actor=actor,
        court=applicant.court,
        origin=Origin.APPLICATION,
        channel=channel,
        applicant=applicant,
        right=right,
        **text,
    )
    _event(matter, actor, EventKind.REGISTERED, Channel(channel).label)
    return matter


@transaction.atomic
def open_ex_officio(
    *,
    actor: Actor,
    court: Court,
    subject: str,
    facts: str,
    infringer: str = "",
    applicant: Person | None = None,
) -> Matter:
    """The committee takes up false reports, frame-ups or online defamation itself (A17);
    such a matter is accepted when opened and its clock starts at once."""
    if not (permissions.is_office(actor, court.pk) or permissions.is_chair_or_vice(actor, court.pk)):
        raise PermissionDenied
    if applicant is not None and applicant.court_id != court.pk:
        raise ValidationError({"applicant": _("The judge must belong to this court.")})
    matter = _create(
        actor=actor,
        court=court,
        origin=Origin.EX_OFFICIO,
        channel=Channel.NONE,
        applicant=applicant,
        # Taken up by the committee itself: nobody asked, and no department came first.
        subject=subject,
        facts=facts,
        infringer=infringer,
        request="",
        reported_to_department_on=None,
        department_response="",
    )
    _event(matter, actor, EventKind.OPENED)
    return _accept(matter, actor=actor, handler=None)


@transaction.atomic
def open_matter_from(
    *,
    actor: Actor,
    source: Model,
    subject: str,
    facts: str,
    applicant: Person | None = None,
    infringer: str = "",
) -> Matter:
    """The committee opens a matter from a register's record in one step (A5, A7.1, A17,
    A18): ex officio, accepted at once so the 30-day clock runs, and linked both ways
    (matters/sources.py). One matter per record: a second click, a retry or a colleague
    at the same moment is told which matter was opened."""
    kind = sources.kind_of(type(source))
    if kind is None:
        raise TypeError(f"{type(source).__name__} is not registered with matters.sources")
    # The record's row lock puts two openings one after the other.
    source = type(source)._default_manager.select_for_update().get(pk=source.pk)
    content_type = ContentType.objects.get_for_model(source)
    if existing := sources.opened_matter(source):
        raise ValidationError(
            _("A committee matter was already opened from this record: %(number)s.")
            % {"number": existing.number},
            code="duplicate",
        )
    matter = open_ex_officio(
        actor=actor,
        court=source.court,  # type: ignore[attr-defined]
        subject=subject,
        facts=facts,
        infringer=infringer,
        applicant=applicant,
    )
    MatterSource.objects.create(matter=matter, content_type=content_type, object_id=source.pk)
    audit.record_event(
        actor=actor,
        action="matters.matter.opened_from",
        obj=matter,
        source=f"{content_type.app_label}.{content_type.model}:{source.pk}",
    )
    return matter


# --- Acceptance ------------------------------------------------------------------------------


def _accept(matter: Matter, *, actor: Actor, handler: Account | None) -> Matter:
    before = _before(matter)
    court_settings = settings_for(matter.court)
    matter.status = MatterStatus.ACCEPTED
    matter.accepted_on = timezone.localdate()
    matter.handler = handler or account_of(actor)
    matter.handling_days = court_settings.handling_days
    matter.calendar_days = court_settings.calendar_days
    matter.due_date = compute_due_date(matter)
    save_versioned(
        matter,
        actor=actor,
        action="matters.matter.accept",
        fields=["status", "accepted_on", "handler", "handling_days", "calendar_days", "due_date"],
        before=before,
    )
    _event(
        matter,
        actor,
        EventKind.ACCEPTED,
        _("To be handled by %(date)s.") % {"date": matter.due_date.isoformat() if matter.due_date else "—"},
    )
    return matter


@transaction.atomic
def accept_matter(
    *, actor: Actor, matter: Matter, expected_version: int | None = None, handler: Account | None = None
) -> Matter:
    """The office accepts an application; the 30-day clock starts the next day (A26.4)."""
    matter = _locked(matter, expected_version, actor, permissions.is_office_of, MatterStatus.SUBMITTED)
    if handler is not None and not permissions.is_office(handler, matter.court_id):
        raise ValidationError({"handler": _("The handler must be on the committee office's staff.")})
    matter = _accept(matter, actor=actor, handler=handler)
    _tell_applicant(
        matter,
        gettext_lazy("Your application %(number)s was accepted"),
        localized(gettext_lazy("It will be handled by %(date)s."), date=matter.due_date),
        "accepted",
    )
    return matter


@transaction.atomic
def decline_matter(
    *, actor: Actor, matter: Matter, reason: str, expected_version: int | None = None
) -> Matter:
    """The office declines an application with a written reason the applicant sees."""
    matter = _locked(matter, expected_version, actor, permissions.is_office_of, MatterStatus.SUBMITTED)
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason: the applicant will read it.")})
    _change(
        matter,
        actor=actor,
        action="matters.matter.decline",
        status=MatterStatus.DECLINED,
        declined_reason=reason.strip(),
    )
    _event(matter, actor, EventKind.DECLINED, matter.declined_reason)
    _tell_applicant(
        matter,
        gettext_lazy("Your application %(number)s was not accepted"),
        matter.declined_reason,
        "declined",
    )
    return matter


# --- Handling ----------------------------------------------------------------------------------


@transaction.atomic
def record_step(*, actor: Actor, matter: Matter, step: str, text: str = "") -> MatterEvent:
    """A step of A26.2 (report to the chair, contact the judge and the department, advise
    the department, report back), time-stamped and attributed."""
    matter = lock(matter, related=RELATED)
    allowed = permissions.allowed_steps(actor, matter)
    if not allowed or (step in StepKind.values and step not in allowed):
        raise PermissionDenied
    require_status(matter, MatterStatus.ACCEPTED, MatterStatus.SUSPENDED, message=NOT_NOW)
    if step not in StepKind.values:
        raise ValidationError({"step": _("Choose a step from the list.")})
    if step == StepKind.NOTE and not text.strip():
        raise ValidationError({"text": _("Write the note.")})
    _event(matter, actor, EventKind.STEP, text.strip(), step=step, for_applicant=step != StepKind.NOTE)
    audit.record_event(actor=actor, action="matters.matter.step", obj=matter, step=step)
    if step == StepKind.REPORTED_TO_CHAIR:
        _notify(
            matter,
            chair_accounts(matter.court),
            gettext_lazy("Matter %(number)s reported to you"),
            text,
            f"reported:{timezone.now():%Y%m%d%H%M%S}",
        )
    return matter.events.order_by("-id").first()  # type: ignore[return-value]


def _refuse_when_overdue(matter: Matter) -> None:
    """Issue 9 (10): once the due date has passed the matter is overdue, and stays so in
    its record and the statistics: a suspension or extension can no longer move the due
    date past the day it was missed. Asked or approved on the due date itself is in time."""
    today = timezone.localdate()
    if matter.due_date is not None and today > matter.due_date:
        raise ValidationError(
            _(
                "The due date %(date)s has passed: the matter is overdue, and its time limit can "
                "no longer be suspended or extended. Record the reason for the delay as a note."
            )
            % {"date": matter.due_date.isoformat()},
            code="overdue",
        )


@transaction.atomic
def request_time(
    *, actor: Actor, matter: Matter, kind: str, reason: str, days: int | None = None
) -> TimeRequest:
    """Ask the chair to suspend the clock or extend it, with a reason."""
    matter = _locked(matter, None, actor, permissions.can_handle, MatterStatus.ACCEPTED)
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Give the reason: the chair decides on it.")
    if kind == TimeRequestKind.EXTENSION and (days is None or not 1 <= days <= 90):
        errors["days"] = _("An extension is between 1 and 90 days.")
    if kind not in TimeRequestKind.values:
        errors["kind"] = _("Choose suspension or extension.")
    if errors:
        raise ValidationError(errors)
    _refuse_when_overdue(matter)
    if matter.time_requests.filter(status=TimeRequestStatus.PENDING).exists():
        raise ValidationError(_("A request is already waiting for the chair."), code="pending")
    request = TimeRequest.objects.create(
        matter=matter,
        kind=kind,
        reason=reason.strip(),
        days=days if kind == TimeRequestKind.EXTENSION else None,
        requested_by=signed_in(actor),
    )
    audit.record_event(actor=actor, action="matters.time.request", obj=matter, kind=kind, days=days)
    _event(
        matter,
        actor,
        EventKind.TIME_REQUESTED,
        f"{TimeRequestKind(kind).label}: {request.reason}",
        for_applicant=False,
    )
    _notify(
        matter,
        chair_accounts(matter.court),
        gettext_lazy("%(kind)s of %(number)s awaits your approval"),
        request.reason,
        f"time:{request.pk}",
        kind=TimeRequestKind(kind).label,
    )
    return request


@transaction.atomic
def decide_time_request(
    *, actor: Actor, time_request: TimeRequest, approve: bool, note: str = ""
) -> TimeRequest:
    """The chair approves or rejects; an approved suspension stops the clock today, an
    approved extension moves the due date at once."""
    locked = lock(time_request)
    matter = lock(locked.matter, related=RELATED)
    if not permissions.can_approve_time(actor, matter):
        raise PermissionDenied
    if locked.status != TimeRequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."), code="decided")
    if approve:
        require_status(matter, MatterStatus.ACCEPTED, message=NOT_NOW)
        _refuse_when_overdue(matter)
    locked.status = TimeRequestStatus.APPROVED if approve else TimeRequestStatus.REJECTED
    locked.decided_by = account_of(actor)
    locked.decided_at = timezone.now()
    locked.decision_note = note.strip()
    if approve and locked.kind == TimeRequestKind.SUSPENSION:
        locked.started_on = timezone.localdate()
    locked.save()  # first: the due date below is computed from the approved requests
    if approve and locked.kind == TimeRequestKind.SUSPENSION:
        _change(
            matter,
            actor=actor,
            action="matters.matter.suspend",
            status=MatterStatus.SUSPENDED,
            suspended_since=locked.started_on,
        )
    elif approve:
        _change(
            matter,
            actor=actor,
            action="matters.matter.extend",
            extended_days=matter.extended_days + (locked.days or 0),
            due_date=compute_due_date(matter),  # from the approved requests, this one included
        )
    audit.record_event(
        actor=actor, action="matters.time.decide", obj=matter, request=locked.pk, approved=approve
    )
    text = f"{locked.get_kind_display()}: {locked.get_status_display()}"
    if approve and locked.kind == TimeRequestKind.EXTENSION:
        text += " " + _("Due date now %(date)s.") % {"date": matter.due_date}
    _event(matter, actor, EventKind.TIME_DECIDED, text)
    return locked


@transaction.atomic
def resume_matter(*, actor: Actor, matter: Matter, expected_version: int | None = None) -> Matter:
    """End a suspension: the days it lasted are added to the period (A26.4)."""
    matter = _locked(matter, expected_version, actor, permissions.can_resume, MatterStatus.SUSPENDED)
    suspension = matter.time_requests.filter(
        kind=TimeRequestKind.SUSPENSION, status=TimeRequestStatus.APPROVED, resumed_on__isnull=True
    ).get()
    suspension.resumed_on = timezone.localdate()
    suspension.save(update_fields=["resumed_on"])
    _change(
        matter,
        actor=actor,
        action="matters.matter.resume",
        status=MatterStatus.ACCEPTED,
        suspended_since=None,
        due_date=compute_due_date(matter),  # the suspension just ended counts its days
    )
    _event(matter, actor, EventKind.RESUMED, _("Due date now %(date)s.") % {"date": matter.due_date})
    return matter


@transaction.atomic
def decide_matter(
    *,
    actor: Actor,
    matter: Matter,
    findings: str,
    handling_opinion: str,
    basis: str,
    resolution: Any = None,
    expected_version: int | None = None,
) -> Matter:
    """The written findings and handling opinion, decided by the chair or by a meeting
    resolution (recorded by the office, naming the adopted resolution)."""
    matter = lock(matter, expected_version, related=RELATED)
    bases = permissions.decision_bases(actor, matter)
    if not bases or (basis in DecisionBasis.values and basis not in bases):
        raise PermissionDenied
    require_status(matter, MatterStatus.ACCEPTED, message=NOT_NOW)
    errors = {}
    if not findings.strip():
        errors["findings"] = _("Write the findings.")
    if not handling_opinion.strip():
        errors["handling_opinion"] = _("Write the handling opinion.")
    if basis not in DecisionBasis.values:
        errors["basis"] = _("Say who decided.")
    elif basis == DecisionBasis.MEETING:
        if resolution is None:
            errors["resolution"] = _("Choose the meeting's resolution that decided the matter.")
        elif resolution.meeting.court_id != matter.court_id or not resolution.adopted:
            errors["resolution"] = _("Choose an adopted resolution of this court's committee.")
    elif resolution is not None:
        errors["resolution"] = _("A decision of the chair names no resolution.")
    if errors:
        raise ValidationError(errors)
    _change(
        matter,
        actor=actor,
        action="matters.matter.decide",
        resolution=resolution,
        status=MatterStatus.DECIDED,
        findings=findings.strip(),
        handling_opinion=handling_opinion.strip(),
        decision_basis=basis,
        decided_on=timezone.localdate(),
    )
    _event(matter, actor, EventKind.DECIDED, DecisionBasis(basis).label)
    return matter


@transaction.atomic
def record_feedback(
    *,
    actor: Actor,
    matter: Matter,
    channel: str,
    at: dt.datetime | None = None,
    expected_version: int | None = None,
) -> Matter:
    """The findings and opinion were delivered to the judge (A26.4)."""
    matter = _locked(matter, expected_version, actor, permissions.can_handle, MatterStatus.DECIDED)
    if channel not in {Channel.ONLINE, Channel.PHONE, Channel.EMAIL, Channel.WRITTEN}:
        raise ValidationError({"channel": _("Choose how the result was delivered.")})
    when = at or timezone.now()
    if when > timezone.now():
        raise ValidationError({"at": _("Feedback cannot be recorded in the future.")})
    _change(
        matter,
        actor=actor,
        action="matters.matter.feedback",
        status=MatterStatus.FEEDBACK_GIVEN,
        feedback_channel=channel,
        feedback_at=when,
    )
    _event(matter, actor, EventKind.FEEDBACK, Channel(channel).label)
    _tell_applicant(
        matter,
        gettext_lazy("The result of %(number)s"),
        matter.handling_opinion,
        "feedback",
    )
    return matter


@transaction.atomic
def record_response(
    *,
    actor: Actor,
    matter: Matter,
    response: str,
    appeal_sent_on: dt.date | None = None,
    expected_version: int | None = None,
) -> Matter:
    """The judge accepts the result, or appeals to the higher court (A27). The judge
    answers online; the office may record an answer given otherwise."""
    matter = _locked(matter, expected_version, actor, permissions.can_answer, MatterStatus.FEEDBACK_GIVEN)
    if matter.origin == Origin.EX_OFFICIO and matter.applicant_id is None:
        raise ValidationError(
            _("A matter opened by the committee without a judge has no response to record.")
        )
    if response == Response.ACCEPTS:
        outcome: dict[str, Any] = {"status": MatterStatus.CLOSED}
    elif response == Response.APPEALS:
        sent_on = appeal_sent_on or timezone.localdate()
        if sent_on > timezone.localdate():
            raise ValidationError({"appeal_sent_on": _("The appeal cannot have been sent in the future.")})
        outcome = {
            "status": MatterStatus.APPEALED,
            "appeal_sent_on": sent_on,
            "appeal_body": HIGHER_COURT_DEPARTMENT,
        }
    else:
        raise ValidationError({"response": _("Choose: accept the result or appeal.")})
    _change(
        matter,
        actor=actor,
        action="matters.matter.response",
        response=response,
        response_at=timezone.now(),
        **outcome,
    )
    _event(matter, actor, EventKind.RESPONSE, Response(response).label)
    if response == Response.APPEALS:
        _notify(
            matter,
            office_accounts(matter.court),
            gettext_lazy("%(number)s appealed to the higher court"),
            "",
            "appealed",
        )
    return matter


@transaction.atomic
def record_appeal_outcome(
    *,
    actor: Actor,
    matter: Matter,
    outcome: str,
    decided_on: dt.date | None,
    expected_version: int | None = None,
) -> Matter:
    """The higher court's answer to the appeal, as the office records it (A27)."""
    matter = _locked(matter, expected_version, actor, permissions.is_office_of, MatterStatus.APPEALED)
    if matter.appeal_outcome:
        raise ValidationError(_("The outcome of this appeal is already recorded."), code="recorded")
    errors = {}
    if not outcome.strip():
        errors["outcome"] = _("Write the outcome.")
    if (
        decided_on is None
        or decided_on > timezone.localdate()
        or (matter.appeal_sent_on and decided_on < matter.appeal_sent_on)
    ):
        errors["decided_on"] = _("The date must lie between the appeal and today.")
    if errors:
        raise ValidationError(errors)
    _change(
        matter,
        actor=actor,
        action="matters.matter.appeal_outcome",
        appeal_outcome=outcome.strip(),
        appeal_outcome_on=decided_on,
    )
    _event(matter, actor, EventKind.APPEAL_OUTCOME, matter.appeal_outcome)
    return matter


# --- Attachments -------------------------------------------------------------------------------


@transaction.atomic
def add_attachment(*, actor: Actor, matter: Matter, upload: UploadedFile) -> Attachment:
    """Keep a file with the matter, with its SHA-256; limited in size and type."""
    matter = _locked(matter, None, actor, permissions.can_answer)
    attachment = uploads.attach(
        Attachment(matter=matter, uploaded_by=signed_in(actor)),
        upload,
        actor=actor,
        action="matters.attachment.add",
        record=matter,
    )
    _event(matter, actor, EventKind.ATTACHMENT, attachment.name, for_applicant=False)
    return attachment


# --- The register of matters ------------------------------------------------------------------


REGISTER_COLUMNS: list[Column[Matter]] = [
    Column(gettext_lazy("Number"), lambda m: m.number),
    Column(gettext_lazy("Registered at"), lambda m: local_time(m.registered_at)),
    Column(gettext_lazy("Origin"), lambda m: str(m.get_origin_display())),
    Column(gettext_lazy("Subject"), lambda m: str(m.get_subject_display())),
    Column(gettext_lazy("Rights concerned"), lambda m: str(m.right) if m.right else ""),
    Column(gettext_lazy("Applicant"), lambda m: m.applicant.name if m.applicant else ""),
    Column(gettext_lazy("Status"), lambda m: str(m.get_status_display())),
    Column(gettext_lazy("Handler"), lambda m: m.handler.get_full_name() if m.handler else ""),
    Column(gettext_lazy("Accepted on"), lambda m: m.accepted_on),
    Column(gettext_lazy("Due date"), lambda m: m.due_date),
    Column(gettext_lazy("Decided on"), lambda m: m.decided_on),
    Column(gettext_lazy("Overdue since"), overdue_since),
]


def export_register(*, actor: Actor, matters: Iterable[Matter], filters: Iterable[str]) -> bytes:
    """The register as an Excel workbook (core.exports). The export is logged with the
    names of the filters used, never their values (a searched name stays out of the log)."""
    rows = list(matters)
    if any(not permissions.can_read_register(actor, m.court_id) for m in rows):
        raise PermissionDenied
    audit.record_event(
        actor=actor, action="matters.register.export", obj=None, count=len(rows), filters=sorted(filters)
    )
    return workbook(title=_("Matters"), columns=REGISTER_COLUMNS, rows=rows)


# --- Reminders (A26.4) ---------------------------------------------------------------------------

REMINDER_DAYS = (7, 3, 1)


def reminder_stage(days_left: int) -> str | None:
    """Which reminder is due: the nearest of 7, 3 and 1 days that has been reached, or
    "overdue". A day the job did not run is made up by the next run, not skipped."""
    if days_left < 0:
        return "overdue"
    reached = [days for days in REMINDER_DAYS if days_left <= days]
    return f"{min(reached)}d" if reached else None


def send_due_reminders(*, today: dt.date | None = None) -> int:
    """Tell the handler, the office and the chair as a matter's due date nears and when
    it has passed. Safe to run any number of times: each (matter, due date, stage)
    reminds each person once, which the notifications' unique key guarantees."""
    today = today or timezone.localdate()
    sent = 0
    matters = (
        Matter.objects.filter(status=MatterStatus.ACCEPTED, due_date__isnull=False)
        .filter(due_date__lte=today + dt.timedelta(days=max(REMINDER_DAYS)))
        .select_related("court", "handler")
        .order_by("due_date", "pk")
    )
    for matter in matters:
        assert matter.due_date is not None
        stage = reminder_stage((matter.due_date - today).days)
        if stage is None:
            continue
        if stage == "overdue":
            title = gettext_lazy("Matter %(number)s is overdue (due %(date)s)")
        else:
            title = gettext_lazy("Matter %(number)s is due on %(date)s")
        with transaction.atomic():
            _notify(
                matter,
                [matter.handler, *office_head_accounts(matter.court), *chair_accounts(matter.court)],
                title,
                localized(gettext_lazy("Days left: %(days)d"), days=(matter.due_date - today).days),
                f"due:{matter.due_date.isoformat()}:{stage}",
                date=matter.due_date.isoformat(),
            )
        sent += 1
    return sent


def send_acceptance_reminders(*, today: dt.date | None = None) -> int:
    """Tell the committee office, once, about each application that has waited past the
    court's internal target for accepting or declining it (A26.2; issue 9, point 14). The
    occasion is the (matter, target date): running again, on any day, sends nothing new.
    """
    today = today or timezone.localdate()
    sent = 0
    targets = dict(MatterSettings.objects.values_list("court_id", "acceptance_target_days"))
    waiting = (
        Matter.objects.filter(status=MatterStatus.SUBMITTED, registered_at__date__lt=today)
        .select_related("court")
        .order_by("registered_at", "pk")
    )
    for matter in waiting:
        target = acceptance_target(matter, targets.get(matter.court_id))
        if target is None or today <= target:
            continue
        with transaction.atomic():
            _notify(
                matter,
                [*office_accounts(matter.court), *office_head_accounts(matter.court)],
                gettext_lazy("Application %(number)s is still awaiting acceptance"),
                localized(
                    gettext_lazy(
                        "Received on %(received)s; the internal target for accepting or declining "
                        "it was %(date)s (an internal target, not a legal time limit)."
                    ),
                    received=timezone.localdate(matter.registered_at).isoformat(),
                    date=target.isoformat(),
                ),
                f"acceptance:{target.isoformat()}",
            )
        sent += 1
    return sent


# --- Investigation tasks (A26.2, A26.3) ------------------------------------------------------------


@transaction.atomic
def add_task(
    *, actor: Actor, matter: Matter, owner: Person, description: str, due_date: dt.date
) -> InvestigationTask:
    """Give part of the investigation to someone of the court, with a due date."""
    matter = _locked(
        matter, None, actor, permissions.can_handle, MatterStatus.ACCEPTED, MatterStatus.SUSPENDED
    )
    errors = {}
    if owner.court_id != matter.court_id or not owner.is_active:
        errors["owner"] = _("Choose someone in post at this court.")
    if not description.strip():
        errors["description"] = _("Say what is to be done.")
    if due_date < timezone.localdate():
        errors["due_date"] = _("The due date cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    task = InvestigationTask(
        matter=matter,
        owner=owner,
        description=description.strip(),
        due_date=due_date,
        created_by=account_of(actor),
    )
    create_versioned(
        task, actor=actor, action="matters.task.create", fields=("matter", "owner", "description", "due_date")
    )
    _event(
        matter,
        actor,
        EventKind.STEP,
        _("Task for %(name)s: %(task)s") % {"name": owner.name, "task": task.description},
        step=StepKind.NOTE,
        for_applicant=False,
    )
    if owner.account is not None:
        from benchguard.notifications.services import notify

        notify(
            recipients=[owner.account],
            kind="matters",
            title=localized(gettext_lazy("A task for you, due %(date)s"), date=due_date),
            body=task.description,
            url=reverse("home"),
            dedupe_key=f"matter-task:{task.pk}",
            court=matter.court,
        )
    return task


@transaction.atomic
def complete_task(
    *, actor: Actor, task: InvestigationTask, result: str, expected_version: int | None = None
) -> InvestigationTask:
    """The owner (or the handler) reports the task done, with its result."""
    locked = lock(task, expected_version, related=("matter", "owner"))
    is_owner = locked.owner.account_id is not None and locked.owner.account_id == getattr(actor, "pk", None)
    if not (is_owner or permissions.can_handle(actor, locked.matter)):
        raise PermissionDenied
    if locked.done_at is not None:
        raise ValidationError(_("This task is already done."), code="done")
    if not result.strip():
        raise ValidationError({"result": _("Say what came of it.")})
    updated = update_versioned(
        InvestigationTask,
        locked.pk,
        actor=actor,
        action="matters.task.complete",
        expected_version=locked.version,
        changes={"done_at": timezone.now(), "result": result.strip()},
    )
    _event(
        locked.matter,
        actor,
        EventKind.STEP,
        _("Task done: %(task)s — %(result)s") % {"task": locked.description, "result": updated.result},
        step=StepKind.NOTE,
        for_applicant=False,
    )
    return updated
