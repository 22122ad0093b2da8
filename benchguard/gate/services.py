"""Every change at the gate (A12) goes through these functions: permission, validation,
one transaction, an audit entry. Visitors' document numbers are never written to the
audit log (redacted) and are stored encrypted with a blind index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit
from benchguard.core.documents import validate_document
from benchguard.core.exports import Column, local_time, workbook
from benchguard.core.services import create_versioned, lock, require_status, save_versioned, update_versioned
from benchguard.core.types import Actor
from benchguard.duty import services as duty
from benchguard.gate import arrivals, permissions, selectors
from benchguard.gate.choices import (
    OPEN_STATUSES,
    POLICE_STATUSES,
    RETURNABLE,
    CheckDecision,
    ConfirmedVia,
    DayEndOutcome,
    Disposition,
    HitOutcome,
    HoldDecision,
    ItemCategory,
    PostKind,
    ReturnedHow,
    VisitStatus,
)
from benchguard.gate.models import (
    CheckDecisionRecord,
    CheckpointSettings,
    CheckpointShift,
    DayClosing,
    DayEndRecord,
    EntryRefusal,
    HeldItem,
    HoldDecisionRecord,
    IdDeposit,
    PartyArrival,
    PassageEntry,
    Post,
    ScreeningHit,
    Visit,
    document_index,
)
from benchguard.incidents import services as incident_services
from benchguard.incidents.choices import IncidentKind
from benchguard.incidents.models import Incident
from benchguard.notifications.models import Notification
from benchguard.notifications.services import notify
from benchguard.organization.models import Person
from benchguard.organization.types import account_of, signed_in
from benchguard.persons_of_concern import matching

VISIT_FIELDS = [
    "court",
    "post",
    "visitor_name",
    "document_kind",
    "document_number",
    "purpose",
    "host",
    "arrived_at",
    "status",
    "hits",
]


def _visit_url(visit: Visit) -> str:
    return reverse("gate:visit_detail", args=[visit.pk])


def _require_desk(actor: Actor, court_id: int) -> None:
    if not permissions.can_use_desk(actor, court_id):
        raise PermissionDenied


def _hand_back(deposit_filter: Q, actor: Actor, how: str, at: dt.datetime) -> int:
    """Hand a held document back once: a conditional update, so two clicks or two
    guards never hand it back twice."""
    return IdDeposit.objects.filter(deposit_filter, returned_at__isnull=True).update(
        returned_at=at, returned_by=actor, returned_how=how
    )


# --- Check-in ---------------------------------------------------------------------------------


def screen(
    *, name: str, document_kind: str, document_number: str, phone: str = ""
) -> list[matching.Candidate]:
    """The screening of one visitor against the city-wide controlled list (A15, issue
    9): every person with an ACTIVE entry the visitor may be, graded hold or check
    (`matching.grade`); the ones graded pass are left out."""
    found = matching.screen(
        name=name, document_kind=document_kind, document_number=document_number, phone=phone
    )
    return [c for c in found if c.outcome != matching.PASS]


def check_in(
    *,
    actor: Actor,
    post: Post,
    visitor_name: str,
    document_kind: str,
    document_number: str,
    purpose: str,
    host: Person,
    slot: str,
    phone: str = "",
    at: dt.datetime | None = None,
) -> Visit:
    """Register a visitor (A12.2): arrival on the server's clock, the document validated
    for its type and held in `slot`, the visitor screened. A hit puts the visit on hold
    and alerts the judicial police and the host; otherwise the host is asked to confirm.

    A document already held, or a slot in use, is refused by the deposit's partial
    unique constraints, not by a read before the insert: that read would cost every
    check-in a query, and two guards at once would pass it anyway. The transaction is
    rolled back and then told apart (`_deposit_clash`).

    `at` is for loading past records (the demo); the desk never passes it."""
    _require_desk(actor, post.court_id)
    if post.kind != PostKind.GATEHOUSE or not post.is_active:
        raise ValidationError({"post": _("Visitors are registered at a gatehouse in use.")})
    visitor_name, purpose, slot, phone = visitor_name.strip(), purpose.strip(), slot.strip(), phone.strip()
    errors: dict[str, Any] = {}
    if not visitor_name:
        errors["visitor_name"] = ValidationError(_("Enter the visitor's name."), code="required")
    if not purpose:
        errors["purpose"] = ValidationError(_("Enter the purpose of the visit."), code="required")
    if not slot:
        errors["slot"] = ValidationError(_("Enter the slot the document is kept in."), code="required")
    if host.court_id != post.court_id or not host.is_active:
        errors["host"] = ValidationError(_("The host must work at this court."), code="host")
    try:
        normalised = validate_document(document_kind, document_number)
    except ValidationError as exc:
        errors["document_number"] = exc.error_list
        normalised = ""
    if errors:
        raise ValidationError(errors)
    index = document_index(document_kind, normalised)
    try:
        with transaction.atomic():
            return _register(
                actor=actor,
                post=post,
                visitor_name=visitor_name,
                document_kind=document_kind,
                normalised=normalised,
                index=index,
                purpose=purpose,
                host=host,
                slot=slot,
                phone=phone,
                now=at or timezone.now(),
            )
    except IntegrityError as exc:
        clash = _deposit_clash(index, post, slot)
        if clash is None:
            raise  # not the deposit: a fault, not a guard's input
        raise clash from exc


def _deposit_clash(index: str, post: Post, slot: str) -> ValidationError | None:
    """Why a deposit was refused, read after the rollback: the document is held (by
    this desk earlier, or by another guard a moment ago), or the slot is in use."""
    held = IdDeposit.objects.filter(document_index=index, returned_at__isnull=True).first()
    if held is not None:
        message = _("This document is already held at the gatehouse (slot %(slot)s).") % {"slot": held.slot}
        return ValidationError({"document_number": ValidationError(message, code="already_held")})
    if IdDeposit.objects.filter(post=post, slot=slot, returned_at__isnull=True).exists():
        return ValidationError(
            {"slot": ValidationError(_("This slot is already in use."), code="slot_taken")}
        )
    return None


def _register(
    *,
    actor: Actor,
    post: Post,
    visitor_name: str,
    document_kind: str,
    normalised: str,
    index: str,
    purpose: str,
    host: Person,
    slot: str,
    phone: str,
    now: dt.datetime,
) -> Visit:
    """The check-in's writes, in the caller's transaction: screen, the visit with its
    audit line, the deposit, the hits and who is told."""
    hits = screen(name=visitor_name, document_kind=document_kind, document_number=normalised, phone=phone)
    outcome = matching.worst([c.outcome for c in hits])
    status = {matching.HOLD: VisitStatus.ON_HOLD, matching.CHECK: VisitStatus.CHECKING}.get(
        outcome, VisitStatus.PENDING
    )
    visit = create_versioned(
        Visit(
            court_id=post.court_id,
            post=post,
            visitor_name=visitor_name,
            document_kind=document_kind,
            document_number=normalised,
            document_index=index,
            phone=phone,
            purpose=purpose,
            host=host,
            host_department_id=host.department_id,
            arrived_at=now,
            registered_by=account_of(actor),
            status=status,
            hits=len(hits),
            check_due_at=(
                now + dt.timedelta(minutes=settings.GATE_CHECK_MINUTES)
                if status == VisitStatus.CHECKING
                else None
            ),
        ),
        actor=actor,
        action="gate.visit.check_in",
        fields=VISIT_FIELDS,
        # The audit log outlives the retention purge: no visitor's name or number in it.
        redact=["visitor_name", "document_number"],
        trusted=["court", "post", "host", "host_department", "registered_by"],
    )
    IdDeposit.objects.create(visit=visit, post=post, document_index=index, slot=slot, held_since=now)
    if hits:
        ScreeningHit.objects.bulk_create(
            [
                ScreeningHit(
                    visit=visit,
                    person_id=c.person_id,
                    score=c.score,
                    outcome=HitOutcome.HOLD if c.outcome == matching.HOLD else HitOutcome.CHECK,
                    reasons=c.reasons,
                    created_at=now,
                )
                for c in hits
            ]
        )
    # A party of a flagged case: the case judge and the police are told; not a hold.
    visit.flagged_arrivals = len(  # type: ignore[attr-defined]
        arrivals.note_flagged_parties(
            visit, actor=actor, name=visitor_name, document_kind=document_kind, normalised=normalised, now=now
        )
    )
    if status == VisitStatus.ON_HOLD:
        audit.record_event(actor=actor, action="gate.visit.hold", obj=visit, hits=len(hits))
        _alert_hold(visit, title=gettext_lazy("A visitor at the gate is on hold"), actor=actor)
    elif status == VisitStatus.CHECKING:
        due = visit.check_due_at
        assert due is not None
        audit.record_event(actor=actor, action="gate.visit.check", obj=visit, hits=len(hits))
        # The judicial police officer on duty first (duty roster), every officer after
        # the court's duty setting; the check itself times out into a hold (below).
        duty.alert_on_duty(
            court=post.court,
            kind="gate.check",
            title=gettext_lazy("A visitor at the gate needs a check"),
            body=f"{post.name} · {timezone.localtime(now):%H:%M} → {timezone.localtime(due):%H:%M}",
            url=reverse("gate:holds"),
            occasion=f"gate.check:{visit.pk}",
            actor=actor,
        )
    if host.account_id:
        notify(
            recipients=[host.account] if host.account else [],
            kind="gate.confirm",
            title=gettext_lazy("A visitor is asking for you at the gate"),
            # The host is told whom (issue 9); purge_visitor_data blanks it with the visit.
            body=f"{visitor_name} · {timezone.localtime(now):%H:%M} · {purpose[:60]}",
            url=_visit_url(visit),
            dedupe_key=f"gate.confirm:{visit.pk}",
            court=post.court,
            new_occasion=True,
        )
    return visit


def _alert_hold(visit: Visit, *, title: Any, leaders: bool = False, actor: Actor = None) -> None:
    """Tell the judicial police officer on duty (and, when asked, the duty leader) that a
    visit is on hold: where and when, never who. Every officer (and the court's leaders)
    is told when nobody is on duty, or when nobody on duty acknowledged it in time
    (benchguard.duty)."""
    duty.alert_on_duty(
        court=visit.post.court,
        kind="gate.hold",
        title=title,
        body=f"{visit.post.name} · {timezone.localtime(visit.arrived_at):%H:%M}",
        url=reverse("gate:holds"),
        occasion=f"gate.hold:{visit.pk}",
        leaders=leaders,
        actor=actor,
    )


def _admit_if_ready(visit: Visit) -> None:
    """A visitor is admitted once the host confirmed and no hold remains."""
    if visit.status == VisitStatus.PENDING and visit.confirmed_at is not None:
        visit.status = VisitStatus.ADMITTED


# A visit's transitions below save with `validate=False`: they set only values checked
# here, and full_clean would read each of the visit's six foreign keys again (and its
# check constraint) on every button at the desk.


@transaction.atomic
def confirm(*, actor: Actor, visit: Visit, via: str = ConfirmedVia.SYSTEM) -> Visit:
    """The host confirms the visitor: in BenchGuard (the host), or on the phone with
    the guard, who records it under their own name."""
    visit = lock(visit, related=["host"])
    if via == ConfirmedVia.SYSTEM:
        if not permissions.is_host(actor, visit):
            raise PermissionDenied
    else:
        _require_desk(actor, visit.court_id)
    require_status(
        visit,
        VisitStatus.PENDING,
        *POLICE_STATUSES,
        message=_("This visit is %(status)s; it cannot be confirmed now."),
    )
    if visit.confirmed_at is not None:
        raise ValidationError(_("The host has already confirmed this visitor."), code="already_confirmed")
    before = audit.snapshot(visit, ["status", "confirmed_via"])
    visit.confirmed_at, visit.confirmed_by, visit.confirmed_via = timezone.now(), account_of(actor), via
    _admit_if_ready(visit)
    return save_versioned(
        visit,
        actor=actor,
        action="gate.visit.confirm",
        fields=["confirmed_at", "confirmed_by", "confirmed_via", "status"],
        before=before,
        validate=False,
    )


@transaction.atomic
def close_visit(*, actor: Actor, visit: Visit, reason: str) -> Visit:
    """Not admitted: the host refused, did not answer, or the visitor left; closed with
    a reason, and the document handed back in the same step."""
    visit = lock(visit, related=["host"])
    if not (permissions.can_use_desk(actor, visit.court_id) or permissions.is_host(actor, visit)):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Give the reason."), code="required")})
    require_status(
        visit,
        VisitStatus.PENDING,
        *POLICE_STATUSES,
        message=_("This visit is %(status)s; it cannot be closed now."),
    )
    if visit.status in POLICE_STATUSES:
        # A hold or a check ends only with the judicial police's decision.
        raise ValidationError(_("A visit on hold is decided by the judicial police."), code="on_hold")
    return _close(visit, actor, reason.strip(), action="gate.visit.close")


def _close(visit: Visit, actor: Actor, reason: str, *, action: str) -> Visit:
    now = timezone.now()
    before = audit.snapshot(visit, ["status"])
    visit.status, visit.closed_at, visit.closed_reason = VisitStatus.CLOSED, now, reason
    save_versioned(
        visit,
        actor=actor,
        action=action,
        fields=["status", "closed_at", "closed_reason"],
        before=before,
        audit_fields=["status", "closed_reason"],
        validate=False,
    )
    _hand_back(Q(visit=visit), actor, ReturnedHow.CLOSED, now)
    return visit


def open_screening_hits(*, actor: Actor, visit: Visit) -> list[ScreeningHit]:
    """Whom a visitor matched on the controlled list (A15), for the judicial police of
    the visit's court; the opening is written to the access log before anything is
    shown."""
    if not permissions.can_decide_hold(actor, visit.court_id):
        raise PermissionDenied
    audit.record_access(actor=actor, action="gate.visit.view", obj=visit)
    return list(visit.screening_hits.select_related("person"))


def open_holds(*, actor: Actor) -> list[Visit]:
    """The visits waiting for the judicial police, with whom each matched (A15): every
    visit shown is a logged read."""
    if not permissions.can_decide_hold(actor):
        raise PermissionDenied
    visits = list(selectors.holds_for(actor))
    for visit in visits:
        audit.record_access(actor=actor, action="gate.visit.view", obj=visit)
    return visits


def _require_reason(decision: str, allowed: Iterable[str], reason: str) -> None:
    """A police decision is one of `allowed`, and is given with its reason."""
    if decision not in allowed:
        raise ValidationError({"decision": _("Choose a decision.")})
    if not reason.strip():
        raise ValidationError(
            {"reason": ValidationError(_("Give the reason for the decision."), code="required")}
        )


@transaction.atomic
def decide_hold(*, actor: Actor, visit: Visit, decision: str, reason: str) -> Visit:
    """A judicial police officer decides on a visit on hold: admit with an escort,
    refuse (the visit is closed and the document handed back), or not the same person.
    Every decision is kept with its reason (HoldDecisionRecord)."""
    visit = lock(visit, related=["host"])
    if not permissions.can_decide_hold(actor, visit.court_id):
        raise PermissionDenied
    _require_reason(decision, HoldDecision.values, reason)
    require_status(visit, VisitStatus.ON_HOLD, message=_("This visit is not on hold; it is %(status)s."))
    HoldDecisionRecord.objects.create(
        visit=visit, decision=decision, reason=reason.strip(), decided_by=signed_in(actor)
    )
    audit.record_event(actor=actor, action="gate.visit.decide", obj=visit, decision=decision)
    duty.settle_alert(occasion=f"gate.hold:{visit.pk}", actor=actor)  # no escalation now
    if decision == HoldDecision.REFUSE:
        visit = _close(visit, actor, reason.strip(), action="gate.visit.refuse")
    else:
        before = audit.snapshot(visit, ["status"])
        visit.status = VisitStatus.PENDING
        visit.cleared_at = timezone.now()
        visit.escort_required = decision == HoldDecision.ADMIT_WITH_ESCORT
        _admit_if_ready(visit)
        save_versioned(
            visit,
            actor=actor,
            action="gate.visit.clear",
            fields=["status", "cleared_at", "escort_required"],
            before=before,
            validate=False,
        )
    if visit.host.account_id:
        notify(
            recipients=[visit.host.account] if visit.host.account else [],
            kind="gate.decided",
            title=gettext_lazy("The judicial police decided on your visitor"),
            body=HoldDecision(decision).label,  # lazy: in the host's language
            url=_visit_url(visit),
            dedupe_key=f"gate.decided:{visit.pk}",
            court=visit.court,
        )
    return visit


@transaction.atomic
def decide_check(*, actor: Actor, visit: Visit, decision: str, reason: str) -> Visit:
    """A judicial police officer answers a check (issue 9): clear (not the listed
    person: the visit goes on as any other, waiting for the host) or hold (the visit is
    on hold and is decided as one, `decide_hold`). Kept with the reason
    (CheckDecisionRecord); the change log shows the status it leads to."""
    visit = lock(visit, related=["host"])
    if not permissions.can_decide_hold(actor, visit.court_id):
        raise PermissionDenied
    _require_reason(decision, (CheckDecision.CLEAR, CheckDecision.HOLD), reason)
    require_status(
        visit, VisitStatus.CHECKING, message=_("This visit is not waiting for a check; it is %(status)s.")
    )
    now = timezone.now()
    CheckDecisionRecord.objects.create(
        visit=visit, decision=decision, reason=reason.strip(), decided_by=account_of(actor), decided_at=now
    )
    duty.settle_alert(occasion=f"gate.check:{visit.pk}", actor=actor)
    before = audit.snapshot(visit, ["status"])
    if decision == CheckDecision.CLEAR:
        visit.status, visit.cleared_at = VisitStatus.PENDING, now
        _admit_if_ready(visit)
    else:
        visit.status = VisitStatus.ON_HOLD
    return save_versioned(
        visit,
        actor=actor,
        action="gate.visit.check_decide",
        fields=["status", "cleared_at"],
        before=before,
        validate=False,
        extra={"decision": decision},
    )


def escalate_overdue_checks(*, now: dt.datetime | None = None) -> int:
    """Checks nobody answered within GATE_CHECK_MINUTES: each visit is put on hold —
    never let through — and the judicial police and the court's leaders are alerted
    again. Run every minute (gate/tasks.py); safe to run twice or late."""
    now = now or timezone.now()
    done = 0
    due = Visit.objects.filter(status=VisitStatus.CHECKING, check_due_at__lte=now).values_list(
        "pk", flat=True
    )
    for pk in list(due[:500]):
        with transaction.atomic():
            visit = lock(Visit(pk=pk), related=["post__court"])
            if visit.status != VisitStatus.CHECKING:
                continue  # decided meanwhile
            CheckDecisionRecord.objects.create(visit=visit, decision=CheckDecision.TIMED_OUT, decided_at=now)
            Visit.objects.filter(pk=pk).update(
                status=VisitStatus.ON_HOLD, version=F("version") + 1, updated_at=now
            )
            visit.status = VisitStatus.ON_HOLD
            audit.record_event(actor=None, action="gate.visit.check_timeout", obj=visit)
            duty.settle_alert(occasion=f"gate.check:{visit.pk}")  # the hold's alert follows
            _alert_hold(
                visit,
                title=gettext_lazy("No decision in time: a visitor at the gate is now on hold"),
                leaders=True,
            )
            done += 1
    return done


@transaction.atomic
def check_out(*, actor: Actor, visit: Visit, at: dt.datetime | None = None) -> Visit:
    """The visitor leaves: the departure time and the hand-back of the document in one
    step. Two guards (or two clicks) at once: one succeeds, the other is told."""
    _require_desk(actor, visit.court_id)
    now = at or timezone.now()
    updated = Visit.objects.filter(pk=visit.pk, status=VisitStatus.ADMITTED).update(
        status=VisitStatus.DEPARTED, departed_at=now, version=F("version") + 1, updated_at=now
    )
    if not updated:
        current = Visit.objects.get(pk=visit.pk)
        if current.status == VisitStatus.DEPARTED:
            raise ValidationError(_("This visitor has already been checked out."), code="already_departed")
        raise ValidationError(
            _("Only an admitted visitor is checked out; this visit is %(status)s.")
            % {"status": current.get_status_display()},
            code="invalid_transition",
        )
    _hand_back(Q(visit_id=visit.pk), actor, ReturnedHow.CHECK_OUT, now)
    visit.refresh_from_db()
    audit.record_event(actor=actor, action="gate.visit.check_out", obj=visit)
    return visit


@transaction.atomic
def hand_back(*, actor: Actor, deposit: IdDeposit) -> IdDeposit:
    """A document left behind (the visitor went out by another exit) is collected."""
    _require_desk(actor, deposit.post.court_id)
    if deposit.returned_at is not None:
        raise ValidationError(_("This document has already been handed back."), code="already_returned")
    if deposit.visit.status in OPEN_STATUSES:
        raise ValidationError(
            _("The visitor is still inside: hand the document back at check-out."), code="visit_open"
        )
    if not _hand_back(Q(pk=deposit.pk), actor, ReturnedHow.COLLECTED, timezone.now()):
        raise ValidationError(_("This document has already been handed back."), code="already_returned")
    deposit.refresh_from_db()
    audit.record_event(actor=actor, action="gate.deposit.hand_back", obj=deposit.visit)
    return deposit


# --- Day's end ------------------------------------------------------------------------------------


@transaction.atomic
def record_day_end(*, actor: Actor, visit: Visit, day: dt.date, outcome: str, note: str = "") -> DayEndRecord:
    """What happened to a visitor not checked out: left by another exit (the visit ends;
    the document stays held until collected), still inside with authorisation, the
    document handed to the judicial police, or something else (said in the note)."""
    visit = lock(visit)
    _require_desk(actor, visit.court_id)
    if outcome not in DayEndOutcome.values:
        raise ValidationError({"outcome": _("Choose what happened.")})
    if outcome == DayEndOutcome.OTHER and not note.strip():
        raise ValidationError({"note": ValidationError(_("Say what happened."), code="required")})
    require_status(visit, *OPEN_STATUSES, message=_("This visit is already over."))
    if visit.status in POLICE_STATUSES:
        raise ValidationError(_("A visit on hold is decided by the judicial police."), code="on_hold")
    if DayClosing.objects.filter(post_id=visit.post_id, day=day).exists():
        raise ValidationError(_("This day is already closed and signed."), code="day_closed")
    if visit.status == VisitStatus.PENDING:
        raise ValidationError(
            _("The visitor was never admitted: close the visit with the reason."), code="not_admitted"
        )
    try:
        with transaction.atomic():
            record = DayEndRecord.objects.create(
                visit=visit, day=day, outcome=outcome, note=note.strip(), recorded_by=signed_in(actor)
            )
    except IntegrityError:
        raise ValidationError(_("This visitor is already recorded for the day."), code="duplicate") from None
    now = timezone.now()
    if outcome == DayEndOutcome.LEFT_OTHER_EXIT:
        Visit.objects.filter(pk=visit.pk).update(
            status=VisitStatus.DEPARTED,
            departed_at=now,  # recorded at closing: retention runs from here
            departure_note=str(DayEndOutcome(outcome).label)[:200],
            version=F("version") + 1,
            updated_at=now,
        )
    elif outcome == DayEndOutcome.ID_TO_POLICE:
        _hand_back(Q(visit=visit), actor, ReturnedHow.TO_POLICE, now)
    audit.record_event(actor=actor, action="gate.day_end", obj=visit, outcome=outcome)
    return record


@transaction.atomic
def close_day(*, actor: Actor, post: Post, day: dt.date) -> DayClosing:
    """The guard closes the day's end and signs it with the day's counts (A12.2). Every
    visitor the guard can account for must be: one still waiting for the host is closed
    with a reason, one admitted and not checked out is recorded (record_day_end). Visits
    with the judicial police stay theirs and are counted."""
    _require_desk(actor, post.court_id)
    lock(post)  # one closing at a time
    if DayClosing.objects.filter(post=post, day=day).exists():
        raise ValidationError(_("This day is already closed and signed."), code="day_closed")
    visits, _deposits = selectors.day_end_list(post=post, day=day)
    open_ = [v for v in visits if v.status not in POLICE_STATUSES]
    if open_:
        raise ValidationError(
            _("Record every visitor not checked out before closing the day (%(n)s left).")
            % {"n": len(open_)},
            code="visitors_left",
        )
    counts = selectors.day_counts(post=post, day=day)
    closing = DayClosing.objects.create(post=post, day=day, counts=counts, signed_by=signed_in(actor))
    audit.record_event(actor=actor, action="gate.day_close", obj=closing, day=day.isoformat(), **counts)
    return closing


# --- Retention --------------------------------------------------------------------------------


def purge_visitor_data(*, today: dt.date | None = None) -> int:
    """Blank the personal data of visits over GATE_VISITOR_RETENTION_DAYS after they
    ended (left or closed), whose document is no longer held; the counts stay. One
    audit event says how many."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=settings.GATE_VISITOR_RETENTION_DAYS), dt.time())
    )
    with transaction.atomic():
        # The dedicated passage's log is kept as long as the visitors' data, no longer.
        passage, _kinds = PassageEntry.objects.filter(at__lt=cutoff).delete()
        if passage:
            audit.record_event(actor=None, action="gate.passage.purge", obj=None, count=passage)
        due = (
            Visit.objects.filter(
                purged_at__isnull=True, status__in=[VisitStatus.DEPARTED, VisitStatus.CLOSED]
            )
            .filter(
                Q(status=VisitStatus.DEPARTED, departed_at__lt=cutoff)
                | Q(status=VisitStatus.CLOSED, closed_at__lt=cutoff)
            )
            .exclude(deposit__returned_at__isnull=True, deposit__isnull=False)
        )
        ids = list(due.values_list("pk", flat=True)[:50_000])
        if not ids:
            return 0
        now = timezone.now()
        Visit.objects.filter(pk__in=ids).update(
            visitor_name="", document_number="", document_index="", phone="", purged_at=now, updated_at=now
        )
        IdDeposit.objects.filter(visit_id__in=ids).update(document_index="")
        # Which case's party the visitor was (or may have been) goes with the visitor.
        PartyArrival.objects.filter(visit_id__in=ids).delete()
        # The host's notification named the visitor: the name goes with the visit.
        for chunk in range(0, len(ids), 500):
            Notification.objects.filter(
                kind="gate.confirm", dedupe_key__in=[f"gate.confirm:{pk}" for pk in ids[chunk : chunk + 500]]
            ).update(body="")
        audit.record_event(
            actor=None,
            action="gate.visit.purge",
            obj=None,
            count=len(ids),
            retention_days=settings.GATE_VISITOR_RETENTION_DAYS,
        )
    return len(ids)


