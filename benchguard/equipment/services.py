"""Every change to the court's recording devices and recordings (A10.1, A10.2).

Devices are added by the judicial police (the equipment keeper), issued to one person at
a time and taken back (in good order, damaged or lost); a fault is reported and its
repair recorded. Recordings are uploaded (streamed to storage, their SHA-256 taken on
the way), never replaced (a corrected file is a new version, a new row), re-checked
against their hash on a schedule and on demand, read only through `open_recording`
(a logged read), kept with incidents, sanctions or matters, and deleted after their
retention unless a linked record is still open (holds.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benchguard.core import audit
from benchguard.core.services import create_versioned, lock, save_versioned, update_versioned
from benchguard.core.types import Actor
from benchguard.core.uploads import RECORDING_TYPES, check_upload, stored
from benchguard.equipment import holds, permissions
from benchguard.equipment.choices import DeviceState, FaultStatus, Integrity, RecordingKind, ReturnCondition
from benchguard.equipment.models import (
    Device,
    DeviceFault,
    DeviceIssue,
    Recording,
    RecordingCheck,
    RecordingLink,
)
from benchguard.incidents.models import Incident, Sanction
from benchguard.interference.models import Entry
from benchguard.matters.models import Matter
from benchguard.notifications.services import localized, notify
from benchguard.organization.models import Court, Person
from benchguard.organization.selectors import accounts_with_roles
from benchguard.organization.types import account_of, signed_in

DEVICE_FIELDS = ["court", "kind", "serial", "model_name", "note", "state"]
ISSUE_FIELDS = ["device", "holder", "purpose", "issued_at", "due_back_on"]
RETURN_FIELDS = ["returned_at", "returned_to", "return_condition", "return_note"]
FAULT_FIELDS = ["device", "description", "reported_at", "status"]
RECORDING_FIELDS = [
    "court", "kind", "title", "recorded_at", "person", "device", "original_name", "size",
    "content_type", "sha256", "uploaded_at", "previous", "version_number", "retain_until",
]  # fmt: skip
HASH_CHUNK = 1024 * 1024


# --- Devices (A10.1) -------------------------------------------------------------------


@transaction.atomic
def add_device(
    *, actor: Actor, court: Court, kind: str, serial: str, model_name: str = "", note: str = ""
) -> Device:
    """Add a device to the court's equipment (A10.1); its serial is unique in the court."""
    if not permissions.can_keep(actor, court.pk):
        raise PermissionDenied
    serial = serial.strip()
    if Device.objects.filter(court=court, serial__iexact=serial).exists():
        raise ValidationError(
            {
                "serial": ValidationError(
                    _("The court already has a device with this serial number."), code="serial"
                )
            }
        )
    device = Device(court=court, kind=kind, serial=serial, model_name=model_name.strip(), note=note)
    return create_versioned(device, actor=actor, action="equipment.device.add", fields=DEVICE_FIELDS)


@transaction.atomic
def update_device(
    *, actor: Actor, device: Device, expected_version: int, changes: Mapping[str, Any]
) -> Device:
    """Correct a device's kind, serial, make and model or note (A10.1)."""
    if not permissions.can_keep_device(actor, device):
        raise PermissionDenied
    serial = str(changes.get("serial", device.serial)).strip()
    if Device.objects.filter(court_id=device.court_id, serial__iexact=serial).exclude(pk=device.pk).exists():
        raise ValidationError(
            {
                "serial": ValidationError(
                    _("The court already has a device with this serial number."), code="serial"
                )
            }
        )
    allowed = {
        name: value for name, value in changes.items() if name in ("kind", "serial", "model_name", "note")
    }
    return update_versioned(
        Device,
        device.pk,
        actor=actor,
        action="equipment.device.update",
        expected_version=expected_version,
        changes=allowed,
    )


def _set_state(device: Device, state: str, *, actor: Actor, action: str) -> Device:
    before = audit.snapshot(device, ["state"])
    device.state = state
    return save_versioned(device, actor=actor, action=action, fields=["state"], before=before)


