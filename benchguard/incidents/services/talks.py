"""Warning talks (A13.3) with persons of concern, and their signed records."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from benchguard.core import audit
from benchguard.core.types import Actor
from benchguard.core.uploads import check_upload
from benchguard.incidents import permissions
from benchguard.incidents.models import Incident, WarningTalk
from benchguard.incidents.services.files import create_with_court_file
from benchguard.organization.models import Court
from benchguard.organization.types import account_of
from benchguard.persons_of_concern import permissions as poc_permissions
from benchguard.persons_of_concern.models import PersonOfConcern


@transaction.atomic
def record_warning_talk(
    *,
    actor: Actor,
    court: Court,
    person: PersonOfConcern,
    held_at: dt.datetime,
    conducted_by: str,
    content: str,
    record: UploadedFile,
    incident: Incident | None = None,
) -> WarningTalk:
    if not permissions.can_record_talk(actor, court.pk):
        raise PermissionDenied
    if not poc_permissions.can_read(actor):
        raise PermissionDenied
    if incident is not None and incident.court_id != court.pk:
        raise ValidationError({"incident": _("The incident belongs to another court.")})
    if held_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"held_at": _("A talk cannot be recorded before it is held.")})
    checked = check_upload(record, field="record")
    talk = WarningTalk(
        court=court,
        person=person,
        incident=incident,
        held_at=held_at,
        conducted_by=conducted_by.strip(),
        content=content.strip(),
        record_name=checked.name,
        record_sha256=checked.sha256,
        recorded_by=account_of(actor),
    )
    return create_with_court_file(
        talk,
        talk.record,
        record,
        checked,
        actor=actor,
        action="incidents.talk.record",
        fields=["court", "person", "incident", "held_at", "conducted_by", "content", "record_sha256"],
    )


def open_talk_record(*, actor: Actor, talk: WarningTalk) -> WarningTalk:
    """The signed record of a warning talk (it is about a person of concern, A13.3), for
    those who read the court's talks; logged before the file is sent."""
    if not permissions.can_read_talks(actor, talk.court_id):
        raise PermissionDenied
    audit.record_access(actor=actor, action="incidents.talk.download", obj=talk)
    return talk