# --- Checkpoint (A12.1) ---------------------------------------------------------------------------


def checkpoint_settings(court_id: int) -> CheckpointSettings:
    """The court's checkpoint rules (A12.1), made with the defaults the first time."""
    return CheckpointSettings.of(court_id)


def _check_officers(court_id: int, officers: Iterable[Person]) -> list[Person]:
    """The officers on a shift: enough of them (the court's rules, at least two) and each
    a judicial police officer of the court."""
    chosen = list({person.pk: person for person in officers}.values())
    eligible = set(
        selectors.checkpoint_officers(court_id)
        .filter(pk__in=[p.pk for p in chosen])
        .values_list("pk", flat=True)
    )
    if any(person.pk not in eligible for person in chosen):
        raise ValidationError(
            {
                "officers": ValidationError(
                    _("Choose judicial police officers of this court."), code="not_police"
                )
            }
        )
    needed = checkpoint_settings(court_id).min_officers
    if len(chosen) < needed:
        raise ValidationError(
            {
                "officers": ValidationError(
                    _("A shift needs at least %(count)s officers on duty (the court security-check rules).")
                    % {"count": needed},
                    code="too_few",
                )
            }
        )
    return chosen


@transaction.atomic
def record_shift(
    *,
    actor: Actor,
    post: Post,
    day: dt.date,
    shift: str,
    people_checked: int,
    bags_checked: int,
    officers: Iterable[Person],
    refusals: int = 0,
    notes: str = "",
) -> CheckpointShift:
    """The officers on a checkpoint's shift record it (A12.1): who was on duty, how many
    people and bags they checked. Refusals are itemised on the shift as they happen
    (`refuse_entry`); `refusals` is the count of a shift that was not itemised."""
    _require_desk(actor, post.court_id)
    if post.kind != PostKind.CHECKPOINT:
        raise ValidationError({"post": _("Choose a security checkpoint.")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("The date cannot be in the future.")})
    if refusals > people_checked:
        raise ValidationError({"refusals": _("More people were refused than were checked.")})
    on_duty = _check_officers(post.court_id, officers)
    duplicate = ValidationError(
        {"shift": ValidationError(_("This shift is already recorded for the day."), code="duplicate")}
    )
    if CheckpointShift.objects.filter(post=post, day=day, shift=shift).exists():
        raise duplicate
    try:
        with transaction.atomic():
            recorded = create_versioned(
                CheckpointShift(
                    post=post,
                    day=day,
                    shift=shift,
                    people_checked=people_checked,
                    bags_checked=bags_checked,
                    refusals=refusals,
                    notes=notes.strip(),
                    recorded_by=account_of(actor),
                ),
                actor=actor,
                action="gate.shift.record",
                fields=["post", "day", "shift", "people_checked", "bags_checked", "refusals", "notes"],
            )
    except IntegrityError:  # another guard recorded it a moment ago
        raise duplicate from None
    recorded.officers.set(on_duty)
    audit.record_event(
        actor=actor, action="gate.shift.officers", obj=recorded, officers=[person.name for person in on_duty]
    )
    return recorded


