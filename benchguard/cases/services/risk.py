"""Risky cases (A14) and major sensitive cases (A16).

- The filing clerk flags a case from the checklist (`flag_case`), and the trial division
  is alerted: the judge in charge and the chief of the division.
- The judge proposes a level (`propose_level`); the chief sets it (`set_level`). The level
  is reassessed at each stage: moving the case on (`move_stage`) alerts the judge.
- A level that needs a plan holds the case at its stage until its contingency plan is
  approved (`save_plan`, `approve_plan`); its leaders are alerted.
- Upward reports go one level at a time (`send_report`, `acknowledge_report`,
  `pass_on_report`, `record_receipt`).
- The committee may intervene early by opening a matter in one step (`intervene`).
- Public statements are signed off before they are published.

Every alert must be acknowledged (`acknowledge_alert`). The periodic job
`escalate_alerts` raises one nobody acknowledged in time with the next level up: judge →
division chief → leader in charge → president → higher court. Each occasion reaches each
level once (RiskAlert's unique constraint; the notification's occasion key), so the job
is safe to run twice or late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.cases import permissions
from benchguard.cases.choices import AlertKind, AssessmentKind, PlanStatus, Stage, StatementStatus, Tier
from benchguard.cases.models import (
    Case,
    ContingencyPlan,
    PublicStatement,
    RiskAlert,
    RiskAssessment,
    RiskFlag,
    RiskLevel,
    RiskSettings,
    UpwardReport,
)
from benchguard.cases.tiers import (
    first_with_accounts,
    is_of_tier,
    next_tiers,
    received_outside,
    tier_accounts,
)
from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, require_status, save_versioned, set_related
from benchguard.core.types import Actor
from benchguard.matters import services as matter_services
from benchguard.matters.choices import Subject
from benchguard.notifications.services import localized, notify
from benchguard.organization.models import Court, Person
from benchguard.organization.types import account_of, signed_in

STAGE_ORDER = [Stage.FILING, Stage.TRIAL, Stage.ENFORCEMENT, Stage.CLOSED]
ALERTED_TIERS = [Tier.JUDGE, Tier.CHIEF, Tier.LEADER, Tier.PRESIDENT, Tier.HIGHER_COURT]
PLAN_FIELDS = [
    "lawful_handling",
    "opinion_line",
    "social_control",
    "judge_security",
    "triggers",
    "contacts",
]


def settings_for(court: Court | int) -> RiskSettings:
    court_id = court if isinstance(court, int) else court.pk
    found, _created = RiskSettings.objects.get_or_create(court_id=court_id)
    return found


def _case_url(case: Case) -> str:
    return f"/cases/{case.pk}/"


def _reason(reason: str, field: str = "reason") -> str:
    text = reason.strip()
    if not text:
        raise ValidationError({field: ValidationError(_("Say why."), code="required")})
    return text


# Alerts ----------------------------------------------------------------------------------

ALERT_TITLES = {
    AlertKind.FLAGGED: _("Case %(number)s was flagged as a risk at filing"),
    AlertKind.LEVEL: _("Case %(number)s was set at risk level “%(level)s”"),
    AlertKind.REASSESS: _("Case %(number)s moved to a new stage: reassess its risk"),
    AlertKind.REPORT: _("Upward report on case %(number)s"),
}
ESCALATED_TITLE = _("Not acknowledged in time: %(title)s")


def raise_alert(
    case: Case, *, kind: str, occasion: str, tier: int, now: dt.datetime, escalated: bool = False
) -> RiskAlert | None:
    """Alert the first level from `tier` up that has anyone in it, once per occasion and
    level; None when that level has the alert already, or nobody is left to tell."""
    hours = settings_for(case.court_id)
    due = now + dt.timedelta(hours=hours.report_hours if kind == AlertKind.REPORT else hours.alert_hours)
    for level in ALERTED_TIERS:
        if level < tier:
            continue
        recipients = tier_accounts(case, level)
        if not recipients:
            continue
        try:
            with transaction.atomic():
                alert = RiskAlert.objects.create(
                    case=case, kind=kind, occasion=occasion, tier=level, created_at=now, due_at=due
                )
        except IntegrityError:
            return None  # this level was told of this occasion already
        title = localized(
            ALERT_TITLES[AlertKind(kind)],
            number=case.number,
            # The level itself: its label is rendered in each recipient's language.
            level=case.risk_level if case.risk_level_id else "",
        )
        notify(
            recipients=recipients,
            kind=f"cases.alert.{kind}",
            title=localized(ESCALATED_TITLE, title=title) if escalated else title,
            body=localized(
                _("Acknowledge it on the case's page by %(due)s."),
                due=timezone.localtime(due).strftime("%Y-%m-%d %H:%M"),
            ),
            url=_case_url(case),
            dedupe_key=f"cases.alert:{alert.pk}",
            court=case.court,
            email=False,  # the case and its risk stay inside BenchGuard
            new_occasion=True,
        )
        audit.record_event(actor=None, action="cases.alert.raise", obj=case, kind=kind, tier=level)
        return alert
    return None


@transaction.atomic
def acknowledge_alert(*, actor: Actor, alert: RiskAlert) -> RiskAlert:
    """The level an alert is addressed to acknowledges it (A14); once: a second click is
    told who acknowledged it. An upward report's alert is acknowledged with the report."""
    current = lock(alert, related=["case__court", "case__judge"])
    if not is_of_tier(actor, current.case, current.tier):
        raise PermissionDenied
    if current.kind == AlertKind.REPORT:
        report_id = _report_id(current.occasion)
        report = UpwardReport.objects.filter(case_id=current.case_id, pk=report_id or 0).first()
        if report is not None and report.tier == current.tier:
            acknowledge_report(actor=actor, report=report)
            current.refresh_from_db()
            return current
    _require_open(current)
    current.acknowledged_at, current.acknowledged_by = timezone.now(), account_of(actor)
    current.save(update_fields=["acknowledged_at", "acknowledged_by"])
    audit.record_event(
        actor=actor, action="cases.alert.acknowledge", obj=current.case, kind=current.kind, tier=current.tier
    )
    return current


