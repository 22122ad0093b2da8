"""Every change to the liaison directory and the register of requests (A19): bodies
and their contacts are added, edited and deactivated (never deleted) by the court's
committee office; requests are sent, answered, closed or withdrawn by the office and
the judicial police (sent → answered → closed, or withdrawn while awaiting the answer)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from benchguard.cases.models import Case
from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, require_status, save_versioned, update_versioned
from benchguard.core.types import Actor
from benchguard.incidents.models import Incident
from benchguard.incidents.services.register import require_open
from benchguard.liaison import permissions
from benchguard.liaison.choices import RequestStatus
from benchguard.liaison.models import Agency, AgencyContact, LiaisonRequest
from benchguard.matters.models import Matter
from benchguard.notifications.services import localized, notify
from benchguard.organization.models import Court, Person
from benchguard.organization.types import account_of

V = TypeVar("V", Agency, AgencyContact)

AGENCY_FIELDS = ["court", "kind", "name", "address", "note", "is_active"]
CONTACT_FIELDS = ["agency", "name", "position", "office_phone", "mobile_phone", "note", "is_active"]


@transaction.atomic
def add_agency(
    *, actor: Actor, court: Court, kind: str, name: str, address: str = "", note: str = ""
) -> Agency:
    """Add an outside body to the court's directory (A19)."""
    if not permissions.can_keep(actor, court.pk):
        raise PermissionDenied
    agency = Agency(court=court, kind=kind, name=name.strip(), address=address, note=note)
    return create_versioned(agency, actor=actor, action="liaison.agency.add", fields=AGENCY_FIELDS)


@transaction.atomic
def update_agency(
    *, actor: Actor, agency: Agency, expected_version: int, changes: Mapping[str, Any]
) -> Agency:
    """Edit a body's kind, name, address or note (A19)."""
    if not permissions.can_edit_agency(actor, agency):
        raise PermissionDenied
    return _update(
        agency, actor=actor, action="liaison.agency.update", version=expected_version, changes=changes
    )


@transaction.atomic
def deactivate_agency(*, actor: Actor, agency: Agency, expected_version: int | None = None) -> Agency:
    """Take a body out of the directory; it stays on record (A19)."""
    if not permissions.can_edit_agency(actor, agency):
        raise PermissionDenied
    return _deactivate(
        lock(agency, expected_version),
        actor=actor,
        action="liaison.agency.deactivate",
        already=_("This body has already been deactivated."),
    )


@transaction.atomic
def add_contact(
    *,
    actor: Actor,
    agency: Agency,
    name: str,
    position: str = "",
    office_phone: str = "",
    mobile_phone: str = "",
    note: str = "",
) -> AgencyContact:
    """Add a person to call at a body (A19)."""
    if not permissions.can_edit_agency(actor, agency):
        raise PermissionDenied
    if not agency.is_active:
        raise ValidationError(_("A contact cannot be added to a deactivated body."), code="inactive")
    contact = AgencyContact(
        agency=agency,
        name=name.strip(),
        position=position,
        office_phone=office_phone.strip(),
        mobile_phone=mobile_phone.strip(),
        note=note,
    )
    return create_versioned(contact, actor=actor, action="liaison.contact.add", fields=CONTACT_FIELDS)


@transaction.atomic
def update_contact(
    *, actor: Actor, contact: AgencyContact, expected_version: int, changes: Mapping[str, Any]
) -> AgencyContact:
    """Edit a contact's name, position, phones or note (A19)."""
    if not permissions.can_edit_contact(actor, contact):
        raise PermissionDenied
    return _update(
        contact, actor=actor, action="liaison.contact.update", version=expected_version, changes=changes
    )


@transaction.atomic
def deactivate_contact(
    *, actor: Actor, contact: AgencyContact, expected_version: int | None = None
) -> AgencyContact:
    """Take a contact out of the directory (they left the body); they stay on record (A19)."""
    if not permissions.can_edit_contact(actor, contact):
        raise PermissionDenied
    return _deactivate(
        lock(contact, expected_version, related=["agency"]),
        actor=actor,
        action="liaison.contact.deactivate",
        already=_("This contact has already been deactivated."),
    )


