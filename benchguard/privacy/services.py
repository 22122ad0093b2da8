"""Every change to the privacy area (A18): exposure cases registered (online, or inside
the court with a snapshot of the access log of the person's private record), evidence
kept, takedown notices drafted from the court's template and moved drafted → sent →
acknowledged → removed / refused → escalated (every move a row of the notice's
history), the court's internal follow-up targets, a committee matter opened from a case."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from benchguard.cases.models import Case
from benchguard.core import audit
from benchguard.core.models import AuditEntry
from benchguard.core.services import create_versioned, lock, require_status, save_versioned, update_versioned
from benchguard.core.types import Actor
from benchguard.core.uploads import CAPTURE_TYPES, attach
from benchguard.matters import services as matter_services
from benchguard.matters.choices import Subject
from benchguard.matters.models import Matter
from benchguard.organization.models import Court, Person, RightCategory
from benchguard.organization.rights import right_for
from benchguard.organization.types import signed_in
from benchguard.privacy import permissions
from benchguard.privacy.choices import INTERNAL_KINDS, CaseKind, CaseStatus, Exposed, NoticeStatus, Notifier
from benchguard.privacy.models import (
    FOLLOW_UP_DAYS,
    AccessLogLine,
    ExposureCase,
    ExposureEvidence,
    NoticeTransition,
    PrivacySettings,
    TakedownNotice,
)
from benchguard.privacy.validators import NOTICE_TEMPLATE, NOTIFIER_CONTACT

CASE_FIELDS = [
    "court", "right", "kind", "person", "affects_relatives", "exposed", "platform", "url", "description",
    "case", "found_on", "status",
]  # fmt: skip
# Notices the platform has not yet answered for good (or that were never sent).
PENDING_NOTICES = (NoticeStatus.DRAFTED, NoticeStatus.SENT, NoticeStatus.ACKNOWLEDGED)
# The access lines of a private record, by purpose (organization.services.open_private_details;
# the same words as on the person's own private page).
ACCESS_LABELS = {
    "view": _("viewed"),
    "edit": _("opened to edit"),
    "relatives": _("opened the relatives in full"),
}
SETTINGS_FIELDS = ("acknowledge_within_days", "remove_within_days", "notice_template")


def _refuse(field: str | None, message: Any, code: str) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


# --- Settings [U] ---------------------------------------------------------------------


def settings_for(court: Court) -> PrivacySettings:
    """The court's settings, or the defaults (unsaved) while it has none."""
    return PrivacySettings.objects.filter(court=court).first() or PrivacySettings(court=court)


@transaction.atomic
def update_settings(
    *, actor: Actor, court: Court, expected_version: int, changes: Mapping[str, Any]
) -> PrivacySettings:
    """The office sets its court's internal follow-up targets and notice template [U]."""
    if not permissions.can_edit_settings(actor, court.pk):
        raise PermissionDenied
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    _check_settings(changes)
    existing = PrivacySettings.objects.filter(court=court).first()
    if existing is None:
        if expected_version != 1:
            raise _refuse(None, _("Someone changed these settings meanwhile; reload the page."), "stale")
        row = PrivacySettings(court=court, **changes)
        return create_versioned(
            row, actor=actor, action="privacy.settings.create", fields=["court", *SETTINGS_FIELDS]
        )
    return update_versioned(
        PrivacySettings,
        existing.pk,
        actor=actor,
        action="privacy.settings.update",
        expected_version=expected_version,
        changes=changes,
    )


def _check_settings(changes: Mapping[str, Any]) -> None:
    """The days within FOLLOW_UP_DAYS and the template with its placeholders right."""
    errors: dict[str, list[ValidationError]] = {}
    checks: dict[str, Callable[[Any], None]] = {
        "acknowledge_within_days": FOLLOW_UP_DAYS,
        "remove_within_days": FOLLOW_UP_DAYS,
        "notice_template": NOTICE_TEMPLATE,
    }
    for name, check in checks.items():
        if name in changes:
            try:
                check(changes[name])
            except ValidationError as error:
                errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)


# --- Exposure cases -------------------------------------------------------------------


def _private_access_lines(person: Person) -> QuerySet[AuditEntry]:
    """The access lines of the person's private record (organization.open_private_details)."""
    return AuditEntry.objects.filter(
        object_type=Person._meta.label_lower,
        object_id=str(person.pk),
        kind="access",
        action__startswith="organization.private.",
    ).order_by("-id")