@transaction.atomic
def issue_device(
    *,
    actor: Actor,
    device: Device,
    holder: Person,
    due_back_on: dt.date | None = None,
    purpose: str = "",
    issued_at: dt.datetime | None = None,
    expected_version: int | None = None,
) -> DeviceIssue:
    """Issue a device in the store to a person of the court (A10.1): who holds it from
    now (or from `issued_at`, an issue made earlier and written down on paper), and by
    when it is to come back (empty: until further notice)."""
    if not permissions.can_keep_device(actor, device):
        raise PermissionDenied
    device = lock(device, expected_version)
    if device.state != DeviceState.IN_STORE:
        raise ValidationError(
            _("This device cannot be issued while it is “%(state)s”.")
            % {"state": device.get_state_display()},
            code="not_in_store",
        )
    if holder.court_id != device.court_id or not holder.is_active:
        raise ValidationError(
            {"holder": ValidationError(_("Choose a person in post at the device's court."), code="holder")}
        )
    now = timezone.now()
    if issued_at is not None and issued_at > now:
        raise ValidationError(
            {"issued_at": ValidationError(_("The time of issue cannot be in the future."), code="future")}
        )
    issued_at = issued_at or now
    if issued_at < now - dt.timedelta(days=365):
        raise ValidationError(
            {"issued_at": ValidationError(_("An issue can be recorded up to a year late."), code="too_early")}
        )
    if due_back_on is not None and due_back_on < timezone.localdate(issued_at):
        raise ValidationError(
            {
                "due_back_on": ValidationError(
                    _("The day to return it by cannot be before the issue."), code="past"
                )
            }
        )
    issue = DeviceIssue(
        device=device,
        holder=holder,
        purpose=purpose.strip(),
        issued_at=issued_at,
        issued_by=signed_in(actor),
        due_back_on=due_back_on,
    )
    issue = create_versioned(issue, actor=actor, action="equipment.device.issue", fields=ISSUE_FIELDS)
    _set_state(device, DeviceState.ISSUED, actor=actor, action="equipment.device.state")
    return issue


@transaction.atomic
def return_device(
    *,
    actor: Actor,
    issue: DeviceIssue,
    condition: str,
    note: str = "",
    expected_version: int | None = None,
) -> DeviceIssue:
    """Take a device back (A10.1): when, by whom, in what state. A damaged device goes
    for repair (a fault is recorded with the note); a lost one is retired."""
    if not permissions.can_take_back(actor, issue):
        raise PermissionDenied
    issue = lock(issue, expected_version, related=["device"])
    if issue.returned_at is not None:
        raise ValidationError(_("This device has already been returned."), code="returned")
    if condition not in ReturnCondition.values:
        raise ValidationError(
            {"condition": ValidationError(_("Choose the state it came back in."), code="condition")}
        )
    if condition != ReturnCondition.GOOD and not note.strip():
        raise ValidationError(
            {"note": ValidationError(_("Say what is damaged or how it was lost."), code="note_required")}
        )
    before = audit.snapshot(issue, RETURN_FIELDS)
    issue.returned_at = timezone.now()
    issue.returned_to = signed_in(actor)
    issue.return_condition = condition
    issue.return_note = note.strip()
    save_versioned(issue, actor=actor, action="equipment.device.return", fields=RETURN_FIELDS, before=before)
    device = lock(issue.device)
    if condition == ReturnCondition.GOOD:
        _set_state(device, DeviceState.IN_STORE, actor=actor, action="equipment.device.state")
    elif condition == ReturnCondition.DAMAGED:
        _open_fault(device, description=note.strip(), actor=actor)
        _set_state(device, DeviceState.IN_REPAIR, actor=actor, action="equipment.device.state")
    else:
        _set_state(device, DeviceState.RETIRED, actor=actor, action="equipment.device.state")
    return issue


def _open_fault(device: Device, *, description: str, actor: Actor) -> DeviceFault:
    fault = DeviceFault(device=device, description=description, reported_by=signed_in(actor))
    return create_versioned(fault, actor=actor, action="equipment.fault.report", fields=FAULT_FIELDS)


