"""Every change of the duty area: the roster's shifts (A13.4) and the duty alerts.

`alert_on_duty` is the one door for an alert that the judicial police must answer at
once — a visitor on hold at the gate, a group petition, a party of a flagged case
arriving (issue 12): it goes to whoever is on duty now and, when nobody on duty
acknowledges it within the court's `DutySettings.escalate_after_minutes`, once more to
every judicial police officer of the court (and its leaders, for the duty leader's
alerts; `escalate_due_alerts`, a job every minute). With nobody on duty it goes to
everyone at once. The area that raised it may settle it when the matter is dealt with
(`settle_alert`): a decided hold needs no escalation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, save_versioned
from benchguard.core.types import Actor
from benchguard.core.validators import PLANNED
from benchguard.duty import permissions
from benchguard.duty.choices import AlertStage, DutyRole
from benchguard.duty.models import (
    DEFAULT_ESCALATE_AFTER_MINUTES,
    DutyAlert,
    DutyAlertRecipient,
    DutySettings,
    DutyShift,
    in_language,
)
from benchguard.notifications.services import localized, notify
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import account_of

MAX_SHIFT = dt.timedelta(hours=24)
SHIFT_FIELDS = ["court", "person", "role", "starts_at", "ends_at", "note"]
EDITABLE = ("person", "role", "starts_at", "ends_at", "note")


# --- The roster ---------------------------------------------------------------------


@transaction.atomic
def add_shift(
    *,
    actor: Actor,
    court: Court,
    person: Person,
    role: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    note: str = "",
) -> DutyShift:
    """Put a person on duty in the court from a time to a time (A13.4)."""
    if not permissions.can_keep(actor, court.pk):
        raise PermissionDenied
    shift = DutyShift(
        court=court, person=person, role=role, starts_at=starts_at, ends_at=ends_at, note=note.strip()
    )
    _check_shift(shift)
    return create_versioned(shift, actor=actor, action="duty.shift.add", fields=SHIFT_FIELDS)


@transaction.atomic
def update_shift(
    *, actor: Actor, shift: DutyShift, expected_version: int, changes: Mapping[str, Any]
) -> DutyShift:
    """Change who is on duty, as what, or when (A13.4)."""
    if not permissions.can_edit_shift(actor, shift):
        raise PermissionDenied
    shift = lock(shift, expected_version)
    if not shift.is_active:
        raise ValidationError(_("This shift was removed from the roster."), code="removed")
    changed = {name: value for name, value in changes.items() if name in EDITABLE}
    if "note" in changed:
        changed["note"] = changed["note"].strip()
    changed = {name: value for name, value in changed.items() if getattr(shift, name) != value}
    if not changed:
        return shift
    before = audit.snapshot(shift, changed)
    for name, value in changed.items():
        setattr(shift, name, value)
    _check_shift(shift)
    return save_versioned(shift, actor=actor, action="duty.shift.update", fields=changed, before=before)


@transaction.atomic
def remove_shift(*, actor: Actor, shift: DutyShift, expected_version: int | None = None) -> DutyShift:
    """Take a shift off the roster; it stays on record (who was meant to be on duty)."""
    if not permissions.can_edit_shift(actor, shift):
        raise PermissionDenied
    shift = lock(shift, expected_version)
    if not shift.is_active:
        raise ValidationError(_("This shift was already removed from the roster."), code="removed")
    before = audit.snapshot(shift, ["is_active"])
    shift.is_active = False
    return save_versioned(shift, actor=actor, action="duty.shift.remove", fields=["is_active"], before=before)


def _check_shift(shift: DutyShift) -> None:
    """A shift's rules: within the planning bounds, at most a day long, a person of the
    court who may stand that duty, never two shifts of one person at once (the person's
    row is locked, so two keepers adding at the same moment cannot both pass)."""
    errors: dict[str, Any] = {}
    for name in ("starts_at", "ends_at"):
        try:
            PLANNED(getattr(shift, name))
        except ValidationError as exc:
            errors[name] = exc
    if errors:
        raise ValidationError(errors)
    if shift.ends_at <= shift.starts_at:
        raise ValidationError(
            {"ends_at": ValidationError(_("The shift must end after it starts."), code="ends_before_start")}
        )
    if shift.ends_at - shift.starts_at > MAX_SHIFT:
        raise ValidationError(
            {"ends_at": ValidationError(_("A shift lasts at most 24 hours."), code="too_long")}
        )
    if shift.role not in DutyRole.values:
        raise ValidationError({"role": _("Choose a duty.")})
    person = lock(Person(pk=shift.person_id), related=["account"])
    if person.court_id != shift.court_id or not person.is_active:
        raise ValidationError({"person": _("The person on duty must work at this court.")})
    if not permissions.can_stand(person.account, shift.role, shift.court_id):
        raise ValidationError(
            {
                "person": ValidationError(
                    _(
                        "%(name)s cannot stand this duty: it needs a judicial police officer "
                        "(or, as duty leader, a court leader) with an account."
                    )
                    % {"name": person.name},
                    code="not_eligible",
                )
            }
        )
    clash = (
        DutyShift.objects.overlapping(shift.starts_at, shift.ends_at)
        .filter(person_id=shift.person_id)
        .exclude(pk=shift.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(
            {
                "starts_at": ValidationError(
                    _("%(name)s is already on duty from %(start)s to %(end)s.")
                    % {
                        "name": person.name,
                        "start": f"{timezone.localtime(clash.starts_at):%Y-%m-%d %H:%M}",
                        "end": f"{timezone.localtime(clash.ends_at):%Y-%m-%d %H:%M}",
                    },
                    code="overlap",
                )
            }
        )
    shift.full_clean(exclude=["court", "person"])


# --- Alerts ------------------------------------------------------------------------


def escalate_after(court_id: int) -> dt.timedelta:
    """The court's DutySettings.escalate_after_minutes (its default without a row)."""
    minutes = (
        DutySettings.objects.filter(court_id=court_id)
        .values_list("escalate_after_minutes", flat=True)
        .first()
    )
    return dt.timedelta(minutes=minutes or DEFAULT_ESCALATE_AFTER_MINUTES)