@transaction.atomic
def register_case(
    *,
    actor: Actor,
    court: Court,
    kind: str,
    person: Person,
    description: str,
    found_on: dt.date,
    platform: str = "",
    url: str = "",
    exposed: list[str] | None = None,
    affects_relatives: bool = False,
    case: Case | None = None,
    right: RightCategory | None = None,
) -> ExposureCase:
    """Register an exposure case (A18). Online: where it was published is required. Inside
    the court (a leak, peeping, covert photos, eavesdropping): the access log of the
    person's private record is copied into the case as it stands now."""
    if not permissions.can_register(actor, court.pk, kind):
        raise PermissionDenied
    if person.court_id != court.pk:
        raise _refuse("person", _("The person must belong to this court."), "other_court")
    if kind == CaseKind.ONLINE and not url.strip():
        raise _refuse("url", _("Give the address where the data was published."), "required")
    if case is not None and case.court_id != court.pk:
        raise _refuse("case", _("Choose a case of this court."), "other_court")
    if not description.strip():
        raise _refuse("description", _("Say what happened."), "required")
    exposed = [value for value in (exposed or []) if value in Exposed.values]
    row = ExposureCase(
        court=court,
        right=right or right_for("privacy"),
        kind=kind,
        person=person,
        affects_relatives=affects_relatives or Exposed.RELATIVES in exposed,
        exposed=exposed,
        platform=platform.strip(),
        url=url.strip(),
        description=description.strip(),
        case=case,
        found_on=found_on,
        registered_by=signed_in(actor),
    )
    row = create_versioned(row, actor=actor, action="privacy.case.register", fields=CASE_FIELDS)
    if kind in INTERNAL_KINDS:
        lines = [
            AccessLogLine(
                exposure=row,
                entry_id=entry.pk,
                at=entry.created_at,
                actor_name=entry.actor_name,
                action=entry.action,
            )
            for entry in _private_access_lines(person)
        ]
        AccessLogLine.objects.bulk_create(lines)
        audit.record_event(actor=actor, action="privacy.case.access_log_kept", obj=row, lines=len(lines))
    return row


def _kept(actor: Actor, exposure: ExposureCase, expected_version: int | None) -> ExposureCase:
    if not permissions.can_keep(actor, exposure):
        raise PermissionDenied
    return lock(exposure, expected_version)


@transaction.atomic
def add_evidence(
    *, actor: Actor, exposure: ExposureCase, upload: UploadedFile, captured_at: dt.datetime, url: str = ""
) -> ExposureEvidence:
    """Keep a screenshot of the exposure with its SHA-256, the capture time the user
    states and the upload time (A18)."""
    exposure = _kept(actor, exposure, None)
    if captured_at > timezone.now():
        raise _refuse("captured_at", _("The capture time cannot be in the future."), "future")
    return attach(
        ExposureEvidence(
            exposure=exposure, captured_at=captured_at, url=url.strip(), uploaded_by=signed_in(actor)
        ),
        upload,
        actor=actor,
        action="privacy.case.evidence",
        record=exposure,
        allowed=CAPTURE_TYPES,
    )


@transaction.atomic
def close_case(
    *, actor: Actor, exposure: ExposureCase, expected_version: int, conclusion: str
) -> ExposureCase:
    """Close the case with its conclusion (A18)."""
    exposure = _kept(actor, exposure, expected_version)
    require_status(exposure, CaseStatus.OPEN)
    if not conclusion.strip():
        raise _refuse("conclusion", _("Write the conclusion."), "required")
    pending = exposure.notices.filter(status__in=PENDING_NOTICES).count()
    if pending:
        raise _refuse(
            None,
            ngettext(
                "%(count)d takedown notice is still drafted or awaiting the platform's answer: record "
                "its outcome, or withdraw it if it was never sent, before closing the case.",
                "%(count)d takedown notices are still drafted or awaiting the platform's answer: record "
                "their outcome, or withdraw those never sent, before closing the case.",
                pending,
            )
            % {"count": pending},
            "notices_pending",
        )
    before = audit.snapshot(exposure, ["status", "conclusion"])
    exposure.status = CaseStatus.CLOSED
    exposure.conclusion = conclusion.strip()
    return save_versioned(
        exposure, actor=actor, action="privacy.case.close", fields=["status", "conclusion"], before=before
    )


def access_label(action: str) -> str:
    """What an access line of the private record means, in words."""
    purpose = action.removeprefix("organization.private.")
    return str(ACCESS_LABELS.get(purpose, ACCESS_LABELS["view"]))


def open_access_log(*, actor: Actor, exposure: ExposureCase) -> dict[str, Any]:
    """The access log of the affected person's private record, for an internal case's
    investigators (A18): the lines kept when the case opened, and the log as it stands now.
    The look is itself written to the access log."""
    if exposure.kind not in INTERNAL_KINDS or not permissions.can_read_all(actor, exposure):
        raise PermissionDenied
    audit.record_access(actor=actor, action="privacy.case.access_log", obj=exposure)
    return {
        "kept": [(line, access_label(line.action)) for line in exposure.access_log.all()],
        "live": [
            (entry, access_label(entry.action)) for entry in _private_access_lines(exposure.person)[:200]
        ],
    }


