"""Every change to persons of concern, the controlled list and department logs (A15)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from benchguard.core import audit
from benchguard.core.documents import DocumentType, validate_document
from benchguard.core.exports import Column, workbook
from benchguard.core.identity import birth_date_of
from benchguard.core.services import create_versioned, lock, require_status, save_versioned, update_versioned
from benchguard.core.types import Actor
from benchguard.organization.models import Court, Department
from benchguard.organization.types import account_of, signed_in
from benchguard.persons_of_concern import matching, names, permissions, selectors
from benchguard.persons_of_concern.choices import EntryStatus, ListLevel, NameKind, ObjectionDecision
from benchguard.persons_of_concern.matching import (
    document_index,
    document_indexes,
    normalize_phone,
    phone_index,
    phone_indexes,
)
from benchguard.persons_of_concern.models import (
    ControlledListEntry,
    DepartmentLog,
    EntryCitation,
    EntryCorrection,
    EntryObjection,
    IdentityDocument,
    NameKey,
    PersonName,
    PersonOfConcern,
    PhoneNumber,
)

PERSON_FIELDS = ["name", "sex", "birth_date", "description", "court"]
ENTRY_FIELDS = ["person", "court", "legal_basis", "level", "review_date", "expires_on"]
CORRECTABLE_FIELDS = ("legal_basis", "level", "review_date", "expires_on")
APPROVAL_FIELDS = ("approved_by", "approved_at")
REMOVAL_FIELDS = ("removed_at", "removed_by", "removal_reason")
_LEVEL_ORDER: list[str] = [ListLevel.ATTENTION, ListLevel.KEY, ListLevel.STRICT]
R = TypeVar("R")
CHECK_MIN_SCORE = 60  # as matching.is_controlled: a weaker name match is not an answer


def _actor_court(actor: Actor) -> Court:
    from benchguard.core.access import court_ids_with

    ids = court_ids_with(actor, permissions.READER_ROLES)
    court = Court.objects.filter(pk__in=ids).order_by("sort_order", "pk").first()
    if court is None:
        raise PermissionDenied
    return court


def birth_date_disagreement(birth_date: dt.date | None, kind: str, number: str) -> str | None:
    """The message when a resident ID number (whose digits 7–14 are the holder's birth
    date) and the birth date recorded for the person disagree, else None. A number that
    is not a valid resident ID is left to validate_document."""
    if kind != DocumentType.RESIDENT_ID or birth_date is None:
        return None
    try:
        born = birth_date_of(validate_document(kind, number))
    except (ValidationError, ValueError):
        return None
    if born == birth_date:
        return None
    return _(
        "The birth date (%(date)s) does not agree with the resident ID number, which gives %(id_date)s."
    ) % {"date": birth_date.isoformat(), "id_date": born.isoformat()}


def _resident_id_birth_date(documents: Iterable[tuple[str, str]]) -> dt.date | None:
    for kind, number in documents:
        if kind == DocumentType.RESIDENT_ID:
            try:
                return birth_date_of(validate_document(kind, number))
            except (ValidationError, ValueError):
                return None
    return None


def _write_keys(row: PersonName) -> None:
    NameKey.objects.filter(name=row).delete()
    NameKey.objects.bulk_create(
        [NameKey(person_id=row.person_id, name=row, key=key) for key in names.keys_for(row.name)]
    )


@transaction.atomic
def add_name(*, actor: Actor, person: PersonOfConcern, name: str, kind: str) -> PersonName:
    """An alias or former name (A15), with its search keys."""
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter the name.")})
    if PersonName.objects.filter(person=person, name=name).exists():
        raise ValidationError({"name": _("This person already has that name.")})
    row = create_versioned(
        PersonName(person=person, kind=kind, name=name, simplified=names.simplify(name)),
        actor=actor,
        action="persons_of_concern.name.create",
        fields=["person", "kind", "name"],
    )
    _write_keys(row)
    return row


@transaction.atomic
def add_document(*, actor: Actor, person: PersonOfConcern, kind: str, number: str) -> IdentityDocument:
    """An identity document; the number is validated for its type, encrypted and indexed."""
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    try:
        normalised = validate_document(kind, number)
    except ValidationError as exc:
        raise ValidationError({"number": exc.messages}) from None
    disagreement = birth_date_disagreement(person.birth_date, kind, normalised)
    if disagreement:
        raise ValidationError({"number": disagreement})
    index = document_index(kind, normalised)
    if IdentityDocument.objects.filter(
        kind=kind, number_index__in=document_indexes([kind], normalised)
    ).exists():
        raise ValidationError({"number": _("This document is already recorded for a person of concern.")})
    return create_versioned(
        IdentityDocument(person=person, kind=kind, number=normalised, number_index=index),
        actor=actor,
        action="persons_of_concern.document.create",
        fields=["person", "kind", "number"],
        redact=["number"],
    )


@transaction.atomic
def add_phone(*, actor: Actor, person: PersonOfConcern, number: str) -> PhoneNumber:
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    digits = normalize_phone(number)
    if not 7 <= len(digits) <= 15:
        raise ValidationError({"phone": _("A phone number has 7 to 15 digits.")})
    index = phone_index(digits)
    if PhoneNumber.objects.filter(person=person, number_index__in=phone_indexes(digits)).exists():
        raise ValidationError({"phone": _("This phone number is already recorded for the person.")})
    return create_versioned(
        PhoneNumber(person=person, number=digits, number_index=index),
        actor=actor,
        action="persons_of_concern.phone.create",
        fields=["person", "number"],
        redact=["number"],
    )


@transaction.atomic
def create_person(
    *,
    actor: Actor,
    name: str,
    sex: str = "",
    birth_date: dt.date | None = None,
    description: str = "",
    photo: Any = None,
    aliases: Iterable[str] = (),
    documents: Iterable[tuple[str, str]] = (),
    phones: Iterable[str] = (),
) -> PersonOfConcern:
    """Record a person of concern (A15) with their names, documents and phones. A
    resident ID number and the birth date must agree; without a birth date, the
    number's is recorded."""
    if not permissions.can_read(actor):
        raise PermissionDenied
    documents = list(documents)
    for kind, number in documents:
        disagreement = birth_date_disagreement(birth_date, kind, number)
        if disagreement:
            raise ValidationError({"birth_date": disagreement})
    birth_date = birth_date or _resident_id_birth_date(documents)
    person = PersonOfConcern(
        name=name.strip(),
        sex=sex,
        birth_date=birth_date,
        description=description,
        court=_actor_court(actor),
        created_by=account_of(actor),
    )
    if photo:
        person.photo = photo
    create_versioned(person, actor=actor, action="persons_of_concern.person.create", fields=PERSON_FIELDS)
    add_name(actor=actor, person=person, name=person.name, kind=NameKind.PRIMARY)
    for alias in aliases:
        if alias.strip():
            add_name(actor=actor, person=person, name=alias, kind=NameKind.ALIAS)
    for kind, number in documents:
        add_document(actor=actor, person=person, kind=kind, number=number)
    for phone in phones:
        add_phone(actor=actor, person=person, number=phone)
    return person


