"""Courtroom sanctions (A9.3): the statutory caps, imposing a measure, the president's
decision on a fine or detention, its written decision and the reconsideration by the
next-higher court."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, require_status, update_versioned
from benchguard.core.types import Actor
from benchguard.incidents import permissions
from benchguard.incidents.choices import (
    AFTER_A_WARNING,
    NEEDS_PRESIDENT,
    SEVERITY,
    IncidentKind,
    Procedure,
    ReconsiderationOutcome,
    SanctionMeasure,
    SanctionStatus,
    SubjectKind,
)
from benchguard.incidents.models import Incident, Reconsideration, Sanction, SanctionCap
from benchguard.incidents.services.register import incident_url, require_open
from benchguard.notifications.services import choice_label, localized, notify
from benchguard.organization.choices import Role
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import account_of


def cap_for(procedure: str) -> SanctionCap:
    cap = SanctionCap.objects.filter(procedure=procedure).first()
    if cap is None:
        raise ValidationError(_("No statutory limits are set for this procedure."), code="no_cap")
    return cap


def check_cap(
    *, procedure: str, measure: str, subject_kind: str, amount: int | None, days: int | None
) -> None:
    """Refuse an amount or length outside the statutory cap of the case's procedure,
    naming the cap (Civil Procedure Law art. 118, Administrative Litigation Law art. 59,
    Criminal Procedure Law art. 199 — seeded in SanctionCap). A unit is sanctioned only
    where the procedure allows it (the civil procedure's fines); elsewhere the measures
    fall on people, and the unit's responsible person is named instead."""
    cap = cap_for(procedure)
    if subject_kind == SubjectKind.ORGANIZATION and not (
        cap.fines_organisations and measure == SanctionMeasure.FINE
    ):
        if measure == SanctionMeasure.DETENTION:
            message = _("Only an individual can be detained.")
            code = "detention_organisation"
        elif cap.fines_organisations:
            message = _("Only a fine can be imposed on an organisation; name the person for other measures.")
            code = "organisation_not_liable"
        else:
            message = _(
                "Under %(procedure)s the measures fall on people, not on units: name the unit's "
                "principal or directly responsible person as an individual, and the unit they answer for."
            ) % {"procedure": cap.get_procedure_display()}
            code = "organisation_not_liable"
        raise ValidationError({"subject_kind": ValidationError(message, code=code)})
    if measure == SanctionMeasure.FINE:
        if amount is None or amount <= 0:
            raise ValidationError(
                {"amount": ValidationError(_("Enter the amount of the fine."), code="required")}
            )
        if subject_kind == SubjectKind.ORGANIZATION:
            low, high = cap.fine_organization_min, cap.fine_organization_max
            if not low <= amount <= high:
                message = _(
                    "Under %(procedure)s a fine on an organisation is between RMB %(low)s and RMB %(high)s."
                ) % {"procedure": cap.get_procedure_display(), "low": f"{low:,}", "high": f"{high:,}"}
                raise ValidationError({"amount": ValidationError(message, code="over_cap")})
        elif amount > cap.fine_individual_max:
            message = _("Under %(procedure)s a fine on an individual is at most RMB %(high)s.") % {
                "procedure": cap.get_procedure_display(),
                "high": f"{cap.fine_individual_max:,}",
            }
            raise ValidationError({"amount": ValidationError(message, code="over_cap")})
    if measure == SanctionMeasure.DETENTION:
        if days is None or days <= 0:
            raise ValidationError(
                {"days": ValidationError(_("Enter the number of days of detention."), code="required")}
            )
        if days > cap.detention_max_days:
            message = _("Under %(procedure)s detention is at most %(days)s days.") % {
                "procedure": cap.get_procedure_display(),
                "days": cap.detention_max_days,
            }
            raise ValidationError({"days": ValidationError(message, code="over_cap")})


@transaction.atomic
def impose_sanction(
    *,
    actor: Actor,
    incident: Incident,
    measure: str,
    subject_name: str,
    reason: str,
    subject_kind: str = SubjectKind.INDIVIDUAL,
    amount: int | None = None,
    days: int | None = None,
    on_behalf_of: str = "",
) -> Sanction:
    """Record a measure the presiding judge applied (A9.3). Warnings to removal take
    effect at once; a fine or detention waits for the court president's approval. Under
    the criminal procedure the judge warns first (Criminal Procedure Law art. 199):
    removal, a fine or detention need an earlier warning of the same person.
    `on_behalf_of` names the unit whose responsible person is sanctioned."""
    if not permissions.can_sanction(actor, incident):
        raise PermissionDenied
    if incident.kind != IncidentKind.COURTROOM:
        raise ValidationError(_("Sanctions apply to courtroom disorder only."), code="invalid_kind")
    incident = lock(incident)
    require_open(incident)
    if measure not in SEVERITY:
        raise ValidationError({"measure": _("Choose a measure.")})
    if measure != SanctionMeasure.FINE:
        amount = None
    if measure != SanctionMeasure.DETENTION:
        days = None
    check_cap(
        procedure=incident.procedure, measure=measure, subject_kind=subject_kind, amount=amount, days=days
    )
    if not subject_name.strip():
        raise ValidationError(
            {"subject_name": ValidationError(_("Name the person sanctioned."), code="required")}
        )
    criminal = incident.procedure == Procedure.CRIMINAL
    if criminal and measure in AFTER_A_WARNING and not _was_warned(incident, subject_name):
        raise ValidationError(
            {
                "measure": ValidationError(
                    _(
                        "Under the criminal procedure the presiding judge first warns %(name)s; "
                        "record the warning before this measure."
                    )
                    % {"name": subject_name.strip()},
                    code="warning_first",
                )
            }
        )
    needs_approval = measure in NEEDS_PRESIDENT
    sanction = create_versioned(
        Sanction(
            incident=incident,
            measure=measure,
            subject_kind=subject_kind,
            subject_name=subject_name.strip(),
            on_behalf_of=on_behalf_of.strip(),
            amount=amount,
            days=days,
            reason=reason.strip(),
            decided_by=account_of(actor),
            status=SanctionStatus.PENDING if needs_approval else SanctionStatus.IN_EFFECT,
        ),
        actor=actor,
        action="incidents.sanction.impose",
        fields=[
            "incident",
            "measure",
            "subject_kind",
            "subject_name",
            "on_behalf_of",
            "amount",
            "days",
            "reason",
            "status",
        ],
    )
    if needs_approval:
        notify(
            recipients=accounts_with_roles(incident.court_id, Role.COURT_PRESIDENT),
            kind="incidents.sanction",
            title=gettext_lazy("A fine or detention awaits your approval"),
            body=localized(
                "%(measure)s · %(name)s",
                measure=choice_label(sanction, "measure"),
                name=sanction.subject_name,
            ),
            url=incident_url(incident),
            dedupe_key=f"incidents.sanction:{sanction.pk}",
            court=incident.court,
        )
    return sanction


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()).casefold() == "".join(b.split()).casefold()