@transaction.atomic
def open_matter(*, actor: Actor, exposure: ExposureCase) -> Matter:
    """Open a committee matter from the case, on the 30-day clock (issue 13 part 7)."""
    if not permissions.can_open_matter(actor, exposure):
        raise PermissionDenied
    return matter_services.open_matter_from(
        actor=actor,
        source=exposure,
        subject=Subject.PRIVACY,
        facts=f"{exposure.platform} {exposure.url}\n{exposure.description}".strip(),
        applicant=exposure.person,
    )


# --- Takedown notices -----------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render_notice(template: str, values: Mapping[str, str]) -> str:
    """The template with its known placeholders filled; anything else is left as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def notice_text(exposure: ExposureCase, *, recipient: str, notifier_name: str, contact: str) -> str:
    evidence = [
        f"{i}. {e.name}  SHA-256: {e.sha256}  {_when(e.captured_at)}  {e.url}".rstrip()
        for i, e in enumerate(exposure.evidence.order_by("captured_at", "id"), start=1)
    ]
    urls = [exposure.url, *(e.url for e in exposure.evidence.all() if e.url and e.url != exposure.url)]
    values = {
        "recipient": recipient,
        "platform": exposure.platform,
        "person": exposure.person.name,
        "exposed": "、".join(exposure.exposed_labels()),
        "urls": "\n".join(u for u in urls if u),
        "evidence": "\n".join(evidence) or "—",
        "notifier": notifier_name,
        "contact": contact,
        "date": f"{timezone.localdate():%Y-%m-%d}",
    }
    return render_notice(settings_for(exposure.court).notice_template, values)


def _history(notice: TakedownNotice, actor: Actor, before: str, after: str, note: str = "") -> None:
    NoticeTransition.objects.create(
        notice=notice, from_status=before, to_status=after, by=signed_in(actor), note=note
    )


@transaction.atomic
def draft_notice(
    *, actor: Actor, exposure: ExposureCase, recipient: str, notifier: str, contact: str
) -> TakedownNotice:
    """Draft a takedown notice from the court's template (A18): it cites PIPL art. 47,
    Civil Code arts. 1037 and 1195 and the 2024 online-violence rules, names the notifier
    with their real identity and lists the evidence."""
    if not permissions.can_send_notices(actor, exposure):
        raise PermissionDenied
    exposure = lock(exposure)
    require_status(exposure, CaseStatus.OPEN)
    if not recipient.strip():
        raise _refuse("recipient", _("Name the platform operator the notice goes to."), "required")
    if not contact.strip():
        raise _refuse("contact", _("Give the notifier's contact."), "required")
    try:
        NOTIFIER_CONTACT(contact.strip())
    except ValidationError as error:
        raise ValidationError({"contact": error.error_list}) from None
    name = exposure.court.name if notifier == Notifier.COURT else exposure.person.name
    notice = TakedownNotice(
        exposure=exposure,
        recipient=recipient.strip(),
        notifier=notifier,
        notifier_name=name,
        contact=contact.strip(),
        body=notice_text(exposure, recipient=recipient.strip(), notifier_name=name, contact=contact.strip()),
        drafted_by=signed_in(actor),
    )
    notice = create_versioned(
        notice,
        actor=actor,
        action="privacy.notice.draft",
        fields=["exposure", "recipient", "notifier", "notifier_name", "contact", "status"],
    )
    _history(notice, actor, "", NoticeStatus.DRAFTED)
    return notice


def _notice(actor: Actor, notice: TakedownNotice, expected_version: int | None) -> TakedownNotice:
    """The notice locked for a change; its case must be open (a closed case's notices
    no longer move)."""
    if not permissions.can_send_notices(actor, notice.exposure):
        raise PermissionDenied
    notice = lock(notice, expected_version, related=["exposure"])
    if notice.exposure.status != CaseStatus.OPEN:
        raise _refuse(None, _("The case is closed: its notices can no longer change."), "case_closed")
    return notice


def missing_evidence(notice: TakedownNotice) -> str:
    """Why the notice cannot go out for want of evidence, or "" (A18: the notice carries
    the preliminary evidence): the case has none, or the text lists none of it."""
    hashes = list(notice.exposure.evidence.values_list("sha256", flat=True))
    if not hashes:
        return str(_("The case has no evidence: add a screenshot or saved page before sending the notice."))
    if not any(sha256 in notice.body for sha256 in hashes):
        return str(
            _(
                "The notice lists none of the case's evidence: edit it so it lists each file with its "
                "SHA-256, as on the case's page."
            )
        )
    return ""


@transaction.atomic
def edit_notice(*, actor: Actor, notice: TakedownNotice, expected_version: int, body: str) -> TakedownNotice:
    """Change the text of a notice not yet sent."""
    notice = _notice(actor, notice, expected_version)
    require_status(notice, NoticeStatus.DRAFTED)
    if not body.strip():
        raise _refuse("body", _("The notice cannot be empty."), "required")
    before = audit.snapshot(notice, ["body"])
    notice.body = body.strip()
    return save_versioned(notice, actor=actor, action="privacy.notice.edit", fields=["body"], before=before)


def _move(
    notice: TakedownNotice,
    actor: Actor,
    *,
    allowed: tuple[str, ...],
    to: str,
    note: str = "",
    **fields: Any,
) -> TakedownNotice:
    require_status(notice, *allowed)
    names = ["status", *fields]
    before = audit.snapshot(notice, names)
    previous = notice.status
    notice.status = to
    for name, value in fields.items():
        setattr(notice, name, value)
    notice = save_versioned(notice, actor=actor, action=f"privacy.notice.{to}", fields=names, before=before)
    _history(notice, actor, previous, to, note)
    return notice


def _due(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@transaction.atomic
def send_notice(
    *, actor: Actor, notice: TakedownNotice, expected_version: int, sent_via: str, note: str = ""
) -> TakedownNotice:
    """The notice went to the platform (A18); the follow-up target (internal, not a legal
    deadline) is the court's days to acknowledge."""
    notice = _notice(actor, notice, expected_version)
    require_status(notice, NoticeStatus.DRAFTED)
    lacking = missing_evidence(notice)
    if lacking:
        raise _refuse(None, lacking, "no_evidence")
    if not sent_via.strip():
        raise _refuse("sent_via", _("Say how the notice was sent."), "required")
    days = settings_for(notice.exposure.court).acknowledge_within_days
    return _move(
        notice,
        actor,
        allowed=(NoticeStatus.DRAFTED,),
        to=NoticeStatus.SENT,
        note=note,
        sent_via=sent_via.strip(),
        follow_up_due=_due(days),
    )