def _report_id(occasion: str) -> int | None:
    prefix, _sep, number = occasion.partition(":")
    return int(number) if prefix == "report" and number.isdigit() else None


def _require_open(alert: RiskAlert | UpwardReport) -> None:
    """Refuse a second acknowledgement (a double click, two people at once), naming the
    first."""
    if alert.acknowledged_at is None:
        return
    by = alert.acknowledged_by
    raise ValidationError(
        _("This was already acknowledged by %(name)s at %(time)s."),
        code="acknowledged",
        params={
            "name": (by.get_full_name() or by.username) if by is not None else "",
            "time": timezone.localtime(alert.acknowledged_at).strftime("%Y-%m-%d %H:%M"),
        },
    )


def _no_longer_matters(alert: RiskAlert) -> bool:
    """A closed case's alert, or a flag's alert after the flags were cleared, is not
    raised further (it stays on the case's page as it was)."""
    case = alert.case
    return case.stage == Stage.CLOSED or (alert.kind == AlertKind.FLAGGED and case.flagged_at is None)


def escalate_alerts(*, now: dt.datetime | None = None) -> int:
    """Raise every alert nobody acknowledged by its time with the next level up, once
    (A14, A16). Run every few minutes (cases/tasks.py); safe to run twice or late."""
    now = now or timezone.now()
    due = RiskAlert.objects.filter(
        acknowledged_at__isnull=True, escalated_at__isnull=True, due_at__lte=now
    ).values_list("pk", flat=True)
    done = 0
    for pk in list(due[:500]):
        with transaction.atomic():
            alert = lock(RiskAlert(pk=pk), related=["case__court", "case__judge", "case__risk_level"])
            if alert.acknowledged_at is not None or alert.escalated_at is not None:
                continue  # acknowledged or raised meanwhile
            RiskAlert.objects.filter(pk=pk).update(escalated_at=now)
            if _no_longer_matters(alert):
                audit.record_event(
                    actor=None, action="cases.alert.drop", obj=alert.case, kind=alert.kind, tier=alert.tier
                )
                continue
            raised = raise_alert(
                alert.case,
                kind=alert.kind,
                occasion=alert.occasion,
                tier=alert.tier + 1,
                now=now,
                escalated=True,
            )
            audit.record_event(
                actor=None,
                action="cases.alert.escalate",
                obj=alert.case,
                kind=alert.kind,
                tier=alert.tier,
                to=raised.tier if raised else None,
            )
            done += 1
    return done