@transaction.atomic
def refuse_entry(*, actor: Actor, shift: CheckpointShift, reason: str, note: str = "") -> EntryRefusal:
    """Someone is refused entry at the checkpoint, with the reason (A12.1); the shift's
    count follows. "Other" needs a word on what happened."""
    _require_desk(actor, shift.post.court_id)
    if reason == "other" and not note.strip():
        raise ValidationError({"note": ValidationError(_("Say why entry was refused."), code="required")})
    current = lock(shift, related=["post"])
    refusal = EntryRefusal.objects.create(
        shift=current, reason=reason, note=note.strip(), recorded_by=signed_in(actor)
    )
    before = audit.snapshot(current, ["refusals", "people_checked"])
    current.refusals += 1
    current.people_checked = max(current.people_checked, current.refusals)
    save_versioned(
        current,
        actor=actor,
        action="gate.shift.refusal",
        fields=["refusals", "people_checked"],
        before=before,
    )
    audit.record_event(actor=actor, action="gate.refusal.record", obj=current, reason=reason)
    return refusal


@transaction.atomic
def log_passage(
    *,
    actor: Actor,
    post: Post,
    kind: str,
    name: str,
    unit: str,
    credential_kind: str,
    credential_number: str,
    purpose: str = "",
) -> PassageEntry:
    """A lawyer, prosecutor or other official comes in by the dedicated passage (A12.1):
    logged with the credential seen. The number is kept encrypted; the log names only its
    last four characters."""
    _require_desk(actor, post.court_id)
    if post.kind != PostKind.CHECKPOINT:
        raise ValidationError({"post": _("Choose a security checkpoint.")})
    number = "".join(credential_number.split()).upper()
    if not 4 <= len(number) <= 40 or not number.isalnum():
        raise ValidationError(
            {"credential_number": _("Enter the credential's number as printed: 4 to 40 letters and digits.")}
        )
    entry = PassageEntry.objects.create(
        post=post,
        kind=kind,
        name=name.strip(),
        unit=unit.strip(),
        credential_kind=credential_kind,
        credential_number=number,
        credential_tail=number[-4:],
        purpose=purpose.strip(),
        recorded_by=signed_in(actor),
    )
    audit.record_event(
        actor=actor, action="gate.passage.record", obj=entry, kind=kind, credential=entry.credential_masked
    )
    return entry


