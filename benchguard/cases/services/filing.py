"""Every change to a court's cases (A14): the filing division registers a case with its
parties, edits it and adds parties; each party is screened against the city-wide
controlled list (A15) as it is recorded. Opening what screening found is logged."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from benchguard.cases import permissions
from benchguard.cases.choices import ImportStatus, PartyKind, ScreeningOutcome
from benchguard.cases.models import Case, CaseImport, Party, PartyScreening, RiskFlag, party_document_index
from benchguard.cases.numbers import parse_case_number
from benchguard.cases.services.risk import flag_case
from benchguard.core import audit
from benchguard.core.documents import validate_document
from benchguard.core.services import (
    create_versioned,
    lock,
    require_status,
    save_versioned,
    set_related,
    update_versioned,
)
from benchguard.core.types import Actor
from benchguard.core.uploads import XLSX, check_upload
from benchguard.organization.models import Court, Department, Person
from benchguard.organization.types import account_of
from benchguard.persons_of_concern import matching
from benchguard.persons_of_concern import selectors as list_selectors
from benchguard.persons_of_concern.models import ControlledListEntry, PersonOfConcern

CASE_FIELDS = ["court", "number", "cause", "stage", "division", "judge", "filed_on"]
PARTY_FIELDS = ["case", "kind", "role", "name", "document_kind", "document_number"]
EDITABLE = frozenset({"cause", "division", "judge", "filed_on"})


class PartyData(TypedDict):
    """A party as the filing clerk enters it."""

    kind: str
    role: str
    name: str
    document_kind: NotRequired[str]
    document_number: NotRequired[str]


@transaction.atomic
def file_case(
    *,
    actor: Actor,
    court: Court,
    number: str,
    cause: str,
    filed_on: Any,
    division: Department | None = None,
    judge: Person | None = None,
    panel: Iterable[Person] = (),
    parties: Iterable[PartyData] = (),
    risk_flags: Iterable[RiskFlag] = (),
    risk_reason: str = "",
) -> Case:
    """Register a case of the court with its parties, each screened against the
    controlled list (A14, A15). The number must be the court's own, written in the
    official form, and not yet registered. Flags ticked at filing (A14) are set with
    their reason, and the trial division is alerted (risk.flag_case)."""
    if not permissions.can_file_at(actor, court.pk):
        raise PermissionDenied
    flags = list(risk_flags)
    if flags and not risk_reason.strip():
        raise ValidationError(
            {"risk_reason": ValidationError(_("Say why the case is flagged."), code="required")}
        )
    parsed = parse_number_of(court, number)
    check_filing_year(parsed.year, filed_on)
    members = list(panel)
    _check_people(court, division=division, judge=judge, panel=members)
    case = Case(
        court=court,
        number=str(parsed),
        year=parsed.year,
        type_code=parsed.type_code,
        sequence=parsed.sequence,
        cause=cause.strip(),
        division=division,
        judge=judge,
        filed_on=filed_on,
        registered_by=account_of(actor),
    )
    try:
        with transaction.atomic():
            create_versioned(case, actor=actor, action="cases.case.file", fields=CASE_FIELDS)
    except IntegrityError:  # registered by someone else in the meantime
        raise _already_registered() from None
    except ValidationError as error:
        # The number's unique constraint, checked by the model before the insert.
        clash = getattr(error, "error_dict", {}).get(NON_FIELD_ERRORS, [])
        if any(item.code in ("unique", "unique_together") for item in clash):
            raise _already_registered() from None
        raise
    if members:
        set_related(case, actor=actor, action="cases.case.panel", panel=members)
    for data in parties:
        _add_party(case, actor=actor, **data)
    if flags:
        flag_case(actor=actor, case=case, flags=flags, reason=risk_reason)
        case.refresh_from_db()
    return case


@transaction.atomic
def update_case(*, actor: Actor, case: Case, expected_version: int, changes: Mapping[str, Any]) -> Case:
    """Correct a case's cause, division, judge in charge or filing date (A14)."""
    if not permissions.can_keep(actor, case):
        raise PermissionDenied
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    _check_people(case.court, division=changes.get("division"), judge=changes.get("judge"), panel=[])
    judge = changes.get("judge")
    if judge is not None and case.panel.filter(pk=judge.pk).exists():
        raise ValidationError({"judge": _not_on_the_panel()})
    if "filed_on" in changes:
        check_filing_year(case.year, changes["filed_on"])
    return update_versioned(
        Case,
        case.pk,
        actor=actor,
        action="cases.case.update",
        expected_version=expected_version,
        changes=changes,
    )