# Flags and levels ------------------------------------------------------------------------


@transaction.atomic
def flag_case(
    *, actor: Actor, case: Case, flags: Iterable[RiskFlag], reason: str, now: dt.datetime | None = None
) -> RiskAssessment:
    """The filing clerk ticks the checklist for a case (A14), with why; the judge in
    charge and the chief of the division are alerted and must acknowledge. Ticking
    nothing clears the flags (kept in the history)."""
    if not permissions.can_flag(actor, case):
        raise PermissionDenied
    chosen = list(flags)
    if any(not flag.is_active for flag in chosen):
        raise ValidationError({"flags": _("Choose items of the checklist in use.")})
    text = _reason(reason)
    now = now or timezone.now()
    case = lock(case, related=["court", "judge", "risk_level"])
    assessment = RiskAssessment.objects.create(
        case=case, kind=AssessmentKind.FLAGS, stage=case.stage, reason=text, by=signed_in(actor), at=now
    )
    assessment.flags.set(chosen)
    before = audit.snapshot(case, ["flagged_at"])
    case.flagged_at = now if chosen else None
    save_versioned(case, actor=actor, action="cases.case.flag", fields=["flagged_at"], before=before)
    set_related(case, actor=actor, action="cases.case.flag", risk_flags=chosen)
    if chosen:
        occasion = f"flags:{assessment.pk}"
        raise_alert(case, kind=AlertKind.FLAGGED, occasion=occasion, tier=Tier.JUDGE, now=now)
        raise_alert(case, kind=AlertKind.FLAGGED, occasion=occasion, tier=Tier.CHIEF, now=now)
    return assessment


def _check_level(level: RiskLevel, case: Case) -> None:
    if case.stage == Stage.CLOSED:
        raise ValidationError(_("The case is closed: its risk is no longer assessed."), code="closed")
    if not level.is_active:
        raise ValidationError({"level": _("Choose a level in use.")})


@transaction.atomic
def propose_level(*, actor: Actor, case: Case, level: RiskLevel, reason: str) -> RiskAssessment:
    """The judge in charge proposes the case's level, with why (A14); the chiefs of the
    division are told."""
    case = lock(case, related=["court", "judge"])
    if not permissions.can_propose_level(actor, case):
        raise PermissionDenied
    _check_level(level, case)
    text = _reason(reason)
    now = timezone.now()
    assessment = RiskAssessment.objects.create(
        case=case,
        kind=AssessmentKind.PROPOSAL,
        stage=case.stage,
        level=level,
        reason=text,
        by=signed_in(actor),
        at=now,
    )
    before = audit.snapshot(case, ["proposed_level"])
    case.proposed_level = level
    save_versioned(
        case, actor=actor, action="cases.case.propose_level", fields=["proposed_level"], before=before
    )
    notify(
        recipients=tier_accounts(case, Tier.CHIEF),
        kind="cases.level.proposed",
        title=localized(
            _("The judge proposes risk level “%(level)s” for case %(number)s"),
            level=level,
            number=case.number,
        ),
        url=_case_url(case),
        dedupe_key=f"cases.proposal:{assessment.pk}",
        court=case.court,
        email=False,
        new_occasion=True,
    )
    return assessment


@transaction.atomic
def set_level(*, actor: Actor, case: Case, level: RiskLevel, reason: str) -> RiskAssessment:
    """The division chief sets the case's level at its stage, with why (A14). A level that
    needs a plan alerts the court's leaders and asks the judge for the plan (A16)."""
    case = lock(case, related=["court", "judge", "risk_level"])
    if not permissions.can_set_level(actor, case):
        raise PermissionDenied
    _check_level(level, case)
    text = _reason(reason)
    now = timezone.now()
    assessment = RiskAssessment.objects.create(
        case=case,
        kind=AssessmentKind.DECISION,
        stage=case.stage,
        level=level,
        reason=text,
        by=signed_in(actor),
        at=now,
    )
    before = audit.snapshot(case, ["risk_level", "assessed_stage"])
    case.risk_level, case.assessed_stage, case.proposed_level = level, case.stage, None
    save_versioned(
        case,
        actor=actor,
        action="cases.case.set_level",
        fields=["risk_level", "assessed_stage", "proposed_level"],
        before=before,
    )
    if level.needs_plan:
        raise_alert(case, kind=AlertKind.LEVEL, occasion=f"level:{assessment.pk}", tier=Tier.LEADER, now=now)
        if not _plan_approved(case):
            notify(
                recipients=tier_accounts(case, Tier.JUDGE),
                kind="cases.plan.needed",
                title=localized(
                    _("Case %(number)s needs a contingency plan before it moves on"), number=case.number
                ),
                url=_case_url(case),
                dedupe_key=f"cases.plan-needed:{assessment.pk}",
                court=case.court,
                email=False,
                new_occasion=True,
            )
    return assessment