@transaction.atomic
def add_item(
    *,
    actor: Actor,
    shift: CheckpointShift,
    description: str,
    owner_name: str,
    disposition: str,
    category: str = ItemCategory.OTHER,
    receipt_number: str = "",
    locker_number: str = "",
) -> HeldItem:
    """A prohibited item found at the checkpoint, by category, and what became of it
    (A12.1): kept in a numbered locker for return, seized, or handed to the police."""
    _require_desk(actor, shift.post.court_id)
    if disposition == Disposition.HELD and not receipt_number.strip():
        raise ValidationError(
            {
                "receipt_number": ValidationError(
                    _("An item held for return needs a receipt number."), code="required"
                )
            }
        )
    if disposition == Disposition.LOCKER and not locker_number.strip():
        raise ValidationError(
            {"locker_number": ValidationError(_("Say which locker the item is in."), code="required")}
        )
    return create_versioned(
        HeldItem(
            shift=shift,
            category=category,
            description=description.strip(),
            owner_name=owner_name.strip(),
            disposition=disposition,
            receipt_number=receipt_number.strip(),
            locker_number=locker_number.strip() if disposition == Disposition.LOCKER else "",
            recorded_by=account_of(actor),
        ),
        actor=actor,
        action="gate.item.add",
        fields=[
            "shift", "category", "description", "owner_name", "disposition", "receipt_number", "locker_number"
        ],
    )  # fmt: skip