@transaction.atomic
def set_panel(*, actor: Actor, case: Case, panel: Iterable[Person]) -> Case:
    """The other members of the panel trying the case (A14)."""
    if not permissions.can_keep(actor, case):
        raise PermissionDenied
    members = list(panel)
    _check_people(case.court, division=None, judge=None, panel=members)
    if case.judge_id in {member.pk for member in members}:
        raise ValidationError({"panel": _not_on_the_panel()})
    set_related(case, actor=actor, action="cases.case.panel", panel=members)
    return case


@transaction.atomic
def add_party(*, actor: Actor, case: Case, **party: Unpack[PartyData]) -> Party:
    """Add a party to a registered case; it is screened at once (A14, A15)."""
    if not permissions.can_keep(actor, case):
        raise PermissionDenied
    return _add_party(case, actor=actor, **party)


def parse_number_of(court: Court, number: str) -> Any:
    """The case number's parts when it is one of `court`'s, else ValidationError on the
    number."""
    try:
        parsed = parse_case_number(number, today=timezone.localdate())
    except ValidationError as error:
        raise ValidationError({"number": error.error_list}) from None
    if parsed.court_code != court.case_code:
        raise ValidationError(
            {
                "number": ValidationError(
                    _("“%(code)s” is not the code of %(court)s (%(own)s)."),
                    code="court",
                    params={"code": parsed.court_code, "court": court.short_name, "own": court.case_code},
                )
            }
        )
    return parsed


def _not_on_the_panel() -> ValidationError:
    return ValidationError(
        _("The judge in charge is not one of the other members of the panel."), code="judge"
    )


def check_filing_year(year: int, filed_on: Any) -> None:
    """A case is numbered in the year it is filed (SPC Provisions on Case Numbers: the
    year is the year of filing): a filing date of another year is refused."""
    if filed_on is not None and filed_on.year != year:
        raise ValidationError(
            {
                "filed_on": ValidationError(
                    _("A case numbered in %(year)s is filed in that year: check the date or the number."),
                    code="year",
                    params={"year": year},
                )
            }
        )


def _already_registered() -> ValidationError:
    return ValidationError(
        {"number": ValidationError(_("This case number is already registered."), code="duplicate")}
    )


def _check_people(
    court: Court, *, division: Department | None, judge: Person | None, panel: list[Person]
) -> None:
    errors: dict[str, ValidationError] = {}
    if division is not None and division.court_id != court.pk:
        errors["division"] = ValidationError(_("Choose a division of this court."), code="court")
    if judge is not None and (judge.court_id != court.pk or not judge.is_active):
        errors["judge"] = ValidationError(_("Choose a judge in post at this court."), code="court")
    if any(member.court_id != court.pk or not member.is_active for member in panel):
        errors["panel"] = ValidationError(_("Choose members in post at this court."), code="court")
    elif judge is not None and judge in panel:
        errors["panel"] = _not_on_the_panel()
    if errors:
        raise ValidationError(errors)


def _checked_document(kind: str, document_kind: str, document_number: str) -> str:
    """The normalised document number of a natural person ("" when none is given)."""
    if not (document_kind or document_number):
        return ""
    if kind != PartyKind.PERSON:
        raise ValidationError(
            {"document_number": _("Only a natural person's identity document is recorded.")}
        )
    if not document_kind:
        raise ValidationError({"document_kind": _("Choose the type of the document.")})
    try:
        return validate_document(document_kind, document_number)
    except ValidationError as error:
        raise ValidationError({"document_number": error.error_list}) from None


def _screen_party(party: Party, *, actor: Actor, now: Any) -> None:
    """Screen a person party as recorded now; each run's findings are kept apart
    (`screened_at`), the page shows the latest."""
    if party.kind != PartyKind.PERSON:
        return
    found = _screen(party.kind, party.name, party.document_kind, party.document_number)
    for person_id, outcome in found:
        PartyScreening.objects.create(party=party, person_id=person_id, outcome=outcome, screened_at=now)
    # That it was screened, never what was found: the audit trail has other readers.
    audit.record_event(actor=actor, action="cases.party.screened", obj=party)