def _plan_approved(case: Case) -> bool:
    return ContingencyPlan.objects.filter(case_id=case.pk, status=PlanStatus.APPROVED).exists()


@transaction.atomic
def move_stage(*, actor: Actor, case: Case, stage: str, expected_version: int) -> Case:
    """Move the case to a later stage (filing → trial → enforcement → closed). A case at a
    level that needs a plan moves only with its plan approved (A16); the judge is then
    alerted to reassess the level at the new stage (A14)."""
    current = lock(case, expected_version, related=["court", "judge", "risk_level"])
    if not permissions.can_move_stage(actor, current):
        raise PermissionDenied
    if stage not in STAGE_ORDER or STAGE_ORDER.index(Stage(stage)) <= STAGE_ORDER.index(Stage(current.stage)):
        raise ValidationError(
            {"stage": ValidationError(_("A case moves only to a later stage."), code="invalid_transition")}
        )
    level = current.risk_level
    if level is not None and level.needs_plan and not _plan_approved(current):
        raise ValidationError(
            {
                "stage": ValidationError(
                    _(
                        "A case at risk level “%(level)s” moves to its next stage only when its "
                        "contingency plan is approved."
                    ),
                    code="plan_required",
                    params={"level": str(level)},
                )
            }
        )
    before = audit.snapshot(current, ["stage"])
    current.stage = stage
    save_versioned(current, actor=actor, action="cases.case.move_stage", fields=["stage"], before=before)
    if current.risk_level_id is not None and stage != Stage.CLOSED:
        raise_alert(
            current, kind=AlertKind.REASSESS, occasion=f"stage:{stage}", tier=Tier.JUDGE, now=timezone.now()
        )
    return current


# Contingency plans (A16) --------------------------------------------------------------------


def _check_plan_people(case: Case, lead: Person, members: list[Person]) -> None:
    if any(person.court_id != case.court_id or not person.is_active for person in [lead, *members]):
        raise ValidationError({"members": _("Choose people in post at this court.")})


@transaction.atomic
def save_plan(
    *,
    actor: Actor,
    case: Case,
    lead: Person,
    members: Iterable[Person] = (),
    expected_version: int | None = None,
    **texts: str,
) -> ContingencyPlan:
    """Write or correct the case's contingency plan (A16); a change to an approved plan
    takes it back to draft, to be approved again."""
    if not permissions.can_write_plan(actor, case):
        raise PermissionDenied
    lock(case)  # one at a time with move_stage, which reads whether the plan is approved
    unknown = set(texts) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not a part of the plan: {sorted(unknown)}")
    people = list(members)
    _check_plan_people(case, lead, people)
    values = {name: texts.get(name, "").strip() for name in PLAN_FIELDS}
    missing = {name: _("Fill in this part of the plan.") for name, text in values.items() if not text}
    if missing:
        raise ValidationError(missing)
    existing = ContingencyPlan.objects.filter(case_id=case.pk).first()
    if existing is None:
        if expected_version is not None:  # the form was of a plan that is gone: never
            raise ValidationError(_("This plan changed meanwhile; reload the page."), code="stale")
        plan = ContingencyPlan(case=case, lead=lead, **values)
        try:
            with transaction.atomic():
                create_versioned(plan, actor=actor, action="cases.plan.create", fields=["lead", *PLAN_FIELDS])
        except IntegrityError:  # another user wrote the first plan a moment ago
            raise ValidationError(
                _("Someone else wrote this case's plan a moment ago; reload the page."), code="stale"
            ) from None
    else:
        if expected_version is None:  # written from a page that had no plan yet: never overwrite
            raise ValidationError(
                _("Someone else wrote this case's plan a moment ago; reload the page."), code="stale"
            )
        plan = lock(existing, expected_version)
        before = audit.snapshot(plan, ["lead", *PLAN_FIELDS, "status"])
        plan.lead = lead
        for name, text in values.items():
            setattr(plan, name, text)
        plan.status, plan.approved_by, plan.approved_at = PlanStatus.DRAFT, None, None
        save_versioned(
            plan,
            actor=actor,
            action="cases.plan.update",
            fields=["lead", *PLAN_FIELDS, "status", "approved_by", "approved_at"],
            before=before,
        )
    set_related(plan, actor=actor, action="cases.plan.members", members=people)
    return plan