def _was_warned(incident: Incident, subject_name: str) -> bool:
    """Whether the person was warned earlier in this incident (the warning is in effect
    from the moment it is recorded)."""
    warnings = incident.sanctions.filter(measure=SanctionMeasure.WARNING, status=SanctionStatus.IN_EFFECT)
    return any(_same_name(w.subject_name, subject_name) for w in warnings)


@transaction.atomic
def decide_sanction(
    *, actor: Actor, sanction: Sanction, expected_version: int, approve: bool, reason: str = ""
) -> Sanction:
    """The court president approves a fine or detention (it takes effect) or does not."""
    if not permissions.can_approve_sanction(actor, sanction):
        raise PermissionDenied
    require_status(
        sanction,
        SanctionStatus.PENDING,
        message=_("This sanction is not awaiting approval; it is %(status)s."),
    )
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for not approving.")})
    saved = update_versioned(
        Sanction,
        sanction.pk,
        actor=actor,
        action="incidents.sanction.approve" if approve else "incidents.sanction.refuse",
        expected_version=expected_version,
        changes={
            "status": SanctionStatus.IN_EFFECT if approve else SanctionStatus.REFUSED,
            "approved_by": actor,
            "approved_at": timezone.now(),
            "refusal_reason": "" if approve else reason.strip(),
        },
    )
    notify(
        recipients=[saved.decided_by],
        kind="incidents.sanction.decided",
        title=gettext_lazy("The president decided on a fine or detention"),
        body=localized(
            "%(measure)s · %(status)s",
            measure=choice_label(saved, "measure"),
            status=choice_label(saved, "status"),
        ),
        url=incident_url(saved.incident),
        dedupe_key=f"incidents.sanction.decided:{saved.pk}",
        court=saved.incident.court,
    )
    return saved