def _add_party(case: Case, *, actor: Actor, **data: Unpack[PartyData]) -> Party:
    kind, role, name = data["kind"], data["role"], data["name"]
    document_kind = data.get("document_kind", "")
    number = _checked_document(kind, document_kind, data.get("document_number", ""))
    now = timezone.now()
    party = Party(
        case=case,
        kind=kind,
        role=role,
        name=name.strip(),
        document_kind=document_kind if number else "",
        document_number=number,
        document_index=party_document_index(document_kind, number) if number else "",
        screened_at=now if kind == PartyKind.PERSON else None,
    )
    create_versioned(
        party, actor=actor, action="cases.party.add", fields=PARTY_FIELDS, redact=["document_number"]
    )
    _screen_party(party, actor=actor, now=now)
    return party


@transaction.atomic
def correct_party(*, actor: Actor, party: Party, expected_version: int, **data: Unpack[PartyData]) -> Party:
    """Correct a party as the case file has it (standing, name, kind, document); a person
    whose name or document changed is screened again, and the page shows that run."""
    current = lock(party, expected_version, related=["case"])
    if not permissions.can_keep(actor, current.case):
        raise PermissionDenied
    if current.removed_at is not None:
        raise ValidationError(_("This party was removed from the case."), code="removed")
    kind, document_kind = data["kind"], data.get("document_kind", "")
    number = _checked_document(kind, document_kind, data.get("document_number", ""))
    before = audit.snapshot(current, PARTY_FIELDS, redact=["document_number"])
    rescreen = (
        kind != current.kind or data["name"].strip() != current.name or number != current.document_number
    )
    current.kind, current.role, current.name = kind, data["role"], data["name"].strip()
    current.document_kind = document_kind if number else ""
    current.document_number = number
    current.document_index = party_document_index(document_kind, number) if number else ""
    now = timezone.now()
    if rescreen:
        current.screened_at = now if kind == PartyKind.PERSON else None
    save_versioned(
        current,
        actor=actor,
        action="cases.party.correct",
        fields=[*PARTY_FIELDS, "document_index", "screened_at"],
        before=before,
        audit_fields=PARTY_FIELDS,
        redact=["document_number"],
    )
    if rescreen:
        _screen_party(current, actor=actor, now=now)
    return current


@transaction.atomic
def remove_party(*, actor: Actor, party: Party, reason: str) -> Party:
    """Take a party recorded by mistake off the case, with why: kept on record, no
    longer shown, screened or recognised at the gate."""
    current = lock(party, related=["case"])
    if not permissions.can_keep(actor, current.case):
        raise PermissionDenied
    if current.removed_at is not None:
        raise ValidationError(_("This party was removed from the case."), code="removed")
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(_("Say why."), code="required")})
    before = audit.snapshot(current, ["removed_at", "removed_reason"])
    current.removed_at, current.removed_reason = timezone.now(), reason.strip()[:200]
    return save_versioned(
        current,
        actor=actor,
        action="cases.party.remove",
        fields=["removed_at", "removed_reason"],
        before=before,
        validate=False,
    )


def _screen(kind: str, name: str, document_kind: str, number: str) -> list[tuple[int, str]]:
    """The listed persons a person party may be (persons_of_concern.matching, the gate's
    screening): "listed" when the party's document is the listed person's, "possibly
    listed" when only the name points there and nothing tells the two apart. A namesake
    whose resident ID differs is told apart and kept out."""
    if kind != PartyKind.PERSON:
        return []
    found = matching.screen(name=name, document_kind=document_kind or None, document_number=number)
    return [
        (
            candidate.person_id,
            ScreeningOutcome.LISTED if candidate.evidence.document else ScreeningOutcome.POSSIBLE,
        )
        for candidate in found
        if candidate.outcome != matching.PASS
    ]


@dataclass
class ScreeningAnswer:
    """What the list answers about one party: listed or possibly listed, the level and
    whom to call at the proposing court; the person only for the list's readers."""

    party: Party
    outcome: str
    outcome_label: str
    level: str
    court: Court | None
    contacts: list[Person] = field(default_factory=list)
    person: PersonOfConcern | None = None