@transaction.atomic
def report_fault(*, actor: Actor, device: Device, description: str) -> DeviceFault:
    """Record a fault of a device (A10.1), by the keeper or by the person holding it. A
    device in the store goes for repair; one issued stays with its holder until returned."""
    device = lock(device)
    holds_it = DeviceIssue.objects.open().filter(device=device, holder__account=account_of(actor)).exists()
    if not (permissions.can_keep_device(actor, device) or (holds_it and account_of(actor) is not None)):
        raise PermissionDenied
    if not description.strip():
        raise ValidationError({"description": ValidationError(_("Say what is wrong."), code="required")})
    if device.state == DeviceState.RETIRED:
        raise ValidationError(_("This device has been retired."), code="retired")
    fault = _open_fault(device, description=description.strip(), actor=actor)
    if device.state == DeviceState.IN_STORE:
        _set_state(device, DeviceState.IN_REPAIR, actor=actor, action="equipment.device.state")
    return fault


@transaction.atomic
def record_repair(
    *, actor: Actor, fault: DeviceFault, status: str, note: str = "", expected_version: int | None = None
) -> DeviceFault:
    """Record where a fault's repair stands (A10.1): sent for repair, repaired (the
    device goes back to the store when no other fault is open), or beyond repair (the
    device is retired)."""
    if not permissions.can_keep(actor, fault.device.court_id):
        raise PermissionDenied
    fault = lock(fault, expected_version, related=["device"])
    if fault.status in (FaultStatus.REPAIRED, FaultStatus.WRITTEN_OFF):
        raise ValidationError(
            _("This fault is already closed (“%(status)s”).") % {"status": fault.get_status_display()},
            code="closed",
        )
    if status not in (FaultStatus.IN_REPAIR, FaultStatus.REPAIRED, FaultStatus.WRITTEN_OFF):
        raise ValidationError(
            {"status": ValidationError(_("Choose where the repair stands."), code="status")}
        )
    before = audit.snapshot(fault, ["status", "repair_note", "closed_at"])
    fault.status = status
    fault.repair_note = "\n".join(part for part in (fault.repair_note, note.strip()) if part)
    if status != FaultStatus.IN_REPAIR:
        fault.closed_at = timezone.now()
    save_versioned(
        fault,
        actor=actor,
        action="equipment.fault.repair",
        fields=["status", "repair_note", "closed_at"],
        before=before,
    )
    device = lock(fault.device)
    if status == FaultStatus.WRITTEN_OFF:
        _set_state(device, DeviceState.RETIRED, actor=actor, action="equipment.device.state")
    elif status == FaultStatus.REPAIRED and device.state == DeviceState.IN_REPAIR:
        still_open = device.faults.exclude(pk=fault.pk).exclude(
            status__in=(FaultStatus.REPAIRED, FaultStatus.WRITTEN_OFF)
        )
        if not still_open.exists():
            _set_state(device, DeviceState.IN_STORE, actor=actor, action="equipment.device.state")
    return fault


# --- Recordings (A10.2) ----------------------------------------------------------------


def retention_days(kind: str) -> int:
    table: Mapping[str, int] = settings.RECORDING_RETENTION_DAYS
    return int(table.get(kind, table.get(RecordingKind.OTHER, 365)))


def _check_recording_facts(
    *, actor: Actor, court: Court, person: Person, device: Device | None, recorded_at: dt.datetime
) -> None:
    if not permissions.can_upload(actor, court.pk):
        raise PermissionDenied
    if person.court_id != court.pk:
        raise ValidationError({"person": ValidationError(_("Choose a person of this court."), code="person")})
    if not permissions.can_keep(actor, court.pk) and person.account_id != getattr(actor, "pk", None):
        raise ValidationError(
            {
                "person": ValidationError(
                    _("You can upload recordings of your own duty only."), code="own_only"
                )
            }
        )
    if device is not None and device.court_id != court.pk:
        raise ValidationError({"device": ValidationError(_("Choose a device of this court."), code="device")})
    if recorded_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError(
            {
                "recorded_at": ValidationError(
                    _("The time of the recording cannot be in the future."), code="future"
                )
            }
        )
    if recorded_at.date() < dt.date(2000, 1, 1):
        raise ValidationError(
            {"recorded_at": ValidationError(_("Give the time the recording was made."), code="too_early")}
        )


