"""The interference register (A7.1): entries are recorded, never edited or deleted; a
correction is an amendment pointing at the original; an entry is referred to the
committee, which may then open a matter from it; an entry that affected a case's
handling is reported upward at once. Every read is logged (open_entry, list_entries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.services import create_versioned
from benchguard.core.types import Actor
from benchguard.core.uploads import attach
from benchguard.core.validators import COURTS_FOUNDED
from benchguard.incidents.services.register import registered_case
from benchguard.interference import permissions
from benchguard.interference.choices import InternalNature, SourceKind
from benchguard.interference.models import (
    Entry,
    EntryAttachment,
    ImmediateReport,
    InterferenceSettings,
    Referral,
)
from benchguard.interference.selectors import is_judge
from benchguard.matters import services as matter_services
from benchguard.matters.choices import Subject
from benchguard.matters.models import Matter
from benchguard.notifications.services import localized, notify
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court, Person
from benchguard.organization.rights import right_for
from benchguard.organization.types import signed_in

ENTRY_FIELDS = [
    "court", "number", "right", "judge", "recorded_by", "recorded_at", "by_supervisor", "source_kind",
    "internal_nature", "person_name", "person_unit", "person_post", "person_contact", "occurred_at",
    "method", "request", "case", "case_number", "stage", "response", "affected_handling", "amends",
    "amendment_reason",
]  # fmt: skip
# The outsider's contact is encrypted at rest; the audit line only says it was given.
REDACTED = ["person_contact"]


def settings_for(court: Court | int, *, lock: bool = False) -> InterferenceSettings:
    """The court's settings, made with their defaults when first needed; `lock` holds the
    row until the transaction ends (the entry numbers of a court are taken under it)."""
    court_id = court if isinstance(court, int) else court.pk
    InterferenceSettings.objects.get_or_create(court_id=court_id)
    rows = InterferenceSettings.objects.select_for_update() if lock else InterferenceSettings.objects
    return rows.get(court_id=court_id)


def _refuse(field: str, message: Any, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _accounts(court_id: int, roles: Iterable[str]) -> list[Account]:
    return list(
        Account.objects.filter(
            is_active=True, role_assignments__court_id=court_id, role_assignments__role__in=list(roles)
        )
        .distinct()
        .order_by("pk")
    )


def entry_url(entry: Entry) -> str:
    return reverse("interference:entry_detail", args=[entry.pk])


def _check_entry(
    *, court: Court, source_kind: str, internal_nature: str, occurred_at: dt.datetime, stage: str
) -> None:
    if source_kind == SourceKind.COURT_INSIDER and internal_nature not in (
        InternalNature.SUPERVISION,
        InternalNature.IMPROPER,
    ):
        raise _refuse(
            "internal_nature",
            _("Say whether the insider's enquiry was supervision within authority or improper."),
            "required",
        )
    if source_kind != SourceKind.COURT_INSIDER and internal_nature:
        raise _refuse(
            "internal_nature", _("Only a court insider's enquiry is marked as internal."), "not_internal"
        )
    now = timezone.now()
    if occurred_at > now + dt.timedelta(minutes=5):
        raise _refuse("occurred_at", _("The attempt cannot have happened in the future."), "future")
    if occurred_at.date() < COURTS_FOUNDED:
        raise _refuse("occurred_at", _("Enter the real day of the attempt."), "too_early")


def _next_sequence(court: Court, year: int) -> int:
    settings_for(court, lock=True)  # one number at a time per court
    last = Entry.objects.filter(court=court, year=year).aggregate(last=Max("sequence"))["last"]
    return (last or 0) + 1


@transaction.atomic
def record_entry(
    *,
    actor: Actor,
    judge: Person,
    source_kind: str,
    person_name: str,
    occurred_at: dt.datetime,
    method: str,
    request: str,
    case_number: str,
    stage: str,
    response: str,
    internal_nature: str = "",
    person_unit: str = "",
    person_post: str = "",
    person_contact: str = "",
    affected_handling: bool = False,
    attachments: Sequence[UploadedFile] = (),
    amends: Entry | None = None,
    amendment_reason: str = "",
) -> Entry:
    """Record an attempt to influence a case (A7.1): the judge on themself, or a
    supervisor on a judge of their court who did not record it. Permanent once saved.
    One submission makes one entry (core.once)."""
    account = signed_in(actor)
    if not permissions.can_record_for(account, judge):
        raise PermissionDenied
    if amends is None and not is_judge(judge):
        raise _refuse("judge", _("The register is kept for judges: choose a judge."), "not_judge")
    court = judge.court
    _check_entry(
        court=court, source_kind=source_kind, internal_nature=internal_nature, occurred_at=occurred_at,
        stage=stage,
    )  # fmt: skip
    if not case_number.strip():
        raise _refuse("case_number", _("Name the case the attempt was about."), "required")
    for field, value in (("request", request), ("response", response), ("person_name", person_name)):
        if not value.strip():
            raise _refuse(field, _("This field is required."), "required")
    now = timezone.now()
    year = timezone.localtime(now).year
    sequence = _next_sequence(court, year)
    case = registered_case(court, case_number)
    entry = Entry(
        court=court,
        number=f"{year}-{sequence:04d}",
        year=year,
        sequence=sequence,
        right=right_for("independence"),
        judge=judge,
        recorded_by=account,
        recorded_at=now,
        by_supervisor=judge.account_id != account.pk,
        source_kind=source_kind,
        internal_nature=internal_nature,
        person_name=person_name.strip(),
        person_unit=person_unit.strip(),
        person_post=person_post.strip(),
        person_contact=person_contact.strip(),
        occurred_at=occurred_at,
        method=method,
        request=request.strip(),
        case=case,
        case_number=case.number if case is not None else case_number.strip(),
        stage=stage,
        response=response.strip(),
        affected_handling=affected_handling,
        amends=amends,
        amendment_reason=amendment_reason.strip(),
    )
    create_versioned(
        entry,
        actor=actor,
        action="interference.entry.amend" if amends is not None else "interference.entry.record",
        fields=ENTRY_FIELDS,
        redact=REDACTED,
    )
    for upload in attachments:
        attach(
            EntryAttachment(entry=entry, uploaded_by=account),
            upload,
            actor=actor,
            action="interference.entry.attach",
            record=entry,
        )
    if affected_handling:
        transaction.on_commit(lambda: _tell_affected(entry))
    return entry


def _tell_affected(entry: Entry) -> None:
    """An entry that affected a case's handling goes up at once (A7.1): the keeper, who
    reports it within the court's hours, and the court's leaders are told."""
    hours = settings_for(entry.court_id).immediate_hours
    due = timezone.localtime(entry.immediate_due(hours))
    notify(
        recipients=_accounts(entry.court_id, permissions.KEEPERS | permissions.LEADERS),
        kind="interference.entry.affected",
        title=localized(
            gettext_lazy("Interference entry %(number)s affected a case: report it upward by %(due)s"),
            number=entry.number,
            due=due.strftime("%Y-%m-%d %H:%M"),
        ),
        url=entry_url(entry),
        dedupe_key=f"interference.entry.affected:{entry.pk}",
        court=entry.court,
    )


@transaction.atomic
def amend_entry(*, actor: Actor, entry: Entry, amendment_reason: str, **fields: Any) -> Entry:
    """Correct an entry (A7.1): a new entry that points at the original, which stays as
    it was; the recorder only, and always of the original."""
    if not permissions.can_amend(actor, entry):
        raise PermissionDenied
    if not amendment_reason.strip():
        raise _refuse("amendment_reason", _("Say what the amendment corrects."), "required")
    return record_entry(
        actor=actor, judge=entry.judge, amends=entry, amendment_reason=amendment_reason, **fields
    )


def open_entry(*, actor: Actor, entry: Entry) -> Entry:
    """Show an entry to a reader, logging the look (A7.1, A18)."""
    if not permissions.can_read_entry(actor, entry):
        raise PermissionDenied
    audit.record_access(actor=actor, action="interference.entry.open", obj=entry)
    return entry


def list_entries(*, actor: Actor, entries: Sequence[Entry]) -> None:
    """Log a list of entries shown to the user: one access line per court, naming the
    entries' numbers (A7.1: every read is logged)."""
    by_court: dict[int, list[str]] = {}
    for entry in entries:
        by_court.setdefault(entry.court_id, []).append(entry.number)
    for court_id, numbers in sorted(by_court.items()):
        audit.record_event(
            actor=actor, action="interference.entries.listed", court_id=court_id, entries=numbers
        )


