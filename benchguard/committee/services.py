"""Every change to a court's committee: roster terms, settings, meetings, agenda,
attendance, minutes, resolutions and follow-up actions (A4–A6).

Views, the API and the demo loader all call these functions. Each one takes an explicit
`actor`, checks that the actor may act, runs in one transaction, validates and writes
the audit trail; a refusal is a translated ValidationError naming the field or state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.committee import permissions
from benchguard.committee.choices import OFFICE, SEATS, ActionStatus, MeetingStatus, Position
from benchguard.committee.models import (
    AgendaItem,
    Attendance,
    CommitteeMembership,
    CommitteeSettings,
    FollowUpAction,
    Meeting,
    Resolution,
)
from benchguard.core import audit
from benchguard.core.services import StaleEditError, create_versioned, lock, require_status, update_versioned
from benchguard.core.types import Actor
from benchguard.organization.models import Court, Person

MEMBERSHIP_FIELDS = ("court", "person", "position", "member_kind", "term_from", "term_to", "end_reason")
MEMBERSHIP_EDIT_FIELDS = frozenset({"position", "member_kind", "term_from"})
SETTINGS_FIELDS = ("court", "configured_size", "quorum_percent")
MEETING_FIELDS = ("court", "kind", "title", "scheduled_at", "place", "status")
MEETING_EDIT_FIELDS = frozenset({"kind", "title", "scheduled_at", "place"})
AGENDA_FIELDS = ("meeting", "order", "title", "description", "shared_summary", "matter")
AGENDA_EDIT_FIELDS = frozenset({"order", "title", "description", "shared_summary"})
VOTE_FIELDS = ("votes_for", "votes_against", "votes_abstain", "present_at_vote")
RESOLUTION_FIELDS = ("meeting", "agenda_item", "text", *VOTE_FIELDS)
ACTION_FIELDS = ("resolution", "owner", "description", "due_date", "status")
NOT_NOW = gettext_lazy("This is not possible while the meeting is %(status)s.")


def _require_manager(actor: Actor, court_id: int) -> None:
    if not permissions.can_manage_committee(actor, court_id):
        raise PermissionDenied


def _refuse_unknown(changes: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"these fields are not edited here: {sorted(unknown)}")


# --- Settings --------------------------------------------------------------------------


def settings_of(court: Court) -> CommitteeSettings:
    """The court's stored settings, or the defaults (35 people, more than half) unsaved."""
    stored = CommitteeSettings.objects.filter(court=court).first()
    return stored or CommitteeSettings(court=court, version=0)


def _rules_for(court_id: int) -> CommitteeSettings:
    return CommitteeSettings.objects.filter(court_id=court_id).first() or CommitteeSettings(version=0)


def save_committee_settings(
    *, actor: Actor, court: Court, expected_version: int, changes: dict[str, Any]
) -> CommitteeSettings:
    """Create (expected_version 0) or edit the court's committee settings (A4.1, A6)."""
    _require_manager(actor, court.pk)
    _refuse_unknown(changes, frozenset({"configured_size", "quorum_percent"}))
    with transaction.atomic():
        lock(court)
        stored = CommitteeSettings.objects.filter(court=court).first()
        if stored is None:
            if expected_version != 0:
                raise ValueError("no settings stored yet; create them with expected_version 0")
            return create_versioned(
                CommitteeSettings(court=court, **changes),
                actor=actor,
                action="committee.settings.create",
                fields=SETTINGS_FIELDS,
            )
        if expected_version == 0:
            raise StaleEditError(current=stored)
        return update_versioned(
            CommitteeSettings,
            stored.pk,
            actor=actor,
            action="committee.settings.update",
            expected_version=expected_version,
            changes=changes,
        )


# --- The roster (A4.1, A4.2, A4.3) -------------------------------------------------------


def _overlaps(qs: Any, term_from: dt.date, term_to: dt.date | None) -> Any:
    """Terms in `qs` that share at least one day with [term_from, term_to]."""
    qs = qs.filter(Q(term_to__isnull=True) | Q(term_to__gte=term_from))
    if term_to is not None:
        qs = qs.filter(term_from__lte=term_to)
    return qs