def _store(recording: Recording, upload: UploadedFile, *, actor: Actor, action: str) -> Recording:
    """Type the upload by its content and take its SHA-256 reading it in chunks (never
    whole; Django spooled a large one to a temporary file), then move it to storage under
    a name of its own and insert the row; a refusal leaves neither a row nor a file."""
    checked = check_upload(upload, allowed=RECORDING_TYPES)
    recording.original_name = checked.name
    recording.size = checked.size
    recording.content_type = checked.content_type
    recording.sha256 = checked.sha256
    recording.uploaded_at = timezone.now()
    recording.retain_until = timezone.localdate(recording.recorded_at) + dt.timedelta(
        days=retention_days(recording.kind)
    )
    name = f"{uuid.uuid4().hex}-{checked.sha256[:16]}{checked.extension}"
    with stored(recording.file, name, upload):
        create_versioned(recording, actor=actor, action=action, fields=RECORDING_FIELDS)
    return recording


@transaction.atomic
def upload_recording(
    *,
    actor: Actor,
    court: Court,
    kind: str,
    title: str,
    recorded_at: dt.datetime,
    person: Person,
    upload: UploadedFile,
    device: Device | None = None,
    description: str = "",
) -> Recording:
    """Keep a recording of duty or field enforcement (A10.2): who uploaded it, when, from
    which device, its SHA-256, and until when it is kept (retention of its kind)."""
    _check_recording_facts(actor=actor, court=court, person=person, device=device, recorded_at=recorded_at)
    recording = Recording(
        court=court,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        recorded_at=recorded_at,
        person=person,
        device=device,
        uploaded_by=signed_in(actor),
    )
    return _store(recording, upload, actor=actor, action="equipment.recording.upload")


@transaction.atomic
def add_version(
    *, actor: Actor, recording: Recording, upload: UploadedFile, description: str = ""
) -> Recording:
    """A corrected file for a recording (A10.2): a new row following it, with its own
    hash; the earlier row keeps its file and hash, and the links are carried over. Only
    the latest version takes a new one."""
    if not permissions.can_add_version(actor, recording):
        raise PermissionDenied
    recording = lock(recording, related=["person"])
    if Recording.objects.filter(previous=recording).exists():
        raise ValidationError(
            _("A newer version of this recording exists: add to the latest one."), code="superseded"
        )
    if recording.purged_at is not None:
        raise ValidationError(
            _("This recording's file was deleted after its retention period."), code="purged"
        )
    new = Recording(
        court_id=recording.court_id,
        kind=recording.kind,
        title=recording.title,
        description=description.strip() or recording.description,
        recorded_at=recording.recorded_at,
        person=recording.person,
        device_id=recording.device_id,
        uploaded_by=signed_in(actor),
        previous=recording,
        version_number=recording.version_number + 1,
    )
    try:
        with transaction.atomic():
            _store(new, upload, actor=actor, action="equipment.recording.new_version")
    except IntegrityError as exc:  # another version was added meanwhile (one successor only)
        raise ValidationError(
            _("A newer version of this recording exists: add to the latest one."), code="superseded"
        ) from exc
    before = audit.snapshot(recording, ["superseded"])
    recording.superseded = True
    save_versioned(
        recording, actor=actor, action="equipment.recording.superseded", fields=["superseded"], before=before
    )
    for link in recording.links.all():
        RecordingLink.objects.create(
            recording=new,
            incident_id=link.incident_id,
            sanction_id=link.sanction_id,
            matter_id=link.matter_id,
            target_type_id=link.target_type_id,
            target_id=link.target_id,
            linked_by=signed_in(actor),
        )
    return new