def on_duty(court_id: int, role: str, at: dt.datetime) -> list[Account]:
    """The active accounts on duty in that role at that moment who still hold a role
    that lets them stand it."""
    shifts = DutyShift.objects.covering(at).filter(court_id=court_id, role=role)
    return list(
        accounts_with_roles(court_id, *permissions.ELIGIBLE[role])
        .filter(person__pk__in=shifts.values("person_id"))
        .order_by("pk")
    )


def everyone(court_id: int, *, leaders: bool) -> list[Account]:
    """Every judicial police officer of the court, and with `leaders` its leaders."""
    roles = [Role.JUDICIAL_POLICE, *(permissions.LEADER_ROLES if leaders else ())]
    return list(accounts_with_roles(court_id, *roles).order_by("pk"))


def _texts(value: str | Promise) -> dict[str, str]:
    """A title or body in every language of the site, kept for the escalation."""
    if not isinstance(value, Promise):
        return {"": value}
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(value)
    return texts


_stored = lazy(in_language, str)


@transaction.atomic
def alert_on_duty(
    *,
    court: Court,
    kind: str,
    title: str | Promise,
    occasion: str,
    body: str | Promise = "",
    url: str = "",
    leaders: bool = False,
    also: Iterable[Account] = (),
    email: bool = False,
    actor: Actor = None,
) -> DutyAlert:
    """Tell whoever is on duty in the court now of `occasion` (a key naming it once, such
    as "gate.hold:42"): the judicial police officer on duty, and with `leaders` the duty
    leader; `also` names accounts told at once whoever is on duty (the case judge).
    A group with nobody on duty is told whole at once: every judicial police officer,
    and with `leaders` the court's leaders. Unless everyone was told, the alert is sent
    to everyone once more when nobody acknowledged it within the court's setting.

    `title` and `body` are lazy texts (`gettext_lazy`, `localized`) or plain text, as
    for notify; they are the notification's, and must not name what the recipients may
    not read. The occasion is new to notifications (nobody was notified under its key
    before this call). Calling again with the same occasion tells nobody twice and
    returns the alert already raised."""
    existing = DutyAlert.objects.filter(occasion=occasion).first()
    if existing is not None:
        return existing
    now = timezone.now()
    officers = everyone(court.pk, leaders=False)
    all_told = everyone(court.pk, leaders=leaders)
    # Each group: those on duty in it, else the whole group (every officer; the leaders).
    groups = {DutyRole.POLICE: officers}
    if leaders:
        groups[DutyRole.LEADER] = [a for a in all_told if a not in officers]
    told: dict[Any, tuple[Account, str]] = {}
    for role, whole in groups.items():
        duty = on_duty(court.pk, role, now)
        for account in duty or whole:
            told.setdefault(account.pk, (account, AlertStage.ON_DUTY if duty else AlertStage.EVERYONE))
    for account in also:
        told.setdefault(account.pk, (account, AlertStage.EXTRA))
    rest = [a for a in all_told if a.pk not in told]
    try:
        with transaction.atomic():  # a savepoint: another worker may raise it at the same moment
            alert = DutyAlert.objects.create(
                occasion=occasion,
                court=court,
                kind=kind,
                title=_texts(title),
                body=_texts(body),
                url=url,
                leaders=leaders,
                created_at=now,
                escalate_at=now + escalate_after(court.pk) if rest else None,
            )
    except IntegrityError:
        return DutyAlert.objects.get(occasion=occasion)
    _tell(alert, [a for a, _stage in told.values()], title=title, body=body, email=email, new=True)
    DutyAlertRecipient.objects.bulk_create(
        [DutyAlertRecipient(alert=alert, account=a, stage=stage, told_at=now) for a, stage in told.values()]
    )
    audit.record_event(
        actor=actor,
        action="duty.alert.raise",
        obj=alert,
        occasion=occasion,
        told=sorted(told),
        escalates=alert.escalate_at is not None,
    )
    return alert


