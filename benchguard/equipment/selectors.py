"""Scoped reads of the equipment area, with the joins each page shows (house style 5)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import pgettext, pgettext_lazy

from benchguard.core.choices import AuditKind
from benchguard.core.models import AuditEntry
from benchguard.equipment import holds, permissions
from benchguard.equipment.choices import Integrity
from benchguard.equipment.models import (
    Device,
    DeviceFault,
    DeviceIssue,
    Recording,
    RecordingCheck,
    RecordingLink,
)
from benchguard.organization.models import Court, Person


def devices_for(user: Any, *, kind: str = "", state: str = "", search: str = "") -> QuerySet[Device]:
    """The devices of the courts whose register the user reads, each with its open issue."""
    rows = Device.objects.visible_to(user).select_related("court")
    if kind:
        rows = rows.filter(kind=kind)
    if state:
        rows = rows.filter(state=state)
    if search:
        rows = rows.filter(Q(serial__icontains=search) | Q(model_name__icontains=search))
    return rows.prefetch_related(
        Prefetch(
            "issues",
            queryset=DeviceIssue.objects.open().select_related("holder", "holder__department"),
            to_attr="open_issues",
        )
    )


def get_device_for(user: Any, pk: int) -> Device:
    return get_object_or_404(Device.objects.visible_to(user).select_related("court"), pk=pk)


def device_history(device: Device) -> QuerySet[DeviceIssue]:
    return device.issues.select_related("holder", "issued_by", "returned_to").order_by("-issued_at", "-id")


def device_faults(device: Device) -> QuerySet[DeviceFault]:
    return device.faults.select_related("reported_by").order_by("-reported_at", "-id")


def get_issue_for(user: Any, pk: int) -> DeviceIssue:
    return get_object_or_404(
        DeviceIssue.objects.visible_to(user).select_related("device", "device__court", "holder"), pk=pk
    )


def get_fault_for(user: Any, pk: int) -> DeviceFault:
    return get_object_or_404(
        DeviceFault.objects.filter(device__in=Device.objects.visible_to(user)).select_related("device"), pk=pk
    )


def overdue_issues_for(user: Any) -> QuerySet[DeviceIssue]:
    """Devices not returned by their day, in the courts the user keeps or reads."""
    return (
        DeviceIssue.objects.overdue()
        .filter(device__court_id__in=permissions.device_reader_court_ids(user))
        .select_related("device", "holder", "holder__department")
        .order_by("due_back_on", "id")
    )


def holdings_of(person: Person) -> QuerySet[DeviceIssue]:
    """What a person holds now (A10.1), for their own page and the keeper's."""
    return (
        DeviceIssue.objects.open().filter(holder=person).select_related("device").order_by("issued_at", "id")
    )


def my_holdings(user: Any) -> QuerySet[DeviceIssue]:
    return (
        DeviceIssue.objects.filter(holder__account=user)
        .select_related("device")
        .order_by("returned_at", "-issued_at", "id")
        if user.is_authenticated
        else DeviceIssue.objects.none()
    )


def issue_people_for(device: Device) -> QuerySet[Person]:
    return (
        Person.objects.filter(court_id=device.court_id, is_active=True)
        .select_related("department")
        .order_by("name_pinyin", "id")
    )


def keeper_courts_for(user: Any) -> QuerySet[Court]:
    return Court.objects.filter(pk__in=permissions.keeper_court_ids(user)).order_by("pk")


# --- Recordings ---------------------------------------------------------------------


def recordings_for(
    user: Any, *, kind: str = "", integrity: str = "", search: str = "", latest_only: bool = False
) -> QuerySet[Recording]:
    """The recordings the user sees, newest upload first, with what the list shows."""
    # Whether a later version exists is the row's own flag: a join or subquery on
    # `previous` (NULL in almost every row) made SQLite scan the table once per row.
    rows = Recording.objects.visible_to(user).select_related("person", "device", "uploaded_by")
    if kind:
        rows = rows.filter(kind=kind)
    if integrity:
        rows = rows.filter(integrity=integrity)
    if search:
        rows = rows.filter(Q(title__icontains=search) | Q(sha256__istartswith=search.lower()))
    if latest_only:
        rows = rows.filter(superseded=False)
    return rows


def get_recording_for(user: Any, pk: int) -> Recording:
    return get_object_or_404(
        Recording.objects.visible_to(user).select_related(
            "court", "person", "device", "uploaded_by", "previous"
        ),
        pk=pk,
    )


def versions_of(recording: Recording) -> list[Recording]:
    """Every version of the recording's file, first to last (a short chain)."""
    first = recording
    while first.previous_id is not None:
        first = Recording.objects.only("pk", "previous_id").get(pk=first.previous_id)
    chain = [Recording.objects.select_related("uploaded_by").get(pk=first.pk)]
    while True:
        following = Recording.objects.select_related("uploaded_by").filter(previous=chain[-1]).first()
        if following is None:
            return chain
        chain.append(following)


