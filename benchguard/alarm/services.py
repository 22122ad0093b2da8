"""Every change of the alarm area (A8, A9.3, A12): a press, taking it on, the arrival,
closing, and the escalation of an alarm nobody took on in time.

A press tells the judicial police officer on duty now (the duty roster's `on_duty`),
or every officer of the court when nobody is on duty (`everyone`): the roster is the
duty area's, not a second one. The alarm is not a `duty.alert_on_duty` alert because
it escalates in seconds, not minutes, has its own answer (taken on, arrived, closed)
and is shown live on the officers' screen; its notifications still go through
`notifications.notify` in each recipient's language.

Every alarm opens or joins an incident (the incident register, A8/A9.3): a press from a
place whose last alarm (within the court's `AlarmSettings.join_within_minutes` [U])
still has its incident open joins that incident; otherwise it opens one: a courtroom
disorder (A9.3) from a courtroom, a threat to the person (A8) from anywhere else. A
second press of the same button within SAME_ALARM_SECONDS is the same alarm, counted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.alarm import permissions
from benchguard.alarm.choices import OPEN_STATUSES, AlarmStatus, PointKind, RecipientStage
from benchguard.alarm.models import (
    DEFAULT_ESCALATE_AFTER_SECONDS,
    DEFAULT_JOIN_WITHIN_MINUTES,
    SAME_ALARM_SECONDS,
    Alarm,
    AlarmPoint,
    AlarmRecipient,
    AlarmSettings,
)
from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, require_status, save_versioned
from benchguard.core.types import Actor
from benchguard.duty import services as duty
from benchguard.duty.choices import DutyRole
from benchguard.incidents import services as incidents
from benchguard.incidents.choices import IncidentKind, IncidentStatus, Nature, Procedure
from benchguard.notifications.services import localized, notify
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import signed_in

ALARM_FIELDS = [
    "court",
    "point",
    "place",
    "pressed_by",
    "person",
    "pressed_at",
    "incident",
    "joined",
    "status",
    "escalate_at",
]
TITLE = gettext_lazy("ALARM: %(place)s")
BODY = gettext_lazy("%(name)s pressed the alarm at %(time)s. Go there now and take it on.")
ESCALATED_TITLE = gettext_lazy("ALARM not taken on in time: %(place)s")


def settings_of(court_id: int) -> tuple[dt.timedelta, dt.timedelta]:
    """The court's escalation delay and joining window (the defaults without a row)."""
    row = AlarmSettings.objects.filter(court_id=court_id).first()
    seconds = row.escalate_after_seconds if row else DEFAULT_ESCALATE_AFTER_SECONDS
    minutes = row.join_within_minutes if row else DEFAULT_JOIN_WITHIN_MINUTES
    return dt.timedelta(seconds=seconds), dt.timedelta(minutes=minutes)


def alarm_url(alarm: Alarm) -> str:
    return reverse("alarm:alarm_detail", args=[alarm.pk])


def _name(account: Account | None) -> str:
    if account is None:
        return "—"
    return account.get_full_name() or account.display_name or account.username


@transaction.atomic
def press_alarm(*, actor: Actor, court: Court, point: AlarmPoint | None = None, place: str = "") -> Alarm:
    """Someone pressed an alarm button (A8, A9.3, A12): at a point of the court (a
    courtroom's terminal, a hardware button) or their own (a phone; `place` says where
    they are, if they had time to type it). Returns the alarm: a new one, or the same
    one when the same button was pressed again within SAME_ALARM_SECONDS."""
    account = signed_in(actor)
    if not permissions.can_press(account, court.pk):
        raise PermissionDenied
    person: Person | None = Person.objects.filter(account=account, court=court).first()
    if person is None and point is None:
        raise ValidationError(
            {"place": _("Only someone of this court can press their own alarm here.")}, code="no_person"
        )
    if point is not None:
        # The point's row is the lock: two presses of one button never both open an alarm.
        point = lock(point)
        if point.court_id != court.pk or not point.is_active:
            raise ValidationError({"point": _("This alarm point is not in use at this court.")})
        where = point.name + (f" ({point.location})" if point.location else "")
        same_place = Alarm.objects.filter(court=court, point=point)
    else:
        assert person is not None
        person = lock(person)
        typed = place.strip()[:150]
        where = _("%(name)s's alarm") % {"name": person.name} + (f": {typed}" if typed else "")
        same_place = Alarm.objects.filter(court=court, point=None, person=person)
    now = timezone.now()
    last = same_place.order_by("-pressed_at", "-id").select_related("incident").first()
    if (
        last is not None
        and last.is_open
        and now - last.pressed_at <= dt.timedelta(seconds=SAME_ALARM_SECONDS)
    ):
        last = lock(last)
        before = audit.snapshot(last, ["presses"])
        last.presses += 1
        return save_versioned(
            last, actor=account, action="alarm.alarm.press_again", fields=["presses"], before=before
        )
    escalate_after, join_within = settings_of(court.pk)
    joined = (
        last is not None
        and join_within > dt.timedelta(0)
        and now - last.pressed_at <= join_within
        and last.incident.status == IncidentStatus.OPEN
    )
    if joined:
        assert last is not None
        incident = last.incident
    else:
        incident = _open_incident(account, court, point, person, where, now)
    alarm = create_versioned(
        Alarm(
            court=court,
            point=point,
            place=where,
            pressed_by=account,
            person=person if point is None else None,
            pressed_at=now,
            incident=incident,
            joined=joined,
            status=AlarmStatus.RAISED,
            escalate_at=now + escalate_after,
        ),
        actor=account,
        action="alarm.alarm.press",
        fields=ALARM_FIELDS,
    )
    on_duty = duty.on_duty(court.pk, DutyRole.POLICE, now)
    stage = RecipientStage.ON_DUTY if on_duty else RecipientStage.EVERYONE
    _tell(alarm, on_duty or duty.everyone(court.pk, leaders=False), stage=stage, now=now, title=TITLE)
    return alarm