def _check_membership(m: CommitteeMembership) -> None:
    """Domain rules a single row cannot check: one chair at a time, one seat (and one
    office post) per person at a time. Runs with the court row locked, so two
    concurrent saves cannot both pass."""
    if m.person.court_id != m.court_id:
        raise ValidationError({"person": _("Only people of this court can sit on its committee.")})
    others = CommitteeMembership.objects.filter(court_id=m.court_id).exclude(pk=m.pk)
    if m.position == Position.CHAIR:
        clash = _overlaps(others.filter(position=Position.CHAIR), m.term_from, m.term_to).first()
        if clash is not None:
            raise ValidationError(
                {
                    "position": _(
                        "The committee already has a chair for these dates (%(name)s, from %(start)s). "
                        "End that term first: a court's committee has one chair at a time."
                    )
                    % {"name": clash.person.name, "start": clash.term_from}
                }
            )
    body = SEATS if m.position in SEATS else OFFICE
    same = _overlaps(others.filter(person_id=m.person_id, position__in=body), m.term_from, m.term_to)
    if same.exists():
        message = (
            _("This person already holds a seat on the committee for these dates.")
            if body is SEATS
            else _("This person already holds a post in the committee office for these dates.")
        )
        raise ValidationError({"person": message})


@transaction.atomic
def create_membership(
    *,
    actor: Actor,
    court: Court,
    person: Person,
    position: str,
    term_from: dt.date,
    member_kind: str = "",
) -> CommitteeMembership:
    """Seat someone on the committee or in its office from `term_from` (A4.1–A4.3)."""
    _require_manager(actor, court.pk)
    lock(court)  # one court's roster is checked and saved at a time
    membership = CommitteeMembership(
        court=court,
        person=person,
        position=position,
        member_kind=member_kind if position == Position.MEMBER else "",
        term_from=term_from,
    )
    if position == Position.MEMBER and not member_kind:
        raise ValidationError({"member_kind": _("Say whether the member represents the judges or a unit.")})
    _check_membership(membership)
    return create_versioned(
        membership, actor=actor, action="committee.membership.create", fields=MEMBERSHIP_FIELDS
    )


@transaction.atomic
def update_membership(
    *, actor: Actor, membership: CommitteeMembership, expected_version: int, changes: dict[str, Any]
) -> CommitteeMembership:
    """Correct a term's position, kind of member or start date; ending it is `end_membership`."""
    _require_manager(actor, membership.court_id)
    _refuse_unknown(changes, MEMBERSHIP_EDIT_FIELDS)
    lock(Court(pk=membership.court_id))  # one court's roster is checked and saved at a time
    changes = dict(changes)
    position = changes.get("position", membership.position)
    if position != Position.MEMBER:
        changes["member_kind"] = ""
    elif not changes.get("member_kind", membership.member_kind):
        raise ValidationError({"member_kind": _("Say whether the member represents the judges or a unit.")})
    stored = lock(membership, expected_version)
    for name, value in changes.items():
        setattr(stored, name, value)
    _check_membership(stored)
    return update_versioned(
        CommitteeMembership,
        membership.pk,
        actor=actor,
        action="committee.membership.update",
        expected_version=expected_version,
        changes=changes,
    )


@transaction.atomic
def end_membership(
    *,
    actor: Actor,
    membership: CommitteeMembership,
    expected_version: int,
    term_to: dt.date,
    end_reason: str,
) -> CommitteeMembership:
    """End a term on `term_to` (its last day) for `end_reason` (A4.3). Never deleted."""
    _require_manager(actor, membership.court_id)
    if membership.term_to is not None:
        raise ValidationError(
            {"term_to": _("This term already ended on %(day)s.") % {"day": membership.term_to}}
        )
    if term_to < membership.term_from:
        raise ValidationError(
            {"term_to": _("A term cannot end before it began (%(day)s).") % {"day": membership.term_from}}
        )
    if not end_reason.strip():
        raise ValidationError({"end_reason": _("Say why the term ended.")})
    ended = update_versioned(
        CommitteeMembership,
        membership.pk,
        actor=actor,
        action="committee.membership.end",
        expected_version=expected_version,
        changes={"term_to": term_to, "end_reason": end_reason.strip()},
    )
    audit.record_event(actor=actor, action="committee.membership.ended", obj=ended, term_to=term_to)
    return ended


# --- Meetings (A6) -------------------------------------------------------------------------