def reconsideration_due(*, procedure: str, received_on: dt.date) -> dt.date | None:
    """The last day to apply for reconsideration of a fine or detention: the period of
    the procedure's cap (SanctionCap.reconsideration_days, 3 days under the civil
    procedure) counted from the day after the decision was received, a last day on a
    rest day or holiday moved to the next working day (core.deadlines); None when the
    procedure sets no period."""
    from benchguard.core import deadlines

    days = cap_for(procedure).reconsideration_days
    if not days:
        return None
    return deadlines.due_date(received_on, days)


def _require_decision(sanction: Sanction, *statuses: str) -> None:
    """A written decision exists for a fine or detention the president approved and
    that is now in one of `statuses`."""
    if sanction.measure not in NEEDS_PRESIDENT or sanction.status not in statuses:
        raise ValidationError(
            _("Only a fine or detention approved by the president has a written decision."),
            code="no_decision",
        )


@transaction.atomic
def apply_for_reconsideration(
    *,
    actor: Actor,
    sanction: Sanction,
    decision_received_on: dt.date,
    applied_on: dt.date,
    grounds: str = "",
) -> Reconsideration:
    """The fined or detained person applies, once, to the next-higher court for
    reconsideration (A9.3; Civil Procedure Law art. 119). The court records the
    application and passes it on; enforcement is not suspended, so the sanction stays in
    effect. An application after the period is recorded all the same and marked late:
    the higher court decides whether to hear it."""
    incident = sanction.incident
    if not permissions.can_record_reconsideration(actor, sanction):
        raise PermissionDenied
    require_open(lock(incident))
    sanction = lock(sanction)
    _require_decision(sanction, SanctionStatus.IN_EFFECT)
    if Reconsideration.objects.filter(sanction=sanction).exists():
        raise ValidationError(
            _("The person has already applied for reconsideration; the law allows it once."), code="once"
        )
    higher = incident.court.parent
    if higher is None:
        raise ValidationError(_("The court has no higher court on record."), code="no_higher_court")
    today = timezone.localdate()
    errors: dict[str, ValidationError] = {}
    decided_on = timezone.localdate(sanction.approved_at) if sanction.approved_at else None
    if decision_received_on > today:
        errors["decision_received_on"] = ValidationError(
            _("The date cannot be in the future."), code="future"
        )
    elif decided_on and decision_received_on < decided_on:
        errors["decision_received_on"] = ValidationError(
            _("The decision cannot be received before the president approved it (%(date)s).")
            % {"date": decided_on.isoformat()},
            code="before_decision",
        )
    if applied_on > today:
        errors["applied_on"] = ValidationError(_("The date cannot be in the future."), code="future")
    elif applied_on < decision_received_on:
        errors["applied_on"] = ValidationError(
            _("The application cannot predate the receipt of the decision."), code="before_receipt"
        )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            row = create_versioned(
                Reconsideration(
                    sanction=sanction,
                    higher_court=higher,
                    decision_received_on=decision_received_on,
                    due_on=reconsideration_due(
                        procedure=incident.procedure, received_on=decision_received_on
                    ),
                    applied_on=applied_on,
                    grounds=grounds.strip(),
                    recorded_by=account_of(actor),
                ),
                actor=actor,
                action="incidents.sanction.reconsideration",
                fields=[
                    "sanction",
                    "higher_court",
                    "decision_received_on",
                    "due_on",
                    "applied_on",
                    "grounds",
                ],
            )
    except IntegrityError:  # recorded by someone else a moment ago
        raise ValidationError(
            _("The person has already applied for reconsideration; the law allows it once."), code="once"
        ) from None
    return row