@transaction.atomic
def return_item(*, actor: Actor, item: HeldItem, expected_version: int) -> HeldItem:
    _require_desk(actor, item.shift.post.court_id)
    if item.disposition not in RETURNABLE:
        raise ValidationError(
            _("A seized item, or one handed to the police, is not returned at the gate."), code="seized"
        )
    if item.returned_at is not None:
        raise ValidationError(_("The item has already been returned."), code="already_returned")
    return update_versioned(
        HeldItem,
        item.pk,
        actor=actor,
        action="gate.item.return",
        expected_version=expected_version,
        changes={"returned_at": timezone.now()},
    )


@transaction.atomic
def open_incident(*, actor: Actor, item: HeldItem, nature: str, description: str) -> Incident:
    """Anything criminal found at the checkpoint opens an A9.1 incident in one step."""
    _require_desk(actor, item.shift.post.court_id)
    item = lock(item)
    if item.incident_id is not None:
        raise ValidationError(_("An incident is already open for this item."), code="exists")
    post = item.shift.post
    incident = incident_services.report_incident(
        actor=actor,
        court=post.court,
        kind=IncidentKind.CRIME,
        nature=nature,
        occurred_at=item.created_at,
        place=post.name,
        description=description.strip() or item.description,
        perpetrator_description=item.owner_name,
    )
    update_versioned(
        HeldItem,
        item.pk,
        actor=actor,
        action="gate.item.incident",
        expected_version=item.version,
        changes={"incident": incident},
    )
    return incident