def open_screenings(*, actor: Actor, case: Case) -> list[ScreeningAnswer]:
    """What screening found of the case's parties, for those the controlled list answers
    (A15); the look is logged when there is anything to see."""
    if not permissions.can_see_screening(actor):
        raise PermissionDenied
    rows = list(
        PartyScreening.objects.visible_to(actor)
        .filter(party__case=case, party__removed_at__isnull=True, screened_at=F("party__screened_at"))
        .select_related("party", "person")
        .order_by("party_id", "outcome", "person_id")
    )
    if not rows:
        return []
    today = timezone.localdate()
    entries = {
        entry.person_id: entry
        for entry in ControlledListEntry.objects.active_on(today)
        .filter(person_id__in={row.person_id for row in rows})
        .select_related("court")
        .order_by("person_id", "created_at", "pk")
    }
    contacts = list_selectors.office_contacts({entry.court_id for entry in entries.values()})
    names_person = permissions.can_see_who_was_found(actor)
    answers = []
    for row in rows:
        entry = entries.get(row.person_id)
        answers.append(
            ScreeningAnswer(
                party=row.party,
                outcome=row.outcome,
                outcome_label=str(row.get_outcome_display()),
                level=str(entry.get_level_display()) if entry else "",
                court=entry.court if entry else None,
                contacts=contacts.get(entry.court_id, []) if entry else [],
                person=row.person if names_person else None,
            )
        )
    audit.record_access(actor=actor, action="cases.screening.open", obj=case)
    return answers


def open_key_persons(*, actor: Actor, cases: Any, limit: int = 100) -> list[PartyScreening]:
    """The key persons of the key cases (A16): their parties the controlled list names
    (by document), for the list's readers; the look is logged when anyone is shown."""
    if not permissions.can_see_who_was_found(actor):
        return []
    rows = list(
        PartyScreening.objects.visible_to(actor)
        .filter(
            party__case__in=cases,
            outcome=ScreeningOutcome.LISTED,
            party__removed_at__isnull=True,
            screened_at=F("party__screened_at"),
        )
        .select_related("party__case__court", "person")
        .order_by("party__case_id", "party_id", "person_id")[:limit]
    )
    if rows:
        audit.record_event(actor=actor, action="cases.key_persons.open", count=len(rows))
    return rows


# Imports of cases from a sheet (A14) ------------------------------------------------


def _sheet_of(case_import: CaseImport) -> Any:
    from benchguard.cases import imports  # reads with this module's checks: imported late

    return imports.sheet_of(case_import)


IMPORT_FIELDS = ["court", "file_name", "sha256", "status", "total"]
ALREADY_STARTED = _("This import was already confirmed: it is “%(status)s”.")


@transaction.atomic
def upload_import(*, actor: Actor, court: Court, upload: UploadedFile) -> CaseImport:
    """Keep a sheet of cases for its preview (A14): an Excel workbook by its content,
    whatever its name, within the upload limit, encrypted at rest. Nothing of the cases is
    saved; the preview reads the sheet and lists its errors."""
    if not permissions.can_file_at(actor, court.pk):
        raise PermissionDenied
    try:
        checked = check_upload(upload, allowed={XLSX: ".xlsx"})
    except ValidationError as error:
        if any(item.code == "type" for item in error.error_dict.get("file", [])):
            raise ValidationError(
                {"file": ValidationError(_("Only an Excel workbook (.xlsx) can be imported."), code="type")}
            ) from None
        raise
    upload.seek(0)
    content = b"".join(upload.chunks())
    case_import = CaseImport(
        court=court,
        uploaded_by=account_of(actor),
        file_name=checked.name,
        sha256=checked.sha256,
        content=base64.b64encode(content).decode(),
    )
    sheet = _sheet_of(case_import)
    case_import.total = len(sheet.cases)
    if not sheet.valid:  # kept to show its errors; it can never be confirmed
        case_import.status = ImportStatus.INVALID
    return create_versioned(case_import, actor=actor, action="cases.import.upload", fields=IMPORT_FIELDS)


@transaction.atomic
def confirm_import(*, actor: Actor, case_import: CaseImport) -> CaseImport:
    """Start filing a previewed sheet: once (a second confirmation is refused by the
    import's status, never run again), and only while the sheet is still valid. The task
    is queued when this transaction commits."""
    if not permissions.can_file_at(actor, case_import.court_id):
        raise PermissionDenied
    current = lock(case_import, related=["court"])
    require_status(current, ImportStatus.PENDING, message=ALREADY_STARTED)
    sheet = _sheet_of(current)
    if not sheet.valid:
        raise ValidationError(_("The sheet has errors: correct them and upload it again."), code="invalid")
    before = audit.snapshot(current, ["status", "total"])
    current.status, current.total = ImportStatus.RUNNING, len(sheet.cases)
    save_versioned(
        current, actor=actor, action="cases.import.confirm", fields=["status", "total"], before=before
    )

    def enqueue() -> None:
        from benchguard.cases.tasks import run_case_import

        run_case_import.enqueue(current.pk)

    transaction.on_commit(enqueue, robust=True)
    return current