@transaction.atomic
def update_person(
    *, actor: Actor, person: PersonOfConcern, expected_version: int, changes: dict[str, Any]
) -> PersonOfConcern:
    """Edit the person's details; a new name keeps the old one as a former name."""
    if not permissions.can_edit_person(actor, person):
        raise PermissionDenied
    # A model form has already put the new values on `person`: read the stored name.
    old_name = PersonOfConcern.objects.values_list("name", flat=True).get(pk=person.pk)
    saved = update_versioned(
        PersonOfConcern,
        person.pk,
        actor=actor,
        action="persons_of_concern.person.update",
        expected_version=expected_version,
        changes=changes,
    )
    if "birth_date" in changes:
        for document in IdentityDocument.objects.filter(person=saved, kind=DocumentType.RESIDENT_ID):
            disagreement = birth_date_disagreement(saved.birth_date, document.kind, document.number)
            if disagreement:
                raise ValidationError({"birth_date": disagreement})
    if saved.name != old_name:
        _set_name_kind(actor, PersonName.objects.get(person=saved, kind=NameKind.PRIMARY), NameKind.FORMER)
        existing = PersonName.objects.filter(person=saved, name=saved.name).first()
        if existing is None:
            add_name(actor=actor, person=saved, name=saved.name, kind=NameKind.PRIMARY)
        else:
            _set_name_kind(actor, existing, NameKind.PRIMARY)
    return saved