def links_of(recording: Recording) -> QuerySet[RecordingLink]:
    return recording.links.select_related("incident", "sanction", "matter", "target_type", "linked_by")


def links_for(user: Any, recording: Recording) -> list[RecordingLink]:
    """The recording's links as `user` may see them: a record of another area (an
    interference entry) is named only to those who read it (`shown_target`, else None: the page
    says "a record of a restricted register"), so the recording's readers learn nothing of
    a register closed to them."""
    links = list(links_of(recording))
    for link in links:
        link.shown_target = None  # type: ignore[attr-defined]
        if link.target_type_id is None:
            continue
        model = ContentType.objects.get_for_id(link.target_type_id).model_class()
        rows = getattr(model, "_default_manager", None) if model is not None else None
        if rows is not None and hasattr(rows, "visible_to"):
            link.shown_target = rows.visible_to(user).filter(pk=link.target_id).first()  # type: ignore[attr-defined]
            link.shown_kind = capfirst(model._meta.verbose_name)  # type: ignore[attr-defined, union-attr]
    return links


def checks_of(recording: Recording) -> QuerySet[RecordingCheck]:
    return recording.checks.select_related("checked_by").order_by("checked_at", "id")


# What each line of a recording's chain of custody means, in words (the report is evidence:
# read by a court, not by the one who wrote the code).
CUSTODY_LABELS = {
    "equipment.recording.upload": pgettext_lazy("recording custody", "Uploaded"),
    "equipment.recording.new_version": pgettext_lazy("recording custody", "New version uploaded"),
    "equipment.recording.superseded": pgettext_lazy("recording custody", "Replaced by a newer version"),
    "equipment.recording.play": pgettext_lazy("recording custody", "Viewed (played)"),
    "equipment.recording.download": pgettext_lazy("recording custody", "Downloaded"),
    "equipment.recording.report": pgettext_lazy("recording custody", "Verification report opened"),
    "equipment.recording.check": pgettext_lazy("recording custody", "SHA-256 verified"),
    "equipment.recording.integrity": pgettext_lazy("recording custody", "SHA-256 verified, result changed"),
    "equipment.recording.link": pgettext_lazy("recording custody", "Kept with a record"),
    "equipment.recording.purge": pgettext_lazy("recording custody", "File deleted at the end of retention"),
}
_CHECKS = frozenset({"equipment.recording.check", "equipment.recording.integrity"})
# A line written by an action not named above still reads as what kind of line it is.
_CUSTODY_BY_KIND: dict[str, Any] = {
    AuditKind.ACCESS: pgettext_lazy("recording custody", "Opened"),
    AuditKind.CHANGE: pgettext_lazy("recording custody", "Changed"),
    AuditKind.EVENT: pgettext_lazy("recording custody", "Recorded"),
}


def custody_label(entry: AuditEntry) -> str:
    """What a line of the chain of custody means, in the reader's language."""
    label = str(
        CUSTODY_LABELS.get(entry.action) or _CUSTODY_BY_KIND.get(entry.kind, _CUSTODY_BY_KIND["event"])
    )
    data = entry.data if isinstance(entry.data, dict) else {}
    result = data.get("result") or (data.get("after") or {}).get("integrity")
    if entry.action in _CHECKS and result in Integrity.values:
        label = pgettext("recording custody", "%(action)s: %(result)s") % {
            "action": label,
            "result": Integrity(result).label,
        }
    return label


def custody_lines(recording: Recording) -> list[tuple[AuditEntry, str]]:
    """The chain of custody for the report: each audit line with its meaning in words."""
    return [(entry, custody_label(entry)) for entry in custody_of(recording)]


def custody_of(recording: Recording) -> QuerySet[AuditEntry]:
    """The recording's chain of custody from the audit trail: its upload, every change
    (integrity found, deletion), every link and check, and every logged read."""
    return AuditEntry.objects.filter(
        object_type=Recording._meta.label_lower, object_id=str(recording.pk)
    ).order_by("id")


def accesses_of(recording: Recording) -> QuerySet[AuditEntry]:
    return custody_of(recording).filter(kind=AuditKind.ACCESS)


def is_held(recording: Recording) -> bool:
    return holds.is_held(recording.pk)


def tampered_for(user: Any) -> QuerySet[Recording]:
    """Recordings the last check found tampered or missing, in the courts the user keeps."""
    return (
        Recording.objects.filter(court_id__in=permissions.keeper_court_ids(user))
        .filter(integrity__in=("tampered", "missing"))
        .select_related("person")
        .order_by("-last_checked_at", "-id")
    )


def uploadable_people(user: Any, court_id: int) -> QuerySet[Person]:
    """Whose duty the user may upload: anyone in the court for its judicial police, else themself."""
    rows = Person.objects.filter(court_id=court_id, is_active=True)
    if not permissions.can_keep(user, court_id):
        rows = rows.filter(account=user)
    return rows.order_by("name_pinyin", "id")


def court_devices(court_id: int) -> QuerySet[Device]:
    return Device.objects.filter(court_id=court_id).order_by("kind", "serial", "id")
