"""Every change to training and drills (A11): courses, sessions and who attended (the
personnel office), drills on the emergency plans with their findings and follow-ups
(the judicial police and the committee office), and the daily flag of untrained judges
at risk to the committee office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, require_status, save_versioned, set_related
from benchguard.core.types import Actor
from benchguard.incidents.models import EmergencyPlan
from benchguard.notifications.services import localized, notify
from benchguard.organization.choices import Role
from benchguard.organization.models import Court, Person
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import signed_in
from benchguard.training import permissions, selectors
from benchguard.training.choices import FollowUpStatus
from benchguard.training.models import Attendance, Course, Drill, DrillFollowUp, Session

UNTRAINED_BODY = gettext_lazy(
    "A judge with a protection or a flagged case has had no safety training in the period "
    "the court set (A11). Arrange a session."
)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _not_future(day: dt.date, field: str, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("%(what)s cannot be in the future.") % {"what": what}})


def _of_court(people: Iterable[Person], court_id: int, field: str) -> list[Person]:
    chosen = list({person.pk: person for person in people}.values())
    if any(person.court_id != court_id for person in chosen):
        raise ValidationError({field: _("Choose people of this court.")})
    return chosen


@transaction.atomic
def create_course(*, actor: Actor, court: Court, title: str, kind: str, description: str = "") -> Course:
    """The personnel office adds a course (A11)."""
    _require(permissions.can_keep_courses(actor, court.pk))
    title = title.strip()
    if Course.objects.filter(court=court, title=title).exists():
        raise ValidationError(
            {"title": ValidationError(_("The court already has a course of this title."), code="duplicate")}
        )
    course = Course(court=court, title=title, kind=kind, description=description.strip())
    return create_versioned(
        course, actor=actor, action="training.course.create", fields=["title", "kind", "description"]
    )


@transaction.atomic
def add_session(
    *, actor: Actor, course: Course, held_on: dt.date, place: str, trainer: str, hours: Decimal
) -> Session:
    """A session of the course: held, or planned (attendance is recorded once held)."""
    _require(permissions.can_keep_courses(actor, course.court_id))
    session = Session(
        course=course, held_on=held_on, place=place.strip(), trainer=trainer.strip(), hours=hours
    )
    return create_versioned(
        session,
        actor=actor,
        action="training.session.add",
        fields=["course", "held_on", "place", "trainer", "hours"],
    )


@transaction.atomic
def record_attendance(*, actor: Actor, session: Session, people: Iterable[Person]) -> int:
    """Who attended a session that was held (A11); someone already recorded is not
    recorded twice, so a second click or a retry adds nothing. Returns how many were added."""
    court_id = session.course.court_id
    _require(permissions.can_keep_courses(actor, court_id))
    _not_future(session.held_on, "people", _("Attendance of a session not yet held"))
    chosen = _of_court(people, court_id, "people")
    if not chosen:
        raise ValidationError({"people": _("Choose who attended.")})
    lock(session)  # two keepers at once: one after the other
    already = set(session.attendance.values_list("person_id", flat=True))
    new = [person for person in chosen if person.pk not in already]
    recorder = signed_in(actor)
    Attendance.objects.bulk_create([Attendance(session=session, person=p, recorded_by=recorder) for p in new])
    if new:
        audit.record_event(
            actor=actor, action="training.attendance.record", obj=session, people=[p.name for p in new]
        )
    return len(new)


@transaction.atomic
def record_drill(
    *,
    actor: Actor,
    court: Court,
    held_on: dt.date,
    scenario: str,
    participants: Iterable[Person],
    plan: EmergencyPlan | None = None,
    findings: str = "",
) -> Drill:
    """An emergency drill that was held (A11), on one of the court's plans (A13.4)."""
    _require(permissions.can_keep_drills(actor, court.pk))
    _not_future(held_on, "held_on", _("A drill's day"))
    if plan is not None and plan.court_id != court.pk:
        raise ValidationError({"plan": _("Choose a plan of this court.")})
    people = _of_court(participants, court.pk, "participants")
    if not people:
        raise ValidationError({"participants": _("Choose who took part.")})
    drill = create_versioned(
        Drill(court=court, plan=plan, held_on=held_on, scenario=scenario.strip(), findings=findings.strip()),
        actor=actor,
        action="training.drill.record",
        fields=["plan", "held_on", "scenario", "findings"],
    )
    set_related(drill, actor=actor, action="training.drill.participants", participants=people)
    return drill


@transaction.atomic
def add_follow_up(
    *, actor: Actor, drill: Drill, action: str, owner: Person, due_on: dt.date
) -> DrillFollowUp:
    _require(permissions.can_keep_drills(actor, drill.court_id))
    _of_court([owner], drill.court_id, "owner")
    if due_on < drill.held_on:
        raise ValidationError({"due_on": _("The follow-up cannot be due before the drill.")})
    follow_up = DrillFollowUp(drill=drill, action=action.strip(), owner=owner, due_on=due_on)
    created = create_versioned(
        follow_up, actor=actor, action="training.follow_up.add", fields=["action", "owner", "due_on"]
    )
    if (account := owner.account) is not None:
        notify(
            recipients=[account],
            kind="training.follow_up",
            title=gettext_lazy("A drill's follow-up is yours"),
            body=localized(
                gettext_lazy("%(action)s — by %(date)s."), action=created.action, date=due_on.isoformat()
            ),
            url=reverse("training:drill_detail", args=[drill.pk]),
            dedupe_key=f"training.follow_up:{created.pk}",
            court=drill.court,
        )
    return created


@transaction.atomic
def close_follow_up(
    *, actor: Actor, follow_up: DrillFollowUp, note: str, expected_version: int
) -> DrillFollowUp:
    current = lock(follow_up, expected_version, related=["drill"])
    _require(permissions.can_keep_drills(actor, current.drill.court_id))
    require_status(
        current, FollowUpStatus.OPEN, message=gettext_lazy("This follow-up is already “%(status)s”.")
    )
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")})
    before = audit.snapshot(current, ["status", "done_note"])
    current.status, current.done_note, current.done_at = FollowUpStatus.DONE, note.strip(), timezone.now()
    return save_versioned(
        current,
        actor=actor,
        action="training.follow_up.close",
        fields=["status", "done_note", "done_at"],
        before=before,
    )


def flag_untrained_at_risk(*, today: dt.date | None = None) -> int:
    """Tell each court's committee office of the judges at risk who are not trained
    (A11 with A12.3 and A14): once per person and period, whatever the number of runs."""
    today = today or timezone.localdate()
    sent = 0
    for court in Court.objects.order_by("sort_order", "pk"):
        office = list(accounts_with_roles(court.pk, Role.COMMITTEE_OFFICE))
        if not office:
            continue
        since = selectors.counts_from(court.pk, today)
        for person in selectors.untrained_in(court.pk, today).filter(Q(at_risk=True)):
            created = notify(
                recipients=office,
                kind="training.untrained",
                title=localized(gettext_lazy("%(name)s is at risk and not trained"), name=person.name),
                body=UNTRAINED_BODY,
                url=reverse("training:untrained") + f"?court={court.pk}",
                dedupe_key=f"training.untrained:{person.pk}:{since.isoformat()}",
                court=court,
            )
            sent += len(created)
    return sent