def _open_incident(
    account: Account,
    court: Court,
    point: AlarmPoint | None,
    person: Person | None,
    where: str,
    now: dt.datetime,
) -> Any:
    description = _("One-press alarm at %(place)s, pressed by %(name)s at %(time)s.") % {
        "place": where,
        "name": _name(account),
        "time": timezone.localtime(now).strftime("%Y-%m-%d %H:%M:%S"),
    }
    facts: dict[str, Any] = {}
    if point is not None and point.kind == PointKind.COURTROOM and point.hearing_case_number:
        kind, nature, targets = IncidentKind.COURTROOM, Nature.COURTROOM_DISORDER, []
        facts = {"case_number": point.hearing_case_number, "procedure": point.hearing_procedure}
    elif person is not None:
        # A judge's own alarm, another place, or a courtroom with no hearing set: a threat
        # to whoever pressed it (A8).
        kind, nature, targets = IncidentKind.THREAT, Nature.INTIMIDATION, [person]
    else:
        # A terminal's own account in a courtroom with no hearing set: trouble in the
        # court's areas (A9.1); the officers say what it was when they deal with it.
        kind, nature, targets = IncidentKind.CRIME, Nature.OBSTRUCTION, []
    return incidents.report_incident(
        actor=account,
        court=court,
        kind=kind,
        nature=nature,
        occurred_at=now,
        place=where,
        description=description,
        targets=targets,
        **facts,
    )


@transaction.atomic
def set_hearing(*, actor: Actor, point: AlarmPoint, case_number: str, procedure: str) -> AlarmPoint:
    """The clerk says which case is being heard in the courtroom (empty: none), so that
    its alarm opens a courtroom disorder of that case (A9.3)."""
    account = signed_in(actor)
    if not permissions.can_press(account, point.court_id):
        raise PermissionDenied
    point = lock(point)
    if point.kind != PointKind.COURTROOM:
        raise ValidationError(_("Only a courtroom has a hearing."), code="not_courtroom")
    case_number = case_number.strip()
    if case_number and procedure not in Procedure.values:
        raise ValidationError({"hearing_procedure": _("Choose the procedure of the case.")})
    procedure = procedure if case_number else ""
    before = audit.snapshot(point, ["hearing_case_number", "hearing_procedure"])
    point.hearing_case_number, point.hearing_procedure = case_number, procedure
    return save_versioned(
        point,
        actor=account,
        action="alarm.point.hearing",
        fields=["hearing_case_number", "hearing_procedure"],
        before=before,
    )


def _tell(
    alarm: Alarm, accounts: list[Account], *, stage: str, now: dt.datetime, title: Any
) -> list[Account]:
    told = set(alarm.recipients.values_list("account_id", flat=True))
    new = [a for a in accounts if a.pk not in told]
    AlarmRecipient.objects.bulk_create(
        [AlarmRecipient(alarm=alarm, account=a, stage=stage, told_at=now) for a in new]
    )
    notify(
        recipients=new,
        kind="alarm.pressed",
        title=localized(title, place=alarm.place),
        body=localized(
            BODY, name=_name(alarm.pressed_by), time=timezone.localtime(alarm.pressed_at).strftime("%H:%M:%S")
        ),
        url=alarm_url(alarm),
        dedupe_key=f"alarm.{stage}:{alarm.pk}",
        court=alarm.court,
        email=False,
    )
    audit.record_event(
        actor=None, action="alarm.alarm.tell", obj=alarm, stage=stage, told=sorted(a.pk for a in new)
    )
    return new