def _meeting_to_change(
    actor: Actor, meeting: Meeting, *allowed: str, expected_version: int, field: str | None = None
) -> Meeting:
    """The meeting locked for a change by one of its court's managers: refused when it
    moved on since `expected_version` or is not in one of the `allowed` statuses."""
    _require_manager(actor, meeting.court_id)
    stored = lock(meeting, expected_version)
    require_status(stored, *allowed, field=field, message=NOT_NOW, code="state")
    return stored


def seats_on(court_id: int, day: dt.date) -> Any:
    return CommitteeMembership.objects.filter(court_id=court_id).seats().current(day)


def _invite_roster(meeting: Meeting, *, actor: Actor) -> int:
    """Invite every seat current on the meeting date that is not invited yet."""
    day = timezone.localdate(meeting.scheduled_at)
    invited = set(meeting.attendances.values_list("membership_id", flat=True))
    added = 0
    for membership in seats_on(meeting.court_id, day).exclude(pk__in=invited).order_by("pk"):
        create_versioned(
            Attendance(meeting=meeting, membership=membership, present=False),
            actor=actor,
            action="committee.attendance.invite",
            fields=("meeting", "membership", "present"),
        )
        added += 1
    return added


@transaction.atomic
def schedule_meeting(
    *, actor: Actor, court: Court, kind: str, title: str, scheduled_at: dt.datetime, place: str
) -> Meeting:
    """Plan a plenary or ad-hoc full meeting and invite the members sitting on its date."""
    _require_manager(actor, court.pk)
    meeting = create_versioned(
        Meeting(court=court, kind=kind, title=title, scheduled_at=scheduled_at, place=place),
        actor=actor,
        action="committee.meeting.schedule",
        fields=MEETING_FIELDS,
    )
    _invite_roster(meeting, actor=actor)
    return meeting


@transaction.atomic
def update_meeting(
    *, actor: Actor, meeting: Meeting, expected_version: int, changes: dict[str, Any]
) -> Meeting:
    """Change a planned meeting's kind, title, time or place; a new date invites the
    members sitting then."""
    _require_manager(actor, meeting.court_id)
    _refuse_unknown(changes, MEETING_EDIT_FIELDS)
    stored = lock(meeting, expected_version)
    require_status(stored, MeetingStatus.PLANNED, message=NOT_NOW, code="state")
    updated = update_versioned(
        Meeting,
        meeting.pk,
        actor=actor,
        action="committee.meeting.update",
        expected_version=expected_version,
        changes=changes,
    )
    _invite_roster(updated, actor=actor)
    return updated


@transaction.atomic
def hold_meeting(*, actor: Actor, meeting: Meeting, expected_version: int) -> Meeting:
    """Record that a planned meeting took place.

    Holding without a quorum is allowed (a briefing still happened) but flagged in the
    audit event and on the page; resolutions then cannot be recorded."""
    stored = _meeting_to_change(actor, meeting, MeetingStatus.PLANNED, expected_version=expected_version)
    if timezone.localdate(stored.scheduled_at) > timezone.localdate():
        raise ValidationError(
            _("The meeting is scheduled for %(day)s; it can be marked as held from that day on.")
            % {"day": timezone.localdate(stored.scheduled_at)},
            code="state",
        )
    held = update_versioned(
        Meeting,
        meeting.pk,
        actor=actor,
        action="committee.meeting.hold",
        expected_version=expected_version,
        changes={"status": MeetingStatus.HELD},
    )
    state = quorum_of(held)
    audit.record_event(
        actor=actor,
        action="committee.meeting.held",
        obj=held,
        present=state.present,
        seats=state.seats,
        quorum_met=state.met,
    )
    return held


@transaction.atomic
def cancel_meeting(*, actor: Actor, meeting: Meeting, expected_version: int, reason: str) -> Meeting:
    _meeting_to_change(actor, meeting, MeetingStatus.PLANNED, expected_version=expected_version)
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Say why the meeting is cancelled.")})
    cancelled = update_versioned(
        Meeting,
        meeting.pk,
        actor=actor,
        action="committee.meeting.cancel",
        expected_version=expected_version,
        changes={"status": MeetingStatus.CANCELLED, "cancel_reason": reason.strip()},
    )
    audit.record_event(actor=actor, action="committee.meeting.cancelled", obj=cancelled)
    return cancelled