@transaction.atomic
def record_acknowledged(
    *, actor: Actor, notice: TakedownNotice, expected_version: int, note: str = ""
) -> TakedownNotice:
    """The platform acknowledged the notice; the next target is the removal."""
    notice = _notice(actor, notice, expected_version)
    days = settings_for(notice.exposure.court).remove_within_days
    return _move(
        notice,
        actor,
        allowed=(NoticeStatus.SENT,),
        to=NoticeStatus.ACKNOWLEDGED,
        note=note,
        follow_up_due=_due(days),
    )


@transaction.atomic
def record_removed(
    *, actor: Actor, notice: TakedownNotice, expected_version: int, note: str = ""
) -> TakedownNotice:
    """The platform took the data down."""
    notice = _notice(actor, notice, expected_version)
    return _move(
        notice,
        actor,
        allowed=(NoticeStatus.SENT, NoticeStatus.ACKNOWLEDGED),
        to=NoticeStatus.REMOVED,
        note=note,
        follow_up_due=None,
    )


@transaction.atomic
def record_refused(
    *, actor: Actor, notice: TakedownNotice, expected_version: int, refusal_reason: str
) -> TakedownNotice:
    """The platform refused to take the data down, and why."""
    notice = _notice(actor, notice, expected_version)
    if not refusal_reason.strip():
        raise _refuse("refusal_reason", _("Say why the platform refused."), "required")
    return _move(
        notice,
        actor,
        allowed=(NoticeStatus.SENT, NoticeStatus.ACKNOWLEDGED),
        to=NoticeStatus.REFUSED,
        note=refusal_reason.strip(),
        refusal_reason=refusal_reason.strip(),
        follow_up_due=None,
    )


@transaction.atomic
def escalate_notice(
    *,
    actor: Actor,
    notice: TakedownNotice,
    expected_version: int,
    escalated_to: str,
    escalation_reference: str = "",
    note: str = "",
) -> TakedownNotice:
    """A refused (or unanswered) notice goes to the internet regulator or the police."""
    notice = _notice(actor, notice, expected_version)
    return _move(
        notice,
        actor,
        allowed=(NoticeStatus.REFUSED, NoticeStatus.SENT, NoticeStatus.ACKNOWLEDGED),
        to=NoticeStatus.ESCALATED,
        note=note.strip(),
        escalated_to=escalated_to,
        escalation_reference=escalation_reference.strip(),
        follow_up_due=None,
    )


@transaction.atomic
def withdraw_notice(
    *, actor: Actor, notice: TakedownNotice, expected_version: int, note: str = ""
) -> TakedownNotice:
    """A notice drafted and never sent is withdrawn (the data came down meanwhile, or it was
    drafted in error); its text and history stay."""
    notice = _notice(actor, notice, expected_version)
    return _move(notice, actor, allowed=(NoticeStatus.DRAFTED,), to=NoticeStatus.WITHDRAWN, note=note.strip())