def run_import(import_id: int) -> int:
    """File every case of a confirmed sheet through `file_case` (its parties screened)
    in ONE transaction: all the cases or none (A14). Returns how many were filed.

    Progress is shown by the import's status, not by a count that grows: inside the one
    transaction nothing written is visible to the page until it commits, and counting in
    a second connection would report cases that a later failure then rolls back. The page
    shows "importing N cases" while it runs, then the outcome; `done` is set with the rest.
    A sheet that turned invalid meanwhile (a number registered by hand, a judge retired)
    or a clerk who lost the role fails the import with the reason, nothing saved."""
    try:
        with transaction.atomic():
            case_import = lock(CaseImport(pk=import_id), related=["court", "uploaded_by"])
            if case_import.status != ImportStatus.RUNNING:
                return 0  # run once: a repeated task finds it done or failed
            actor = case_import.uploaded_by
            sheet = _sheet_of(case_import)
            if not sheet.valid:
                raise ValidationError(
                    sheet.summary() or _("The sheet has errors: correct them and upload it again.")
                )
            for case in sheet.cases:
                file_case(
                    actor=actor,
                    court=case_import.court,
                    number=case.number,
                    cause=case.cause,
                    filed_on=case.filed_on,
                    division=case.division,
                    judge=case.judge,
                    parties=[party.data for party in case.parties],
                )
            _finish(case_import, ImportStatus.DONE, actor=actor, done=len(sheet.cases))
            audit.record_event(
                actor=actor,
                action="cases.import.run",
                obj=case_import,
                cases=len(sheet.cases),
                parties=sheet.party_count,
            )
            return len(sheet.cases)
    except (ValidationError, PermissionDenied) as error:
        reason = (
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else _("You may not do this; nothing was saved.")
        )
        _fail(import_id, str(reason))
        return 0
    except Exception:
        _fail(import_id, str(_("The import stopped on an unexpected error; nothing was saved.")))
        raise


def _finish(
    case_import: CaseImport, status: str, *, actor: Actor = None, done: int = 0, error: str = ""
) -> None:
    before = audit.snapshot(case_import, ["status", "done"])
    case_import.status, case_import.done, case_import.error = status, done, error
    case_import.content = ""  # the parties' numbers are not kept once the sheet is used
    case_import.finished_at = timezone.now()
    save_versioned(
        case_import,
        actor=actor,
        action=f"cases.import.{status}",
        fields=["status", "done", "error", "content", "finished_at"],
        before=before,
        audit_fields=["status", "done"],
    )


STALLED_AFTER = dt.timedelta(hours=2)
STALLED = _("The import stopped before it finished; nothing was saved. Upload the sheet again.")


def sweep_stalled_imports(*, now: dt.datetime | None = None) -> int:
    """Fail the imports still running long after they were confirmed (STALLED_AFTER): a
    worker stopped mid-run (killed, restarted) and its one transaction was rolled back,
    so nothing was saved; the clerk is told to upload the sheet again. An import a live
    worker is filing holds its row locked and is skipped (PostgreSQL; SQLite waits for
    the writer). Run hourly (cases/tasks.py)."""
    now = now or timezone.now()
    stalled = CaseImport.objects.filter(status=ImportStatus.RUNNING, updated_at__lte=now - STALLED_AFTER)
    done = 0
    for pk in list(stalled.values_list("pk", flat=True)[:100]):
        with transaction.atomic():
            case_import = (
                CaseImport.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=ImportStatus.RUNNING)
                .first()
            )
            if case_import is None:
                continue  # being filed right now, or finished meanwhile
            _finish(
                case_import,
                ImportStatus.FAILED,
                error=str(
                    _("The import stopped before it finished; nothing was saved. Upload the sheet again.")
                ),
            )
            done += 1
    return done


def _in_court_language(text: Any) -> str:
    """A message a job stores for the page (no request: the courts' language, Chinese)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def _fail(import_id: int, reason: str) -> None:
    with transaction.atomic():
        case_import = lock(CaseImport(pk=import_id))
        if case_import.status == ImportStatus.RUNNING:
            _finish(case_import, ImportStatus.FAILED, error=reason)