@transaction.atomic
def record_attendance(
    *, actor: Actor, meeting: Meeting, expected_version: int, present: Iterable[int]
) -> Meeting:
    """Set who was present: `present` holds the membership ids of the invited members
    who came; everyone else invited was absent. Fixed once a resolution is voted."""
    stored = _meeting_to_change(
        actor,
        meeting,
        MeetingStatus.PLANNED,
        MeetingStatus.HELD,
        expected_version=expected_version,
        field="present",
    )
    if stored.resolutions.exists():
        raise ValidationError(
            {"present": _("Attendance cannot change after a resolution has been voted on.")}
        )
    _invite_roster(stored, actor=actor)
    wanted = set(present)
    rows = {a.membership_id: a for a in stored.attendances.select_related("membership__person")}
    unknown = wanted - set(rows)
    if unknown:
        raise ValidationError({"present": _("Only invited members can be marked present.")})
    for membership_id, row in rows.items():
        value = membership_id in wanted
        if row.present != value:
            update_versioned(
                Attendance,
                row.pk,
                actor=actor,
                action="committee.attendance.update",
                expected_version=row.version,
                changes={"present": value},
            )
    return update_versioned(
        Meeting,
        meeting.pk,
        actor=actor,
        action="committee.meeting.attendance",
        expected_version=expected_version,
        changes={"attendance_recorded_at": timezone.now()},
    )


@transaction.atomic
def record_minutes(*, actor: Actor, meeting: Meeting, expected_version: int, minutes: str) -> Meeting:
    _meeting_to_change(actor, meeting, MeetingStatus.HELD, expected_version=expected_version, field="minutes")
    return update_versioned(
        Meeting,
        meeting.pk,
        actor=actor,
        action="committee.meeting.minutes",
        expected_version=expected_version,
        changes={"minutes": minutes},
    )


@transaction.atomic
def add_agenda_item(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    description: str = "",
    shared_summary: str = "",
    order: int | None = None,
    matter: Any = None,
) -> AgendaItem:
    """An item on the agenda, optionally about a matter of the same court (A6)."""
    _require_manager(actor, meeting.court_id)
    if matter is not None and matter.court_id != meeting.court_id:
        raise ValidationError({"matter": _("The matter must belong to this court.")})
    stored = lock(meeting)
    require_status(
        stored, MeetingStatus.PLANNED, MeetingStatus.HELD, field="title", message=NOT_NOW, code="state"
    )
    if order is None:
        order = (stored.agenda_items.aggregate(m=Max("order"))["m"] or 0) + 1
    elif stored.agenda_items.filter(order=order).exists():
        raise ValidationError({"order": _("Another item already has this place on the agenda.")})
    return create_versioned(
        AgendaItem(
            meeting=stored,
            order=order,
            title=title,
            description=description,
            shared_summary=shared_summary,
            matter=matter,
        ),
        actor=actor,
        action="committee.agenda_item.create",
        fields=AGENDA_FIELDS,
    )


@transaction.atomic
def update_agenda_item(
    *, actor: Actor, item: AgendaItem, expected_version: int, changes: dict[str, Any]
) -> AgendaItem:
    _require_manager(actor, item.meeting.court_id)
    _refuse_unknown(changes, AGENDA_EDIT_FIELDS)
    stored = lock(item.meeting)
    require_status(stored, MeetingStatus.PLANNED, MeetingStatus.HELD, message=NOT_NOW, code="state")
    order = changes.get("order")
    if order is not None and stored.agenda_items.filter(order=order).exclude(pk=item.pk).exists():
        raise ValidationError({"order": _("Another item already has this place on the agenda.")})
    return update_versioned(
        AgendaItem,
        item.pk,
        actor=actor,
        action="committee.agenda_item.update",
        expected_version=expected_version,
        changes=changes,
    )


# --- Quorum, resolutions and follow-up actions (A6) --------------------------------------


class QuorumState:
    """Quorum of a meeting: the seats filled on its date, how many must be present
    (more than the court's quorum percentage), and how many were."""

    def __init__(self, *, seats: int, present: int, percent: int, required: int) -> None:
        self.seats = seats
        self.present = present
        self.percent = percent
        self.required = required

    @property
    def met(self) -> bool:
        return self.seats > 0 and self.present >= self.required

    def __repr__(self) -> str:
        return f"QuorumState(seats={self.seats}, present={self.present}, required={self.required})"