def _set_name_kind(actor: Actor, name: PersonName, kind: str) -> None:
    """A renamed person's old primary name becomes a former one, a former one primary."""
    update_versioned(
        PersonName,
        name.pk,
        actor=actor,
        action="persons_of_concern.name.update",
        expected_version=name.version,
        changes={"kind": kind},
    )


def max_term_days() -> int:
    """The longest an entry may run from its approval: a setting of the city's courts
    (POC_LIST_MAX_TERM_DAYS, default 365), not a figure of the law."""
    return int(settings.POC_LIST_MAX_TERM_DAYS)


def _latest_expiry(start: dt.date) -> dt.date:
    return start + dt.timedelta(days=max_term_days())


def _term_error(start: dt.date) -> ValidationError:
    return ValidationError(
        {
            "expires_on": _(
                "A list entry runs at most %(days)d days from its approval: choose an expiry on or "
                "before %(date)s."
            )
            % {"days": max_term_days(), "date": _latest_expiry(start).isoformat()}
        }
    )


def _incident_outcome(incident: Any) -> str:
    """The outcome the register holds for an incident cited without one (callers that
    pass bare incidents): how it ended, or where it was referred, or that it is open."""
    if incident.closing_note:
        return str(incident.closing_note)
    if incident.criminal_referral_to:
        return _("Referred to %(to)s on %(date)s.") % {
            "to": incident.criminal_referral_to,
            "date": incident.criminal_referral_on.isoformat() if incident.criminal_referral_on else "",
        }
    return _("Not concluded yet (%(status)s).") % {"status": incident.get_status_display()}