def _tell(
    alert: DutyAlert, recipients: list[Account], *, title: Any, body: Any, email: bool, new: bool = False
) -> None:
    notify(
        recipients=recipients,
        kind=alert.kind,
        title=title,
        body=body,
        url=alert.url,
        dedupe_key=alert.occasion,
        court=alert.court,
        email=email,
        new_occasion=new,
    )


@transaction.atomic
def acknowledge_alert(*, actor: Actor, alert: DutyAlert) -> DutyAlert:
    """Someone told of the alert takes it on: it escalates no further. A second click
    (or a colleague's) changes nothing: the first acknowledgement stands."""
    if not permissions.can_acknowledge(actor, alert):
        raise PermissionDenied
    if not _close_alert(alert.pk, actor, action="duty.alert.acknowledge"):
        alert.refresh_from_db()
        by = alert.acknowledged_by
        # Two officers must never both believe they took it on: the second is told who did.
        raise ValidationError(
            gettext_lazy("%(name)s already took this alert on."),
            code="acknowledged",
            params={"name": (by.get_full_name() or by.username) if by is not None else "—"},
        )
    alert.refresh_from_db()
    return alert


@transaction.atomic
def settle_alert(*, occasion: str, actor: Actor = None) -> bool:
    """The area that raised the alert dealt with its occasion (a hold decided): it
    escalates no further. False when there is no open alert of that occasion."""
    pk = DutyAlert.objects.filter(occasion=occasion).values_list("pk", flat=True).first()
    return pk is not None and _close_alert(pk, actor, action="duty.alert.settle")


def _close_alert(pk: int, actor: Actor, *, action: str) -> bool:
    closed = DutyAlert.objects.filter(pk=pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now(), acknowledged_by=account_of(actor)
    )
    if closed:
        audit.record_event(actor=actor, action=action, obj=DutyAlert.objects.get(pk=pk))
    return bool(closed)


ESCALATED_TITLE = gettext_lazy("Not acknowledged in time: %(title)s")


def escalate_due_alerts(*, now: dt.datetime | None = None) -> int:
    """Alerts nobody acknowledged in time: each goes once to everyone of the court it
    has not reached (every judicial police officer; its leaders too for the duty
    leader's). Run every minute (tasks.py); safe to run twice, late or on two workers:
    the alert is claimed by a conditional update before anyone is told."""
    now = now or timezone.now()
    done = 0
    due = DutyAlert.objects.filter(
        acknowledged_at__isnull=True, escalated_at__isnull=True, escalate_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due[:500]):
        with transaction.atomic():
            claimed = DutyAlert.objects.filter(
                pk=pk, acknowledged_at__isnull=True, escalated_at__isnull=True
            ).update(escalated_at=now)
            if not claimed:
                continue  # acknowledged or escalated meanwhile
            alert = DutyAlert.objects.select_related("court").get(pk=pk)
            told = set(alert.recipients.values_list("account_id", flat=True))
            rest = [a for a in everyone(alert.court_id, leaders=alert.leaders) if a.pk not in told]
            title = localized(ESCALATED_TITLE, title=_stored(alert.title))
            _tell(alert, rest, title=title, body=_stored(alert.body), email=False)
            DutyAlertRecipient.objects.bulk_create(
                [
                    DutyAlertRecipient(alert=alert, account=a, stage=AlertStage.ESCALATED, told_at=now)
                    for a in rest
                ]
            )
            audit.record_event(
                actor=None, action="duty.alert.escalate", obj=alert, told=sorted(a.pk for a in rest)
            )
            done += 1
    return done