def quorum_of(meeting: Meeting) -> QuorumState:
    """Seats = memberships current on the meeting date; present = those of them marked
    present. Three queries whatever the roster's size."""
    day = timezone.localdate(meeting.scheduled_at)
    seats = seats_on(meeting.court_id, day)
    present = meeting.attendances.filter(present=True, membership__in=seats).count()
    rules = _rules_for(meeting.court_id)
    count = seats.count()
    return QuorumState(
        seats=count,
        present=present,
        percent=rules.quorum_percent,
        required=rules.required_for_quorum(count),
    )


@transaction.atomic
def record_resolution(
    *,
    actor: Actor,
    meeting: Meeting,
    text: str,
    votes_for: int,
    votes_against: int,
    votes_abstain: int,
    agenda_item: AgendaItem | None = None,
) -> Resolution:
    """Record a resolution with its vote. Refused unless the meeting was held with a
    quorum, and when more votes are cast than members were present."""
    _require_manager(actor, meeting.court_id)
    stored = lock(meeting)
    require_status(
        stored,
        MeetingStatus.HELD,
        message=_("Resolutions are recorded for held meetings; this meeting is %(status)s."),
        code="state",
    )
    if agenda_item is not None and agenda_item.meeting_id != stored.pk:
        raise ValidationError({"agenda_item": _("This item is on another meeting's agenda.")})
    state = quorum_of(stored)
    if not state.met:
        raise ValidationError(
            _(
                "The meeting had no quorum (%(present)s present, %(required)s needed), "
                "so it cannot pass resolutions."
            )
            % {"present": state.present, "required": state.required},
            code="quorum",
        )
    cast = votes_for + votes_against + votes_abstain
    if cast > state.present:
        raise ValidationError(
            {
                "votes_for": _("%(cast)s votes were entered but only %(present)s members were present.")
                % {"cast": cast, "present": state.present}
            }
        )
    if cast == 0:
        raise ValidationError({"votes_for": _("Enter the vote: at least one vote must be cast.")})
    resolution = create_versioned(
        Resolution(
            meeting=stored,
            agenda_item=agenda_item,
            text=text,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstain=votes_abstain,
            present_at_vote=state.present,
        ),
        actor=actor,
        action="committee.resolution.create",
        fields=RESOLUTION_FIELDS,
    )
    audit.record_event(
        actor=actor, action="committee.resolution.voted", obj=resolution, adopted=resolution.adopted
    )
    return resolution


@transaction.atomic
def add_follow_up_action(
    *, actor: Actor, resolution: Resolution, owner: Person, description: str, due_date: dt.date
) -> FollowUpAction:
    """Give someone of the court a task arising from an adopted resolution, by a date."""
    meeting = resolution.meeting
    _require_manager(actor, meeting.court_id)
    if not resolution.adopted:
        raise ValidationError(_("This resolution was not adopted, so it creates no follow-up actions."))
    if owner.court_id != meeting.court_id or not owner.is_active:
        raise ValidationError({"owner": _("Choose someone in post at this court.")})
    if due_date < timezone.localdate(meeting.scheduled_at):
        raise ValidationError({"due_date": _("The due date cannot be before the meeting.")})
    return create_versioned(
        FollowUpAction(resolution=resolution, owner=owner, description=description, due_date=due_date),
        actor=actor,
        action="committee.action.create",
        fields=ACTION_FIELDS,
    )


@transaction.atomic
def complete_follow_up_action(
    *, actor: Actor, action: FollowUpAction, expected_version: int
) -> FollowUpAction:
    """The owner (or the committee's managers) marks the action done."""
    if not permissions.can_complete_action(actor, action):
        raise PermissionDenied
    stored = lock(action, expected_version)
    require_status(stored, ActionStatus.OPEN, message=_("This action is already done."), code="state")
    done = update_versioned(
        FollowUpAction,
        action.pk,
        actor=actor,
        action="committee.action.complete",
        expected_version=expected_version,
        changes={"status": ActionStatus.DONE, "done_at": timezone.now()},
    )
    return done
