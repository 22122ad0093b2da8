"""Personnel actions concerning judges and the committee's review of them (A7.2).

The personnel office records a transfer, removal, dismissal, demotion, discipline or
wrongful-case accountability with its statutory ground and procedure; the committee
office prepares the review; the chair or a vice-chair gives the opinion. An action
against a judge who recorded interference within the court's look-back years is flagged
to the committee when recorded (ProtectionFlag): the personnel office is not told."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from benchguard.committee.models import Resolution
from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, require_status, save_versioned
from benchguard.core.types import Actor
from benchguard.core.validators import COURTS_FOUNDED
from benchguard.interference import permissions
from benchguard.interference.choices import ActionStatus, ReviewOpinion
from benchguard.interference.models import Entry, PersonnelAction, ProtectionFlag
from benchguard.interference.selectors import is_judge
from benchguard.interference.services.register import _accounts, settings_for
from benchguard.notifications.services import localized, notify
from benchguard.organization.models import Person
from benchguard.organization.rights import right_for
from benchguard.organization.types import signed_in

ACTION_FIELDS = [
    "court",
    "judge",
    "right",
    "kind",
    "ground",
    "procedure",
    "decided_on",
    "recorded_by",
    "status",
]


def _refuse(field: str, message: Any, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def action_url(action: PersonnelAction) -> str:
    return reverse("interference:action_detail", args=[action.pk])


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@transaction.atomic
def record_action(
    *, actor: Actor, judge: Person, kind: str, ground: str, procedure: str, decided_on: dt.date
) -> PersonnelAction:
    """The personnel office records a personnel action concerning a judge of its court,
    with its statutory ground and procedure, for the committee's review (A7.2)."""
    account = signed_in(actor)
    if not permissions.can_record_action(account, judge.court_id):
        raise PermissionDenied
    if not is_judge(judge):
        raise _refuse(
            "judge",
            _("The committee reviews personnel actions concerning judges: choose a judge."),
            "not_judge",
        )
    if not ground.strip():
        raise _refuse("ground", _("Name the statutory ground of the action."), "required")
    if not procedure.strip():
        raise _refuse("procedure", _("Describe the procedure followed."), "required")
    today = timezone.localdate()
    if decided_on > today + dt.timedelta(days=366) or decided_on < COURTS_FOUNDED:
        raise _refuse("decided_on", _("Enter the real day of the decision."), "range")
    action = PersonnelAction(
        court=judge.court,
        judge=judge,
        right=right_for("career"),
        kind=kind,
        ground=ground.strip(),
        procedure=procedure.strip(),
        decided_on=decided_on,
        recorded_by=account,
    )
    create_versioned(action, actor=actor, action="interference.action.record", fields=ACTION_FIELDS)
    flag = _flag_if_protected(action, today)
    transaction.on_commit(lambda: _tell_committee(action, flagged=flag is not None))
    return action


def _flag_if_protected(action: PersonnelAction, today: dt.date) -> ProtectionFlag | None:
    """Flag the action when the judge recorded interference (or had it recorded for
    them) within the look-back years before the decision, up to now (A7.2)."""
    years = settings_for(action.court_id).protection_years
    since = _years_before(min(action.decided_on, today), years)
    mine = Q(judge=action.judge)
    if action.judge.account_id:
        mine |= Q(recorded_by_id=action.judge.account_id)
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    found = Entry.objects.filter(mine, recorded_at__gte=start, amends__isnull=True).aggregate(
        latest=Max("recorded_at")
    )
    count = Entry.objects.filter(mine, recorded_at__gte=start, amends__isnull=True).count()
    if not count:
        return None
    flag = ProtectionFlag(
        action=action, entries=count, since=since, latest=timezone.localtime(found["latest"]).date()
    )
    return create_versioned(
        flag, actor=None, action="interference.action.flag", fields=["action", "entries", "since", "latest"]
    )


def _tell_committee(action: PersonnelAction, *, flagged: bool) -> None:
    """The committee office, and for a flagged action its chair and vice-chairs too."""
    roles = permissions.COMMITTEE_HANDLERS if flagged else {"committee_office"}
    title = (
        gettext_lazy("Flagged for review: a personnel action concerns %(judge)s, who recorded interference")
        if flagged
        else gettext_lazy("A personnel action concerning %(judge)s awaits the committee's review")
    )
    notify(
        recipients=_accounts(action.court_id, roles),
        kind="interference.action.flagged" if flagged else "interference.action.recorded",
        title=localized(title, judge=action.judge.name),
        url=action_url(action),
        dedupe_key=f"interference.action:{action.pk}",
        court=action.court,
    )


PREPARE_REFUSED = _("Only an action awaiting review can be prepared; this one is “%(status)s”.")
REVIEW_REFUSED = _("Only a prepared action can be reviewed; this one is “%(status)s”.")


@transaction.atomic
def prepare_review(
    *, actor: Actor, action: PersonnelAction, expected_version: int, preparation: str
) -> PersonnelAction:
    """The committee office prepares the review: what it checked of the ground and
    procedure (A7.2)."""
    account = signed_in(actor)
    if not permissions.can_prepare(account, action):
        raise PermissionDenied
    action = lock(action, expected_version)
    require_status(action, ActionStatus.RECORDED, message=PREPARE_REFUSED)
    if not preparation.strip():
        raise _refuse("preparation", _("Say what the office checked."), "required")
    before = audit.snapshot(action, ["status", "preparation", "prepared_by"])
    action.status = ActionStatus.PREPARED
    action.preparation = preparation.strip()
    action.prepared_by = account
    return save_versioned(
        action,
        actor=actor,
        action="interference.action.prepare",
        fields=["status", "preparation", "prepared_by"],
        before=before,
    )


@transaction.atomic
def give_opinion(
    *,
    actor: Actor,
    action: PersonnelAction,
    expected_version: int,
    opinion: str,
    opinion_text: str,
    resolution: Resolution | None = None,
) -> PersonnelAction:
    """The chair or a vice-chair gives the committee's review opinion (A7.2), with the
    meeting's resolution when the committee voted on it."""
    account = signed_in(actor)
    if not permissions.can_review(account, action):
        raise PermissionDenied
    action = lock(action, expected_version)
    require_status(action, ActionStatus.PREPARED, message=REVIEW_REFUSED)
    if opinion not in ReviewOpinion.values:
        raise _refuse("opinion", _("Choose the opinion."), "required")
    if not opinion_text.strip():
        raise _refuse("opinion_text", _("Give the reasons of the opinion."), "required")
    if resolution is not None and resolution.meeting.court_id != action.court_id:
        raise _refuse("resolution", _("Choose a resolution of this court's committee."), "other_court")
    fields = ["status", "opinion", "opinion_text", "reviewed_by", "reviewed_on", "resolution"]
    before = audit.snapshot(action, fields)
    action.status = ActionStatus.REVIEWED
    action.opinion = opinion
    action.opinion_text = opinion_text.strip()
    action.reviewed_by = account
    action.reviewed_on = timezone.localdate()
    action.resolution = resolution
    save_versioned(action, actor=actor, action="interference.action.review", fields=fields, before=before)
    transaction.on_commit(lambda: _tell_personnel(action))
    return action


def _tell_personnel(action: PersonnelAction) -> None:
    notify(
        recipients=[action.recorded_by] if action.recorded_by.is_active else [],
        kind="interference.action.reviewed",
        title=localized(
            gettext_lazy("The committee reviewed the personnel action concerning %(judge)s"),
            judge=action.judge.name,
        ),
        url=action_url(action),
        dedupe_key=f"interference.action.reviewed:{action.pk}",
        court=action.court,
    )