def _check_citations(person: PersonOfConcern, citations: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """Each cited incident names the person, each cited log line is about the person,
    each has an outcome, and there is at least one."""
    if not citations:
        raise ValidationError(
            {"citations": _("Cite at least one incident or department log line, with its outcome.")}
        )
    checked: list[tuple[Any, str]] = []
    seen: set[tuple[str, int]] = set()
    for source, outcome in citations:
        outcome = (outcome or "").strip()
        if not outcome:
            raise ValidationError({"citations": _("Give the outcome of each incident or log line you cite.")})
        if isinstance(source, DepartmentLog):
            if source.person_id != person.pk:
                raise ValidationError({"citations": _("Only log lines about this person can be cited.")})
            key = ("log", source.pk)
        else:
            if not source.perpetrators.filter(pk=person.pk).exists():
                raise ValidationError({"incidents": _("Only incidents linked to this person can be named.")})
            key = ("incident", source.pk)
        if key not in seen:
            seen.add(key)
            checked.append((source, outcome))
    return checked


def _cite(actor: Actor, entry: ControlledListEntry, citations: list[tuple[Any, str]]) -> None:
    for source, outcome in citations:
        is_log = isinstance(source, DepartmentLog)
        create_versioned(
            EntryCitation(
                entry=entry,
                log=source if is_log else None,
                incident=None if is_log else source,
                outcome=outcome,
            ),
            actor=actor,
            action="persons_of_concern.entry.cite",
            fields=["entry", "incident", "log", "outcome"],
        )


@transaction.atomic
def propose_entry(
    *,
    actor: Actor,
    person: PersonOfConcern,
    legal_basis: str,
    level: str,
    review_date: dt.date,
    expires_on: dt.date,
    citations: Iterable[tuple[Any, str]] = (),
    incidents: Iterable[Any] = (),
    today: dt.date | None = None,
) -> ControlledListEntry:
    """Propose the person for the controlled list (A15); it matches once approved.

    `citations` are what the entry rests on: (incident or department log line, outcome)
    pairs, at least one; an incident must name the person, a log line be about them.
    `incidents` cites incidents with the outcome the register holds (for callers that
    have no outcome text of their own).

    The expiry is at most POC_LIST_MAX_TERM_DAYS after today (approval checks it again).
    `today` lets an entry decided on paper earlier be recorded with its real dates."""
    if not permissions.can_propose(actor, person):
        raise PermissionDenied
    cited = _check_citations(
        person, [*citations, *((incident, _incident_outcome(incident)) for incident in incidents)]
    )
    today = today or timezone.localdate()
    if expires_on and expires_on <= today:
        raise ValidationError({"expires_on": _("The expiry date must be in the future.")})
    if expires_on and expires_on > _latest_expiry(today):
        raise _term_error(today)
    if review_date and review_date < today:
        raise ValidationError({"review_date": _("The review date cannot be in the past.")})
    entry = create_versioned(
        ControlledListEntry(
            person=person,
            court=_actor_court(actor),
            legal_basis=legal_basis,
            level=level,
            proposed_by=account_of(actor),
            review_date=review_date,
            expires_on=expires_on,
        ),
        actor=actor,
        action="persons_of_concern.entry.propose",
        fields=ENTRY_FIELDS,
    )
    _cite(actor, entry, cited)
    return entry


@transaction.atomic
def approve_entry(*, actor: Actor, entry: ControlledListEntry) -> ControlledListEntry:
    """Approval by the committee office or a court leader of the proposing court, other
    than the proposer; the expiry must lie within the maximum term from today."""
    if not permissions.can_approve_entry(actor, entry):
        raise PermissionDenied
    entry = lock(entry, entry.version)
    require_status(
        entry,
        EntryStatus.PROPOSED,
        message=_("Only a proposed entry can be approved; this one is %(status)s."),
    )
    today = timezone.localdate()
    if entry.expires_on > _latest_expiry(today):
        raise ValidationError(
            _(
                "The entry expires on %(expires)s, more than %(days)d days from today: correct its "
                "expiry (on or before %(date)s) before approving it."
            )
            % {
                "expires": entry.expires_on.isoformat(),
                "days": max_term_days(),
                "date": _latest_expiry(today).isoformat(),
            },
            code="term",
        )
    before = audit.snapshot(entry, APPROVAL_FIELDS)
    entry.approved_by, entry.approved_at = signed_in(actor), timezone.now()
    return save_versioned(
        entry, actor=actor, action="persons_of_concern.entry.approve", fields=APPROVAL_FIELDS, before=before
    )


@transaction.atomic
def remove_entry(*, actor: Actor, entry: ControlledListEntry, reason: str) -> ControlledListEntry:
    """Take an entry off the list (the proposing court's office or leaders); it stays in
    history with the reason."""
    if not permissions.can_remove_entry(actor, entry):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for removing the entry.")})
    entry = lock(entry, entry.version)
    require_status(
        entry,
        EntryStatus.PROPOSED,
        EntryStatus.ACTIVE,
        EntryStatus.EXPIRED,
        message=_("The entry has already been removed."),
    )
    before = audit.snapshot(entry, REMOVAL_FIELDS)
    entry.removed_at = timezone.now()
    entry.removed_by = signed_in(actor)
    entry.removal_reason = reason.strip()
    return save_versioned(
        entry, actor=actor, action="persons_of_concern.entry.remove", fields=REMOVAL_FIELDS, before=before
    )


def _shown(entry: ControlledListEntry, name: str) -> str:
    """A fact as stored in a correction: dates as ISO, choices by value (the page shows
    the label in the reader's language)."""
    value = getattr(entry, name)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@transaction.atomic
def correct_entry(
    *,
    actor: Actor,
    entry: ControlledListEntry,
    expected_version: int,
    changes: dict[str, Any],
    reason: str,
) -> ControlledListEntry:
    """Correct an entry's facts (legal basis, level, review date, expiry) with a reason
    (A15). The old values stay: in the entry's correction history (EntryCorrection) and
    in the audit log's before/after."""
    if not permissions.can_correct_entry(actor, entry):
        raise PermissionDenied
    # The stored row decides, not `entry`: a model form has already put the new values
    # on it, and a new expiry would make an expired entry look active.
    stored = lock(entry)
    require_status(
        stored,
        EntryStatus.PROPOSED,
        EntryStatus.ACTIVE,
        EntryStatus.EXPIRED,
        message=_("A removed entry is history; it cannot be corrected."),
    )
    require_status(
        stored,
        EntryStatus.PROPOSED,
        EntryStatus.ACTIVE,
        message=_("An expired entry is history; to list the person again, propose a new entry."),
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the entry is corrected.")})
    changes = {k: v for k, v in changes.items() if k in CORRECTABLE_FIELDS}
    today = timezone.localdate()
    stricter = _LEVEL_ORDER.index(changes.get("level", stored.level)) > _LEVEL_ORDER.index(stored.level)
    longer = changes.get("expires_on", stored.expires_on) > stored.expires_on
    if (stricter or longer) and stored.proposed_by_id == getattr(actor, "pk", None):
        # Four eyes, as for the approval: the proposer alone neither lengthens nor
        # tightens what someone else approved.
        raise ValidationError(
            _("A later expiry or a stricter level needs someone other than the entry's proposer."),
            code="four_eyes",
        )
    start = timezone.localtime(stored.approved_at).date() if stored.approved_at else today
    expires_on = changes.get("expires_on", stored.expires_on)
    if "expires_on" in changes and expires_on != stored.expires_on:
        if expires_on <= today:
            raise ValidationError(
                {"expires_on": _("The expiry date must be in the future; to end the entry, remove it.")}
            )
        if expires_on > _latest_expiry(start):
            raise _term_error(start)
    review_date = changes.get("review_date", stored.review_date)
    if review_date != stored.review_date and review_date < today:
        raise ValidationError({"review_date": _("The review date cannot be in the past.")})
    before = {name: _shown(stored, name) for name in changes}
    saved = update_versioned(
        ControlledListEntry,
        entry.pk,
        actor=actor,
        action="persons_of_concern.entry.correct",
        expected_version=expected_version,
        changes=changes,
    )
    changed = {
        name: [before[name], _shown(saved, name)] for name in changes if before[name] != _shown(saved, name)
    }
    if not changed:
        raise ValidationError(_("Nothing was changed."), code="unchanged")
    create_versioned(
        EntryCorrection(entry=saved, changes=changed, reason=reason.strip(), corrected_by=account_of(actor)),
        actor=actor,
        action="persons_of_concern.entry.correction",
        fields=["entry", "changes", "reason"],
    )
    return saved


def decision_makers(entry: ControlledListEntry) -> list[Any]:
    """The proposing court's committee office and court leaders (whom the list's
    reminders and objections reach)."""
    from benchguard.organization.selectors import accounts_with_roles

    return list(accounts_with_roles(entry.court_id, *permissions.APPROVER_ROLES).order_by("pk"))


@transaction.atomic
def record_objection(
    *,
    actor: Actor,
    entry: ControlledListEntry,
    received_on: dt.date,
    raised_by: str,
    content: str,
) -> EntryObjection:
    """Record an objection by the listed person or their lawyer (A15), as received; the
    proposing court's office and leaders are told. Its content stays out of the audit
    log and the notification."""
    if not permissions.can_record_objection(actor, entry):
        raise PermissionDenied
    errors: dict[str, Any] = {}
    if not content.strip():
        errors["content"] = _("Write down what the objection says.")
    if received_on and received_on > timezone.localdate():
        errors["received_on"] = _("The date received cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    objection = create_versioned(
        EntryObjection(
            entry=entry,
            received_on=received_on,
            raised_by=raised_by,
            content=content.strip(),
            recorded_by=account_of(actor),
        ),
        actor=actor,
        action="persons_of_concern.objection.record",
        fields=["entry", "received_on", "raised_by", "content"],
        redact=["content"],
    )
    from benchguard.notifications.services import notify

    notify(
        recipients=[a for a in decision_makers(entry) if a.pk != getattr(actor, "pk", None)],
        kind="persons_of_concern.objection",
        title=_("An objection to controlled list entry no. %(number)s awaits your decision")
        % {"number": entry.pk},
        url=reverse("persons_of_concern:entry_detail", args=[entry.pk]),
        dedupe_key=f"poc-objection:{objection.pk}",
        court=entry.court,
    )
    return objection


@transaction.atomic
def decide_objection(
    *,
    actor: Actor,
    objection: EntryObjection,
    expected_version: int,
    decision: str,
    reason: str,
) -> EntryObjection:
    """Decide an objection (the proposing court's office or leaders) with a reason.
    Upheld with removal takes the entry off the list with the same reason; upheld with
    correction is followed by a correction of the entry (its own page)."""
    if not permissions.can_decide_objection(actor, objection):
        raise PermissionDenied
    if not objection.is_open:
        raise ValidationError(
            _("This objection has already been decided (%(decision)s).")
            % {"decision": objection.get_decision_display()},
            code="invalid_transition",
        )
    if decision not in ObjectionDecision.values:
        raise ValidationError({"decision": _("Choose the decision.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    saved = update_versioned(
        EntryObjection,
        objection.pk,
        actor=actor,
        action="persons_of_concern.objection.decide",
        expected_version=expected_version,
        changes={
            "decision": decision,
            "decision_reason": reason.strip(),
            "decided_by": actor,
            "decided_at": timezone.now(),
        },
    )
    entry = ControlledListEntry.objects.get(pk=objection.entry_id)
    if decision == ObjectionDecision.UPHELD_REMOVED and entry.removed_at is None:
        remove_entry(
            actor=actor,
            entry=entry,
            reason=_("Objection of %(date)s upheld: %(reason)s")
            % {"date": objection.received_on.isoformat(), "reason": reason.strip()},
        )
    return saved


def send_review_reminders(*, today: dt.date | None = None) -> int:
    """Tell the proposing court's office and leaders when an active entry reaches its
    review date (A15). Safe to run any number of times: each (entry, review date)
    reminds each person once, which the notifications' unique key guarantees; a
    corrected review date is a new occasion. Returns the entries reminded about now."""
    from benchguard.notifications.services import notify

    today = today or timezone.localdate()
    sent = 0
    due = (
        ControlledListEntry.objects.active_on(today)
        .filter(review_date__lte=today)
        .select_related("court")
        .order_by("review_date", "pk")
    )
    for entry in due:
        with transaction.atomic():
            created = notify(
                recipients=decision_makers(entry),
                kind="persons_of_concern.review",
                title=_("Controlled list entry no. %(number)s is due for review (%(date)s)")
                % {"number": entry.pk, "date": entry.review_date.isoformat()},
                body=_("Review the entry: correct its review date or expiry, or remove it from the list."),
                url=reverse("persons_of_concern:entry_detail", args=[entry.pk]),
                dedupe_key=f"poc-entry:{entry.pk}:review:{entry.review_date.isoformat()}",
                court=entry.court,
            )
            if created:
                audit.record_event(
                    actor=None,
                    action="persons_of_concern.entry.review_reminder",
                    obj=entry,
                    review_date=entry.review_date.isoformat(),
                    recipients=len(created),
                )
                sent += 1
    return sent


def open_entry(*, actor: Actor, entry: ControlledListEntry) -> ControlledListEntry:
    """Every view of an entry is in the access log (A15), written before it is shown."""
    audit.record_access(actor=actor, action="persons_of_concern.entry.view", obj=entry)
    return entry


@transaction.atomic
def add_department_log(
    *,
    actor: Actor,
    department: Department,
    event_date: dt.date,
    what_happened: str,
    outcome: str = "",
    person: PersonOfConcern | None = None,
) -> DepartmentLog:
    """A line of a division's log (日志备查, A15), by a log keeper of the department's
    court; only readers of the list link it to a person of concern."""
    if department.court_id not in permissions.log_court_ids(actor):
        raise PermissionDenied
    if person is not None and not permissions.can_read(actor):
        raise PermissionDenied
    return create_versioned(
        DepartmentLog(
            court_id=department.court_id,
            department=department,
            person=person,
            event_date=event_date,
            what_happened=what_happened,
            outcome=outcome,
            recorded_by=account_of(actor),
        ),
        actor=actor,
        action="persons_of_concern.log.create",
        fields=["department", "person", "event_date", "what_happened", "outcome"],
    )


CONTROLLED_LIST_COLUMNS: list[Column[ControlledListEntry]] = [
    Column(gettext_lazy("Name"), lambda entry: entry.person.name),
    Column(gettext_lazy("Level"), lambda entry: str(entry.get_level_display())),
    Column(gettext_lazy("Status"), lambda entry: entry.get_status_display()),
    Column(gettext_lazy("Legal basis"), lambda entry: entry.legal_basis),
    Column(gettext_lazy("Proposed by"), lambda entry: str(entry.proposed_by)),
    Column(gettext_lazy("Approved by"), lambda entry: str(entry.approved_by or "")),
    Column(gettext_lazy("Review date"), lambda entry: entry.review_date),
    Column(gettext_lazy("Expires on"), lambda entry: entry.expires_on),
    Column(gettext_lazy("Reason for removal"), lambda entry: entry.removal_reason),
]
DEPARTMENT_LOG_COLUMNS: list[Column[DepartmentLog]] = [
    Column(gettext_lazy("Event date"), lambda log: log.event_date),
    Column(gettext_lazy("Court"), lambda log: log.court.short_name),
    Column(gettext_lazy("Department"), lambda log: log.department.name),
    Column(gettext_lazy("Person of concern"), lambda log: log.person.name if log.person else ""),
    Column(gettext_lazy("What happened"), lambda log: log.what_happened),
    Column(gettext_lazy("Outcome"), lambda log: log.outcome),
]


def _logged_workbook(
    actor: Actor, action: str, title: str, columns: list[Column[R]], rows: Iterable[R]
) -> bytes:
    """A register's rows as an Excel workbook; the export is in the audit log."""
    rows = list(rows)
    audit.record_event(actor=actor, action=action, obj=None, count=len(rows))
    return workbook(title=title, columns=columns, rows=rows)


def export_controlled_list(*, actor: Actor, entries: Iterable[ControlledListEntry]) -> bytes:
    """The controlled list as an Excel workbook; the export is logged as an access."""
    if not permissions.can_export(actor):
        raise PermissionDenied
    return _logged_workbook(
        actor, "persons_of_concern.entry.export", _("Controlled list"), CONTROLLED_LIST_COLUMNS, entries
    )


def export_department_logs(*, actor: Actor, logs: Iterable[DepartmentLog]) -> bytes:
    """The departments' logs (日志备查) as an Excel workbook; the export is logged."""
    if not permissions.can_export_logs(actor):
        raise PermissionDenied
    return _logged_workbook(
        actor, "persons_of_concern.log.export", _("Department logs"), DEPARTMENT_LOG_COLUMNS, logs
    )


@dataclass
class ListHit:
    """One active entry the matcher found, as a filing clerk or division chief sees it:
    the level and whom to call, never the person's dossier."""

    level: str
    reasons: list[str]
    court: Court
    contacts: list[Any] = field(default_factory=list)  # organization.Person of the office


@dataclass
class ListAnswer:
    listed: bool
    hits: list[ListHit]


def check_against_list(
    *,
    actor: Actor,
    name: str = "",
    document_kind: str | None = None,
    document_number: str = "",
    phone: str = "",
    min_score: int = CHECK_MIN_SCORE,
) -> ListAnswer:
    """The matcher's answer for filing clerks and division chiefs (A15): listed or not,
    the level and whom to call (the committee office of the court that proposed the
    entry). The check is logged by what was searched, never the values."""
    if not permissions.can_check(actor):
        raise PermissionDenied
    audit.record_event(
        actor=actor,
        action="persons_of_concern.list.check",
        obj=None,
        searched=[
            key for key, value in (("name", name), ("document", document_number), ("phone", phone)) if value
        ],
    )
    found = [
        m
        for m in matching.match(
            name=name, document_kind=document_kind, document_number=document_number, phone=phone, limit=20
        )
        if m.controlled and m.score >= min_score
    ]
    if not found:
        return ListAnswer(listed=False, hits=[])
    reasons = {m.person_id: m.reasons for m in found}
    entries = (
        ControlledListEntry.objects.active_on(timezone.localdate())
        .filter(person_id__in=reasons)
        .select_related("court")
        .order_by("person_id", "-created_at", "-pk")
    )
    hits = [
        ListHit(level=str(entry.get_level_display()), reasons=reasons[entry.person_id], court=entry.court)
        for entry in entries
    ]
    contacts = selectors.office_contacts({hit.court.pk for hit in hits})
    for hit in hits:
        hit.contacts = contacts.get(hit.court.pk, [])
    return ListAnswer(listed=True, hits=hits)