def open_recording(*, actor: Actor, recording: Recording, purpose: str) -> Recording:
    """The one way to the content of a recording (A10.2, A18): the user must see it
    (selectors), and each look — `play`, `download` or `report` (the verification
    report, which shows who looked) — is a logged read. A recording whose file was
    deleted after its retention has nothing to play or download."""
    if not Recording.objects.visible_to(actor).filter(pk=recording.pk).exists():
        raise PermissionDenied
    if purpose not in ("play", "download", "report"):
        raise ValueError(purpose)
    if purpose != "report" and recording.purged_at is not None:
        raise ValidationError(
            _("This recording's file was deleted after its retention period."), code="purged"
        )
    audit.record_access(
        actor=actor, action=f"equipment.recording.{purpose}", obj=recording, sha256=recording.sha256
    )
    return recording


def _hash_stored(recording: Recording) -> str | None:
    """The SHA-256 of the bytes in storage now, read in chunks; None when the file is gone."""
    storage = recording.file.storage
    name = recording.file.name
    if not name or not storage.exists(name):
        return None
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@transaction.atomic
def verify_recording(*, actor: Actor, recording: Recording) -> RecordingCheck:
    """Re-check a recording's stored bytes against the SHA-256 taken at upload (A10.2),
    asked for by someone who sees it, or by the scheduled check (actor None). Bytes that
    changed are reported as tampered, a file that is gone as missing: the recording
    shows it, and the court's judicial police and the uploader are notified."""
    if actor is not None and not Recording.objects.visible_to(actor).filter(pk=recording.pk).exists():
        raise PermissionDenied
    recording = lock(recording)
    if recording.purged_at is not None:
        raise ValidationError(
            _("This recording's file was deleted after its retention period."), code="purged"
        )
    found = _hash_stored(recording)
    if found is None:
        result = Integrity.MISSING
    else:
        result = Integrity.INTACT if found == recording.sha256 else Integrity.TAMPERED
    now = timezone.now()
    check = RecordingCheck.objects.create(
        recording=recording,
        checked_at=now,
        checked_by=account_of(actor),
        result=result,
        sha256_found=found or "",
    )
    if result != recording.integrity:
        before = audit.snapshot(recording, ["integrity"])
        recording.integrity = result
        recording.last_checked_at = now
        save_versioned(
            recording,
            actor=actor,
            action="equipment.recording.integrity",
            fields=["integrity", "last_checked_at"],
            before=before,
            extra={"sha256_found": found or ""},
        )
    else:
        Recording.objects.filter(pk=recording.pk).update(last_checked_at=now)
        recording.last_checked_at = now
        audit.record_event(actor=actor, action="equipment.recording.check", obj=recording, result=result)
    if result != Integrity.INTACT:
        transaction.on_commit(lambda: _warn_of(recording, check))
    return check


def _warn_of(recording: Recording, check: RecordingCheck) -> None:
    recipients = list(accounts_with_roles(recording.court_id, *permissions.KEEPERS))
    uploader = recording.uploaded_by
    if uploader.is_active and uploader not in recipients:
        recipients.append(uploader)
    title = (
        _("A recording was found tampered with")
        if check.result == Integrity.TAMPERED
        else _("A recording's stored file is missing")
    )
    notify(
        recipients=recipients,
        kind="equipment.recording.integrity",
        title=title,
        body=localized("%(title)s (SHA-256 %(sha)s…)", title=recording.title, sha=recording.sha256[:16]),
        url=reverse("equipment:recording_detail", args=[recording.pk]),
        dedupe_key=f"equipment.integrity:{recording.pk}:{check.result}:{check.pk}",
        court=recording.court,
    )


def check_due_recordings(*, now: dt.datetime | None = None) -> int:
    """The scheduled re-check (A10.2): every stored recording not checked for
    RECORDING_CHECK_INTERVAL_DAYS, oldest check first, at most RECORDING_CHECK_BATCH a
    run. Run twice, the second run finds them checked."""
    now = now or timezone.now()
    due = now - dt.timedelta(days=int(settings.RECORDING_CHECK_INTERVAL_DAYS))
    rows = (
        Recording.objects.filter(purged_at__isnull=True)
        .filter(models.Q(last_checked_at__isnull=True) | models.Q(last_checked_at__lt=due))
        .order_by(models.F("last_checked_at").asc(nulls_first=True), "id")
        .only("pk")[: int(settings.RECORDING_CHECK_BATCH)]
    )
    count = 0
    for row in list(rows):
        verify_recording(actor=None, recording=row)
        count += 1
    return count