@transaction.atomic
def approve_plan(*, actor: Actor, plan: ContingencyPlan, expected_version: int) -> ContingencyPlan:
    """A leader or the president approves the plan as it stands (A16)."""
    current = lock(plan, expected_version, related=["case"])
    if not permissions.can_approve_plan(actor, current.case):
        raise PermissionDenied
    lock(current.case)  # one at a time with move_stage
    require_status(current, PlanStatus.DRAFT, message=_("This plan is already approved."))
    before = audit.snapshot(current, ["status"])
    current.status, current.approved_by, current.approved_at = (
        PlanStatus.APPROVED,
        account_of(actor),
        timezone.now(),
    )
    return save_versioned(
        current,
        actor=actor,
        action="cases.plan.approve",
        fields=["status", "approved_by", "approved_at"],
        before=before,
    )


# Upward reports (A16) -----------------------------------------------------------------------


def _open_report_alert(report: UpwardReport, now: dt.datetime) -> None:
    if report.tier in ALERTED_TIERS:
        raise_alert(
            report.case, kind=AlertKind.REPORT, occasion=f"report:{report.pk}", tier=report.tier, now=now
        )


def _new_report(
    case: Case, *, actor: Actor, tier: int, summary: str, previous: UpwardReport | None
) -> UpwardReport:
    now = timezone.now()
    hours = settings_for(case.court_id).report_hours
    tier = first_with_accounts(case, tier)
    try:
        with transaction.atomic():
            report = UpwardReport.objects.create(
                case=case,
                previous=previous,
                tier=tier,
                summary=_reason(summary, "summary"),
                sent_by=signed_in(actor),
                sent_at=now,
                due_at=now + dt.timedelta(hours=hours),
            )
    except IntegrityError:
        raise ValidationError(
            _("This report was already passed on to that level."), code="duplicate"
        ) from None
    audit.record_event(actor=actor, action="cases.report.send", obj=case, tier=tier, report=report.pk)
    _open_report_alert(report, now)
    return report


@transaction.atomic
def send_report(*, actor: Actor, case: Case, summary: str) -> UpwardReport:
    """The judge in charge (or the chief) reports the case to the next level up: the
    judge to the chief of the division, the chief to the leader in charge (A16)."""
    case = lock(case, related=["court", "judge", "risk_level"])
    if not permissions.can_report(actor, case):
        raise PermissionDenied
    tier = Tier.LEADER if permissions.is_chief_of(actor, case) else Tier.CHIEF
    return _new_report(case, actor=actor, tier=tier, summary=summary, previous=None)


@transaction.atomic
def acknowledge_report(*, actor: Actor, report: UpwardReport) -> UpwardReport:
    """The level a report is addressed to acknowledges it; its alert closes with it."""
    current = lock(report, related=["case__court", "case__judge"])
    if received_outside(current) or not is_of_tier(actor, current.case, current.tier):
        raise PermissionDenied
    _require_open(current)
    now = timezone.now()
    current.acknowledged_at, current.acknowledged_by = now, account_of(actor)
    current.save(update_fields=["acknowledged_at", "acknowledged_by"])
    RiskAlert.objects.filter(
        case_id=current.case_id, occasion=f"report:{current.pk}", acknowledged_at__isnull=True
    ).update(acknowledged_at=now, acknowledged_by=account_of(actor))
    audit.record_event(
        actor=actor, action="cases.report.acknowledge", obj=current.case, tier=current.tier, report=current.pk
    )
    return current