@transaction.atomic
def acknowledge_alarm(*, actor: Actor, alarm: Alarm) -> Alarm:
    """A judicial police officer takes the alarm on (on the way): it escalates no
    further. A colleague's second click is refused with the name of who took it on."""
    account = signed_in(actor)
    if not permissions.can_respond(account, alarm):
        raise PermissionDenied
    alarm = lock(alarm, related=["acknowledged_by"])
    if alarm.status != AlarmStatus.RAISED:
        raise ValidationError(
            _("%(name)s already took this alarm on.") % {"name": _name(alarm.acknowledged_by)},
            code="acknowledged",
        )
    before = audit.snapshot(alarm, ["status", "acknowledged_at", "acknowledged_by"])
    alarm.status = AlarmStatus.ACKNOWLEDGED
    alarm.acknowledged_at = timezone.now()
    alarm.acknowledged_by = account
    return save_versioned(
        alarm,
        actor=account,
        action="alarm.alarm.acknowledge",
        fields=["status", "acknowledged_at", "acknowledged_by"],
        before=before,
    )


@transaction.atomic
def record_arrival(*, actor: Actor, alarm: Alarm) -> Alarm:
    """The officer is at the place (the arrival time is the alarm's response time). An
    officer who arrives before anyone took it on takes it on as well."""
    account = signed_in(actor)
    if not permissions.can_respond(account, alarm):
        raise PermissionDenied
    alarm = lock(alarm)
    require_status(
        alarm,
        AlarmStatus.RAISED,
        AlarmStatus.ACKNOWLEDGED,
        message=_("The arrival at this alarm is already recorded."),
        code="arrived",
    )
    now = timezone.now()
    fields = ["status", "arrived_at", "arrived_by"]
    if alarm.acknowledged_at is None:
        fields += ["acknowledged_at", "acknowledged_by"]
    before = audit.snapshot(alarm, fields)
    alarm.status = AlarmStatus.ARRIVED
    alarm.arrived_at = now
    alarm.arrived_by = account
    if alarm.acknowledged_at is None:
        alarm.acknowledged_at, alarm.acknowledged_by = now, account
    return save_versioned(alarm, actor=account, action="alarm.alarm.arrive", fields=fields, before=before)


@transaction.atomic
def close_alarm(*, actor: Actor, alarm: Alarm, outcome: str = "") -> Alarm:
    """The alarm is dealt with (its incident goes on in the register). The outcome says
    what the officers found (a false alarm too)."""
    account = signed_in(actor)
    if not permissions.can_close(account, alarm):
        raise PermissionDenied
    alarm = lock(alarm)
    require_status(alarm, *OPEN_STATUSES, message=_("This alarm is already closed."), code="closed")
    if not outcome.strip():
        message = _("Say what the officers found before closing the alarm (a false alarm too).")
        raise ValidationError({"outcome": ValidationError(message, code="outcome_required")})
    before = audit.snapshot(alarm, ["status", "closed_at", "closed_by", "outcome"])
    alarm.status = AlarmStatus.CLOSED
    alarm.closed_at = timezone.now()
    alarm.closed_by = account
    alarm.outcome = outcome.strip()
    return save_versioned(
        alarm,
        actor=account,
        action="alarm.alarm.close",
        fields=["status", "closed_at", "closed_by", "outcome"],
        before=before,
    )


def escalate_due_alarms(*, now: dt.datetime | None = None, court_ids: set[int] | None = None) -> int:
    """Alarms nobody took on in time (AlarmSettings.escalate_after_seconds): each goes
    once to every judicial police officer of the court, its leaders and its committee
    office. Run every minute (tasks.py) and on each poll of an officers' screen (so a
    delay of seconds is kept without a job every second); safe to run twice or at once
    on two workers: each alarm is claimed by a conditional update before anyone is told."""
    now = now or timezone.now()
    due = Alarm.objects.filter(status=AlarmStatus.RAISED, escalated_at__isnull=True, escalate_at__lte=now)
    if court_ids is not None:
        due = due.filter(court_id__in=court_ids)
    done = 0
    for pk in list(due.values_list("pk", flat=True)[:200]):
        with transaction.atomic():
            claimed = Alarm.objects.filter(
                pk=pk, status=AlarmStatus.RAISED, escalated_at__isnull=True
            ).update(escalated_at=now)
            if not claimed:
                continue
            alarm = Alarm.objects.select_related("court", "pressed_by").get(pk=pk)
            everyone = duty.everyone(alarm.court_id, leaders=True) + list(
                accounts_with_roles(alarm.court_id, Role.COMMITTEE_OFFICE).order_by("pk")
            )
            _tell(alarm, everyone, stage=RecipientStage.ESCALATED, now=now, title=ESCALATED_TITLE)
            audit.record_event(actor=None, action="alarm.alarm.escalate", obj=alarm)
            done += 1
    return done