def purge_expired_recordings(*, today: dt.date | None = None) -> int:
    """Delete the files of recordings past their retention (A10.2), unless on legal hold
    (holds.py); the row stays, with its hash, its checks and its access log, marked
    deleted. Run twice, the second run finds nothing to delete."""
    today = today or timezone.localdate()
    candidates = list(
        Recording.objects.filter(purged_at__isnull=True, retain_until__lt=today).values_list("pk", flat=True)
    )
    held = holds.held_ids(candidates)
    count = 0
    for pk in candidates:
        if pk in held:
            continue
        if _purge(pk):
            count += 1
    return count


@transaction.atomic
def _purge(pk: int) -> bool:
    recording = lock(Recording(pk=pk))
    if recording.purged_at is not None or holds.is_held(pk):
        return False
    name = recording.file.name
    before = audit.snapshot(recording, ["integrity", "purged_at"])
    recording.purged_at = timezone.now()
    recording.integrity = Integrity.PURGED
    save_versioned(
        recording,
        actor=None,
        action="equipment.recording.purge",
        fields=["purged_at", "integrity"],
        before=before,
        extra={"file": name},
    )
    if name:
        storage = recording.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    return True


def _visible(rows: Any, actor: Actor, obj: models.Model, field: str) -> None:
    if not rows.visible_to(actor).filter(pk=obj.pk).exists():
        raise ValidationError({field: ValidationError(_("Choose a record you can see."), code="invisible")})


@transaction.atomic
def link_recording(
    *,
    actor: Actor,
    recording: Recording,
    incident: Incident | None = None,
    sanction: Sanction | None = None,
    matter: Matter | None = None,
    entry: Entry | None = None,
    target: models.Model | None = None,
) -> RecordingLink:
    """Keep a recording with one record (A10.2): an incident, a courtroom sanction, a
    committee matter, an entry of the interference register (A7.1), or a record of another
    area (`target`: holds.py). The user must see both; the record must be of the
    recording's court. While the record is open the recording is on legal hold; an
    interference entry is permanent, and so is the hold on what is kept with it."""
    if not permissions.can_link(actor, recording):
        raise PermissionDenied
    if entry is not None:
        if target is not None:
            raise ValidationError(_("Choose one record to keep the recording with."), code="one_target")
        _visible(Entry.objects, actor, entry, "entry")
        target = entry
    chosen = [obj for obj in (incident, sanction, matter, target) if obj is not None]
    if len(chosen) != 1:
        raise ValidationError(_("Choose one record to keep the recording with."), code="one_target")
    link = RecordingLink(recording=recording, linked_by=signed_in(actor))
    if incident is not None:
        _visible(Incident.objects, actor, incident, "incident")
        court_id, link.incident = incident.court_id, incident
    elif sanction is not None:
        _visible(Incident.objects, actor, sanction.incident, "sanction")
        court_id, link.sanction = sanction.incident.court_id, sanction
    elif matter is not None:
        _visible(Matter.objects, actor, matter, "matter")
        court_id, link.matter = matter.court_id, matter
    else:
        assert target is not None
        rows = type(target)._default_manager
        if not hasattr(rows, "visible_to"):
            raise ValidationError(_("Recordings cannot be kept with this kind of record."), code="kind")
        _visible(rows, actor, target, "entry" if entry is not None else "target")
        court_id = getattr(target, "court_id", recording.court_id)
        link.target_type = ContentType.objects.get_for_model(target)
        link.target_id = target.pk
    if court_id != recording.court_id:
        raise ValidationError(_("The record is of another court than the recording."), code="other_court")
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as exc:
        raise ValidationError(_("The recording is already kept with this record."), code="linked") from exc
    audit.record_event(
        actor=actor, action="equipment.recording.link", obj=recording, record=link.target_label
    )
    return link