# --- Posts ---------------------------------------------------------------------------------------


@transaction.atomic
def create_post(*, actor: Actor, court: Any, name: str, kind: str) -> Post:
    """A gatehouse or checkpoint of a court, added by its administrator (or the loaders)."""
    from benchguard.core.access import is_city_admin
    from benchguard.organization.admin_base import admin_court_ids

    allowed = actor is None or is_city_admin(actor) or court.pk in admin_court_ids(actor)
    if not allowed:
        raise PermissionDenied
    return create_versioned(
        Post(court=court, name=name.strip(), kind=kind),
        actor=actor,
        action="gate.post.create",
        fields=["court", "name", "kind"],
    )


def open_visit_search(*, actor: Actor, cleaned: dict[str, Any]) -> dict[str, Any]:
    """A search of the visits register: who searched for visitors, and by what, is
    logged (never the values: a name or a number is personal data). Returns the
    criteria the register keeps for its pages and export (`selectors.search_criteria`)."""
    if not permissions.can_list_visits(actor):
        raise PermissionDenied
    used = sorted(name for name, value in cleaned.items() if value)
    if used:
        audit.record_event(actor=actor, action="gate.visit.search", obj=None, by=used)
    return selectors.search_criteria(cleaned)


VISIT_COLUMNS: list[Column[Visit]] = [
    Column(gettext_lazy("Arrived at"), lambda v: local_time(v.arrived_at)),
    Column(gettext_lazy("Left at"), lambda v: local_time(v.departed_at)),
    Column(gettext_lazy("Visitor"), lambda v: v.visitor_name),
    Column(gettext_lazy("Document"), lambda v: v.masked_document),  # never the number itself
    Column(gettext_lazy("Purpose"), lambda v: v.purpose),
    Column(gettext_lazy("Host"), lambda v: v.host.name),
    Column(gettext_lazy("Department"), lambda v: str(v.host_department or "")),
    Column(gettext_lazy("Status"), lambda v: str(v.get_status_display())),
]


def export_visits(*, actor: Actor, visits: Iterable[Visit]) -> bytes:
    """The visits register as an Excel workbook, documents masked; the export is logged."""
    if not permissions.can_list_visits(actor):
        raise PermissionDenied
    rows = list(visits)
    audit.record_event(actor=actor, action="gate.visit.export", obj=None, count=len(rows))
    return workbook(title=_("Visits"), columns=VISIT_COLUMNS, rows=rows)