def _update(row: V, *, actor: Actor, action: str, version: int, changes: Mapping[str, Any]) -> V:
    """Save a keeper's edit of a body or contact still at `version`
    (core.services.update_versioned)."""
    return update_versioned(
        type(row), row.pk, actor=actor, action=action, expected_version=version, changes=changes
    )


def _deactivate(row: V, *, actor: Actor, action: str, already: Any) -> V:
    """Mark a locked row inactive (it stays on record); a second click is refused."""
    if not row.is_active:
        raise ValidationError(already, code="inactive")
    before = audit.snapshot(row, ["is_active"])
    row.is_active = False
    return save_versioned(row, actor=actor, action=action, fields=["is_active"], before=before)


# --- Requests to outside bodies (A19) ------------------------------------------------

REQUEST_FIELDS = [
    "court", "agency", "contact", "request_text", "reason", "judge", "incident", "case", "matter",
    "sent_on", "reference", "answer_by", "status",
]  # fmt: skip


def _refuse(field: str, message: Any, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_about(
    actor: Actor,
    court: Court,
    *,
    judge: Person | None,
    incident: Incident | None,
    case: Case | None,
    matter: Matter | None,
) -> Incident | None:
    """The judge, incident, case and matter a request is about: of the court and, for the
    records, visible to the actor; an incident open (locked until the request is saved,
    so it is not closed meanwhile). Returns the incident as locked."""
    if judge is None and incident is None:
        raise _refuse(
            "judge", _("Name the judge the request concerns, or the incident it is about."), "required"
        )
    if judge is not None and (judge.court_id != court.pk or not judge.is_active):
        raise _refuse("judge", _("The judge must be in post at this court."), "other_court")
    checks: list[tuple[str, Any, Any]] = [
        ("incident", incident, Incident.objects),
        ("case", case, Case.objects),
        ("matter", matter, Matter.objects),
    ]
    for field, row, rows in checks:
        if row is None:
            continue
        if row.court_id != court.pk or not rows.visible_to(actor).filter(pk=row.pk).exists():
            raise _refuse(field, _("Choose a record of this court that you can see."), "other_court")
    if incident is None:
        return None
    incident = lock(incident)
    require_open(incident)
    return incident


@transaction.atomic
def send_request(
    *,
    actor: Actor,
    court: Court,
    agency: Agency,
    request_text: str,
    sent_on: dt.date,
    answer_by: dt.date,
    reason: str = "",
    contact: AgencyContact | None = None,
    judge: Person | None = None,
    incident: Incident | None = None,
    case: Case | None = None,
    matter: Matter | None = None,
    reference: str = "",
) -> LiaisonRequest:
    """Record a request the court sent to an outside body of its directory (A19): what
    is asked, why, about which judge or incident (a case or a committee matter besides),
    and by when the body should answer. One submission makes one record (core.once)."""
    if not permissions.can_send(actor, court.pk):
        raise PermissionDenied
    if agency.court_id != court.pk or not agency.is_active:
        raise _refuse("agency", _("Choose an active body of this court's directory."), "other_court")
    if contact is not None and (contact.agency_id != agency.pk or not contact.is_active):
        raise _refuse("contact", _("Choose an active contact of the chosen body."), "other_body")
    incident = _check_about(actor, court, judge=judge, incident=incident, case=case, matter=matter)
    if answer_by is None:
        raise _refuse("answer_by", _("Say by when the body should answer."), "required")
    if answer_by < sent_on:
        raise _refuse(
            "answer_by", _("The day to answer by cannot come before the request was sent."), "order"
        )
    if incident is not None and sent_on < timezone.localtime(incident.occurred_at).date():
        raise _refuse("sent_on", _("The request cannot predate the incident."), "order")
    request = LiaisonRequest(
        court=court,
        agency=agency,
        contact=contact,
        request_text=request_text.strip(),
        reason=reason.strip(),
        judge=judge,
        incident=incident,
        case=case,
        matter=matter,
        sent_on=sent_on,
        reference=reference.strip(),
        answer_by=answer_by,
        sent_by=account_of(actor),
    )
    return create_versioned(request, actor=actor, action="liaison.request.send", fields=REQUEST_FIELDS)


ANSWERED_ALREADY = _("A request that is “%(status)s” cannot be answered.")
CLOSE_REFUSED = _("Only an answered request can be closed; this one is “%(status)s”.")
WITHDRAW_REFUSED = _("Only a request awaiting its answer can be withdrawn; this one is “%(status)s”.")


def _locked_request(actor: Actor, request: LiaisonRequest, expected_version: int | None) -> LiaisonRequest:
    if not permissions.can_handle_request(actor, request):
        raise PermissionDenied
    return lock(request, expected_version)


@transaction.atomic
def record_answer(
    *,
    actor: Actor,
    request: LiaisonRequest,
    expected_version: int,
    answer: str,
    answered_on: dt.date,
    follow_up: str = "",
) -> LiaisonRequest:
    """The body answered (A19): what it said, when, and what the court does next."""
    request = _locked_request(actor, request, expected_version)
    require_status(request, RequestStatus.SENT, message=ANSWERED_ALREADY)
    if not answer.strip():
        raise _refuse("answer", _("Enter the body's answer."), "required")
    if answered_on < request.sent_on:
        raise _refuse("answered_on", _("The answer cannot predate the request."), "order")
    before = audit.snapshot(request, ["status", "answer", "answered_on", "follow_up"])
    request.status = RequestStatus.ANSWERED
    request.answer = answer.strip()
    request.answered_on = answered_on
    request.follow_up = follow_up.strip()
    return save_versioned(
        request,
        actor=actor,
        action="liaison.request.answer",
        fields=["status", "answer", "answered_on", "follow_up"],
        before=before,
    )


@transaction.atomic
def close_request(
    *, actor: Actor, request: LiaisonRequest, expected_version: int | None = None, follow_up: str = ""
) -> LiaisonRequest:
    """Nothing more is expected of the body (A19); the follow-up, when given, replaces
    what was noted with the answer."""
    request = _locked_request(actor, request, expected_version)
    require_status(request, RequestStatus.ANSWERED, message=CLOSE_REFUSED)
    fields = ["status", *(["follow_up"] if follow_up.strip() else [])]
    before = audit.snapshot(request, fields)
    request.status = RequestStatus.CLOSED
    if follow_up.strip():
        request.follow_up = follow_up.strip()
    return save_versioned(request, actor=actor, action="liaison.request.close", fields=fields, before=before)


@transaction.atomic
def withdraw_request(
    *, actor: Actor, request: LiaisonRequest, reason: str, expected_version: int | None = None
) -> LiaisonRequest:
    """The court takes back a request still awaiting its answer, saying why (A19)."""
    request = _locked_request(actor, request, expected_version)
    require_status(request, RequestStatus.SENT, message=WITHDRAW_REFUSED)
    if not reason.strip():
        raise _refuse("reason", _("Say why the request is withdrawn."), "required")
    before = audit.snapshot(request, ["status", "withdrawal_reason"])
    request.status = RequestStatus.WITHDRAWN
    request.withdrawal_reason = reason.strip()
    return save_versioned(
        request,
        actor=actor,
        action="liaison.request.withdraw",
        fields=["status", "withdrawal_reason"],
        before=before,
    )


def send_overdue_reminders(*, today: dt.date | None = None) -> int:
    """Remind whoever sent a request that is past its day to answer by (A19). Safe to run
    any number of times: the occasion is (request, day to answer by), so each sender is
    reminded once per occasion (notify's dedupe_key); a new day to answer by would be a
    new occasion. Returns the number of overdue requests looked at."""
    today = today or timezone.localdate()
    overdue = (
        LiaisonRequest.objects.overdue(today)
        .select_related("court", "agency", "sent_by")
        .order_by("answer_by", "pk")
    )
    count = 0
    for request in overdue:
        count += 1
        if not request.sent_by.is_active or request.court_id not in permissions.reader_court_ids(
            request.sent_by
        ):
            continue  # left the court or the role: the request's page is no longer theirs
        assert request.answer_by is not None
        notify(
            recipients=[request.sent_by],
            kind="liaison.request.overdue",
            title=localized(
                gettext_lazy("The answer of %(body)s is overdue (due %(date)s)"),
                body=request.agency.name,
                date=request.answer_by.isoformat(),
            ),
            url=reverse("liaison:request_detail", args=[request.pk]),
            dedupe_key=f"liaison.request.overdue:{request.pk}:{request.answer_by.isoformat()}",
            court=request.court,
        )
    return count