@transaction.atomic
def refer_entry(*, actor: Actor, entry: Entry, note: str = "") -> Referral:
    """Refer an entry to the rights-protection committee (A7.1 "reaches the committee"):
    the court's committee office reads it from now on and may open a matter from it."""
    account = signed_in(actor)
    if not permissions.can_refer(account, entry):
        raise PermissionDenied
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if Referral.objects.filter(entry=entry).exists():
        raise ValidationError(_("This entry was already referred to the committee."), code="duplicate")
    referral = Referral(entry=entry, referred_by=account, note=note.strip())
    create_versioned(referral, actor=actor, action="interference.entry.refer", fields=["entry", "note"])
    transaction.on_commit(lambda: _tell_committee(entry))
    return referral


def _tell_committee(entry: Entry) -> None:
    notify(
        recipients=_accounts(entry.court_id, {Role.COMMITTEE_OFFICE}),
        kind="interference.entry.referred",
        title=localized(
            gettext_lazy("Interference entry %(number)s was referred to the committee"), number=entry.number
        ),
        url=entry_url(entry),
        dedupe_key=f"interference.entry.referred:{entry.pk}",
        court=entry.court,
    )


@transaction.atomic
def report_immediately(*, actor: Actor, entry: Entry, note: str) -> ImmediateReport:
    """The keeper reported an entry that affected a case's handling to the political-
    legal committee and the higher court (A7.1), saying how."""
    account = signed_in(actor)
    if not permissions.can_report_immediately(account, entry):
        raise PermissionDenied
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if ImmediateReport.objects.filter(entry=entry).exists():
        raise ValidationError(_("This entry was already reported upward."), code="duplicate")
    if not note.strip():
        raise _refuse("note", _("Say how and to whom it was reported."), "required")
    report = ImmediateReport(entry=entry, reported_by=account, note=note.strip())
    return create_versioned(report, actor=actor, action="interference.entry.report", fields=["entry", "note"])


def open_matter(*, actor: Actor, entry: Entry) -> Matter:
    """The committee opens a matter from a referred entry in one step, linked both ways
    (matters.sources; A7.1, A5): ex officio, its 30-day clock running."""
    if not permissions.can_open_matter(actor, entry):
        raise PermissionDenied
    facts = str(
        _("Interference entry %(number)s: %(who)s (%(method)s) about case %(case)s.")
        % {
            "number": entry.number,
            "who": entry.person_name,
            "method": entry.get_method_display(),
            "case": entry.case_number,
        }
    )
    return matter_services.open_matter_from(
        actor=actor, source=entry, subject=Subject.INTERFERENCE, facts=facts, applicant=entry.judge
    )