@transaction.atomic
def record_reconsideration_outcome(
    *,
    actor: Actor,
    reconsideration: Reconsideration,
    expected_version: int,
    outcome: str,
    outcome_on: dt.date,
    note: str = "",
) -> Reconsideration:
    """What the next-higher court decided: upheld, varied (the note says how) or
    revoked (the sanction is then no longer in effect)."""
    sanction = reconsideration.sanction
    if not permissions.can_record_reconsideration(actor, sanction):
        raise PermissionDenied
    require_open(lock(sanction.incident))
    current = lock(reconsideration, expected_version)
    if current.outcome != ReconsiderationOutcome.PENDING:
        raise ValidationError(
            _("The higher court's decision is already recorded: %(outcome)s.")
            % {"outcome": current.get_outcome_display()},
            code="invalid_transition",
        )
    errors: dict[str, ValidationError] = {}
    if outcome not in ReconsiderationOutcome.values or outcome == ReconsiderationOutcome.PENDING:
        errors["outcome"] = ValidationError(_("Choose what the higher court decided."), code="required")
    if outcome_on > timezone.localdate():
        errors["outcome_on"] = ValidationError(_("The date cannot be in the future."), code="future")
    elif outcome_on < current.applied_on:
        errors["outcome_on"] = ValidationError(
            _("The decision cannot predate the application."), code="before_application"
        )
    if outcome == ReconsiderationOutcome.VARIED and not note.strip():
        errors["note"] = ValidationError(_("Say how the higher court varied the decision."), code="required")
    if errors:
        raise ValidationError(errors)
    saved = update_versioned(
        Reconsideration,
        current.pk,
        actor=actor,
        action="incidents.sanction.reconsideration_outcome",
        expected_version=expected_version,
        changes={"outcome": outcome, "outcome_on": outcome_on, "outcome_note": note.strip()},
    )
    if outcome == ReconsiderationOutcome.REVOKED:
        update_versioned(
            Sanction,
            sanction.pk,
            actor=actor,
            action="incidents.sanction.revoked",
            expected_version=Sanction.objects.get(pk=sanction.pk).version,
            changes={"status": SanctionStatus.REVOKED},
        )
    return saved


def open_decision(*, actor: Actor, sanction: Sanction) -> Sanction:
    """The written decision on a fine or detention, to print and serve (A9.3): who may
    see it, and a line in the audit log before it is shown (it names the person)."""
    if not permissions.can_print_decision(actor, sanction):
        raise PermissionDenied
    _require_decision(sanction, SanctionStatus.IN_EFFECT, SanctionStatus.REVOKED)
    audit.record_access(actor=actor, action="incidents.sanction.decision", obj=sanction)
    return sanction


@transaction.atomic
def update_sanction_cap(
    *, actor: Actor, cap: SanctionCap, expected_version: int, changes: dict[str, Any]
) -> SanctionCap:
    """The city administrator corrects a statutory cap (A9.3) when a law changes."""
    from benchguard.core.access import is_city_admin

    if not is_city_admin(actor):
        raise PermissionDenied
    return update_versioned(
        SanctionCap,
        cap.pk,
        actor=actor,
        action="incidents.cap.update",
        expected_version=expected_version,
        changes=changes,
    )
