"""Every change to meetings with parties (A10.3): the judge records a request, books a
designated room (never one booked at the same time: the room's row is locked while the
booking is checked, so two judges at once are put one after the other), records the
meeting, or refuses the request with the reason — a one-sided request may always be
refused, and a refusal may go to the interference register (A7.1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.cases.numbers import parse_case_number
from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, require_status, save_versioned
from benchguard.core.types import Actor
from benchguard.incidents.services.register import registered_case
from benchguard.meetings import permissions
from benchguard.meetings.choices import BOOKED, MAX_HOURS, MeetingStatus
from benchguard.meetings.models import MeetingRequest, MeetingRoom
from benchguard.organization.models import Person
from benchguard.organization.types import signed_in

NOT_NOW = gettext_lazy("This cannot be done while the request is “%(status)s”.")


def _required(**values: str) -> None:
    missing = {field: _("This field is required.") for field, value in values.items() if not value.strip()}
    if missing:
        raise ValidationError(missing)


@transaction.atomic
def record_request(
    *,
    actor: Actor,
    case_number: str,
    requester_name: str,
    capacity: str,
    purpose: str,
    one_sided: bool = False,
    received_at: dt.datetime | None = None,
) -> MeetingRequest:
    """The judge records a request to meet them outside the courtroom (A10.3)."""
    account = signed_in(actor)
    judge = Person.objects.filter(account=account).select_related("court").first()
    if judge is None or not permissions.can_record(account, judge.court_id):
        raise PermissionDenied
    _required(case_number=case_number, requester_name=requester_name, purpose=purpose)
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": _("This moment is in the future.")})
    try:
        number = str(parse_case_number(case_number, today=timezone.localdate()))
    except ValidationError as error:
        raise ValidationError({"case_number": error.messages}) from error
    case = registered_case(judge.court, number)
    request = MeetingRequest(
        court=judge.court,
        judge=judge,
        case=case,
        case_number=number,
        requester_name=requester_name.strip(),
        capacity=capacity,
        one_sided=one_sided,
        purpose=purpose.strip(),
        received_at=received_at,
        recorded_by=account,
    )
    fields = ["case_number", "requester_name", "capacity", "one_sided", "purpose", "received_at"]
    return create_versioned(request, actor=actor, action="meetings.request.record", fields=fields)


def _locked(actor: Actor, request: MeetingRequest, expected_version: int, *allowed: str) -> MeetingRequest:
    current = lock(request, expected_version, related=["judge", "court"])
    if not permissions.can_act(actor, current):
        raise PermissionDenied
    require_status(current, *allowed, message=NOT_NOW)
    return current


@transaction.atomic
def schedule_meeting(
    *,
    actor: Actor,
    request: MeetingRequest,
    room: MeetingRoom,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    expected_version: int,
) -> MeetingRequest:
    """Book a designated room for the meeting (A10.3). A room booked at an overlapping
    time is refused, naming the time it is taken."""
    current = _locked(actor, request, expected_version, MeetingStatus.REQUESTED)
    if room.court_id != current.court_id or not room.is_active:
        raise ValidationError({"room": _("Choose a designated room of this court.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    if ends_at - starts_at > dt.timedelta(hours=MAX_HOURS):
        raise ValidationError(
            {"ends_at": _("A meeting lasts at most %(hours)s hours.") % {"hours": MAX_HOURS}}
        )
    if starts_at < timezone.now() - dt.timedelta(minutes=5):
        raise ValidationError({"starts_at": _("Book a time that has not passed.")})
    lock(room)  # one booking of this room at a time
    clash = (
        MeetingRequest.objects.filter(
            room=room, status__in=BOOKED, starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .exclude(pk=current.pk)
        .order_by("starts_at")
        .first()
    )
    if clash is not None:
        taken = _("The room is booked from %(start)s to %(end)s.") % {
            "start": date_format(timezone.localtime(clash.starts_at), "Y-m-d H:i"),
            "end": date_format(timezone.localtime(clash.ends_at), "H:i"),
        }
        raise ValidationError({"starts_at": ValidationError(taken, code="booked")})
    before = audit.snapshot(current, ["status", "room", "starts_at", "ends_at"])
    current.status, current.room, current.starts_at, current.ends_at = (
        MeetingStatus.SCHEDULED,
        room,
        starts_at,
        ends_at,
    )
    return save_versioned(
        current,
        actor=actor,
        action="meetings.request.schedule",
        fields=["status", "room", "starts_at", "ends_at"],
        before=before,
    )


@transaction.atomic
def record_meeting(
    *, actor: Actor, request: MeetingRequest, attendees: str, record: str, expected_version: int
) -> MeetingRequest:
    """The meeting was held: who attended and what was said (A10.3)."""
    current = _locked(actor, request, expected_version, MeetingStatus.SCHEDULED)
    _required(attendees=attendees, record=record)
    if current.starts_at is not None and current.starts_at > timezone.now():
        raise ValidationError(_("The meeting has not started yet."))
    before = audit.snapshot(current, ["status", "attendees", "record"])
    current.status, current.attendees, current.record = MeetingStatus.HELD, attendees.strip(), record.strip()
    return save_versioned(
        current,
        actor=actor,
        action="meetings.request.held",
        fields=["status", "attendees", "record"],
        before=before,
    )


@transaction.atomic
def refuse_request(
    *,
    actor: Actor,
    request: MeetingRequest,
    reason: str,
    expected_version: int,
    send_to_register: bool = False,
) -> MeetingRequest:
    """The judge refuses the request, with the reason (A10.3: a one-sided request may be
    refused); with `send_to_register` the refusal goes to the interference register as an
    attempt to influence the case (A7.1), in the same step."""
    current = _locked(actor, request, expected_version, MeetingStatus.REQUESTED, MeetingStatus.SCHEDULED)
    _required(reason=reason)
    before = audit.snapshot(current, ["status", "refusal_reason", "room", "starts_at", "ends_at"])
    current.status, current.refusal_reason = MeetingStatus.REFUSED, reason.strip()
    current.room, current.starts_at, current.ends_at = None, None, None  # the room is free again
    fields = ["status", "refusal_reason", "room", "starts_at", "ends_at"]
    if send_to_register:
        current.register_entry = send_refusal_to_register(actor=actor, request=current)
        current.sent_to_register_at = timezone.now()
        fields += ["sent_to_register_at", "register_entry"]
    return save_versioned(
        current, actor=actor, action="meetings.request.refuse", fields=fields, before=before
    )


@transaction.atomic
def cancel_request(*, actor: Actor, request: MeetingRequest, expected_version: int) -> MeetingRequest:
    current = _locked(actor, request, expected_version, MeetingStatus.REQUESTED, MeetingStatus.SCHEDULED)
    before = audit.snapshot(current, ["status"])
    current.status = MeetingStatus.CANCELLED
    return save_versioned(
        current, actor=actor, action="meetings.request.cancel", fields=["status"], before=before
    )


def send_refusal_to_register(*, actor: Actor, request: MeetingRequest) -> Any:
    """The refused request as an entry of the interference register (A7.1): who asked,
    what they wanted, the case, and the judge's refusal as the response."""
    from benchguard.interference.choices import Method, SourceKind
    from benchguard.interference.services import record_entry

    return record_entry(
        actor=actor,
        judge=request.judge,
        source_kind=SourceKind.OTHER,
        person_name=request.requester_name,
        occurred_at=request.received_at,
        method=Method.OTHER,
        request=_("Asked to meet the judge outside the courtroom%(one_sided)s: %(purpose)s")
        % {"one_sided": _(" (one side only)") if request.one_sided else "", "purpose": request.purpose},
        case_number=request.case_number,
        stage=request.case.stage if request.case is not None else "trial",
        response=_("Refused: %(reason)s") % {"reason": request.refusal_reason},
    )