@transaction.atomic
def pass_on_report(*, actor: Actor, report: UpwardReport, tier: int, summary: str) -> UpwardReport:
    """Pass an acknowledged report on to the next level up (A16: level by level)."""
    current = lock(report, related=["case__court", "case__judge"])
    if not is_of_tier(actor, current.case, current.tier):
        raise PermissionDenied
    if current.acknowledged_at is None:
        raise ValidationError(_("Acknowledge the report before passing it on."), code="not_acknowledged")
    if tier not in next_tiers(current.tier):
        raise ValidationError({"tier": _("A report goes one level up at a time.")})
    return _new_report(current.case, actor=actor, tier=tier, summary=summary, previous=current)


@transaction.atomic
def record_receipt(*, actor: Actor, report: UpwardReport, note: str) -> UpwardReport:
    """The court records that the political-legal committee received its report: who
    received it and how (the committee has no account here)."""
    current = lock(report, related=["case__court"])
    if not permissions.can_receive_for(actor, current):
        raise PermissionDenied
    _require_open(current)
    current.acknowledged_at, current.acknowledged_by = timezone.now(), account_of(actor)
    current.receipt_note = _reason(note, "note")[:200]
    current.save(update_fields=["acknowledged_at", "acknowledged_by", "receipt_note"])
    audit.record_event(actor=actor, action="cases.report.receipt", obj=current.case, report=current.pk)
    return current


# The committee's early intervention and public statements (A16) ------------------------------


@transaction.atomic
def intervene(*, actor: Actor, case: Case, facts: str = "") -> Any:
    """The committee intervenes early in a case: a matter of its own is opened in one
    step (matters.open_ex_officio), naming the case and its judge (A16, A17)."""
    case = lock(case, related=["court", "judge", "risk_level"])
    if not permissions.can_intervene(actor, case):
        raise PermissionDenied
    if case.intervention_id is not None:
        raise ValidationError(_("The committee already intervened in this case."), code="duplicate")
    text = facts.strip() or str(
        _("Early intervention in case %(number)s (%(cause)s), risk level “%(level)s”.")
        % {"number": case.number, "cause": case.cause, "level": str(case.risk_level or "—")}
    )
    matter = matter_services.open_ex_officio(
        actor=actor, court=case.court, subject=Subject.OTHER, facts=text, applicant=case.judge
    )
    before = audit.snapshot(case, ["intervention"])
    case.intervention = matter
    save_versioned(case, actor=actor, action="cases.case.intervene", fields=["intervention"], before=before)
    return matter


@transaction.atomic
def draft_statement(*, actor: Actor, case: Case, text: str) -> PublicStatement:
    if not permissions.can_draft_statement(actor, case):
        raise PermissionDenied
    statement = PublicStatement(case=case, text=_reason(text, "text"), drafted_by=account_of(actor))
    return create_versioned(statement, actor=actor, action="cases.statement.draft", fields=["text"])


@transaction.atomic
def sign_off_statement(
    *, actor: Actor, statement: PublicStatement, note: str, expected_version: int
) -> PublicStatement:
    """A leader signs the statement off as it stands, naming whom it was cleared with."""
    current = lock(statement, expected_version, related=["case"])
    if not permissions.can_sign_off_statement(actor, current.case):
        raise PermissionDenied
    require_status(current, StatementStatus.DRAFT)
    before = audit.snapshot(current, ["status"])
    current.status, current.signed_off_by = StatementStatus.APPROVED, account_of(actor)
    current.sign_off_note = note.strip()[:200]
    return save_versioned(
        current,
        actor=actor,
        action="cases.statement.sign_off",
        fields=["status", "signed_off_by", "sign_off_note"],
        before=before,
    )


@transaction.atomic
def publish_statement(*, actor: Actor, statement: PublicStatement, expected_version: int) -> PublicStatement:
    """Only a signed-off statement is published; its text stays as it was signed."""
    current = lock(statement, expected_version, related=["case"])
    if not permissions.can_publish_statement(actor, current.case):
        raise PermissionDenied
    require_status(
        current,
        StatementStatus.APPROVED,
        message=_("Only a signed-off statement can be published; this one is “%(status)s”."),
    )
    before = audit.snapshot(current, ["status"])
    current.status, current.published_at = StatementStatus.PUBLISHED, timezone.now()
    return save_versioned(
        current,
        actor=actor,
        action="cases.statement.publish",
        fields=["status", "published_at"],
        before=before,
    )
