"""The legal hold on recordings (A10.2): a recording kept with a record that is still
open — an open incident, a courtroom sanction awaiting approval or reconsideration (or
whose incident is open), a committee matter not yet closed — outlives its retention
period; the purge (services.purge_expired_recordings) skips it.

Hook for other areas: a record of another app is linked by content type
(`RecordingLink.target_type`/`target_id`, through `services.link_recording(target=…)`;
the record's manager must have `visible_to`, and the user must see the record), and
whoever knows says which of its records are open, in an `AppConfig.ready()`::

    from benchguard.equipment.holds import register_hold
    register_hold("app.Model", lambda ids: set(Model.objects.filter(pk__in=ids, closed_at=None)
                                               .values_list("pk", flat=True)))

The interference register (A7.1) is the first such record (`link_recording(entry=…)`):
its entries are permanent, so this area's own `ready()` registers every entry as open.

A link to a record of a kind nobody registered keeps the recording on hold: evidence is
never deleted because a check is missing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps
from django.db.models import Q

from benchguard.equipment.models import RecordingLink
from benchguard.incidents.choices import IncidentStatus, ReconsiderationOutcome, SanctionStatus
from benchguard.matters.choices import MatterStatus

OpenIds = Callable[[list[int]], set[int]]
_OPEN: dict[str, OpenIds] = {}

# A matter is open until it is closed or was not accepted.
MATTER_DONE = (MatterStatus.CLOSED, MatterStatus.DECLINED)


def register_hold(model_label: str, open_ids: OpenIds) -> None:
    """Say which records of `model_label` ("app_label.Model") are open: `open_ids(ids)`
    returns those of `ids` that are (their recordings stay on hold)."""
    _OPEN[model_label.lower()] = open_ids


def unregister_hold(model_label: str) -> None:
    _OPEN.pop(model_label.lower(), None)


def open_link_q() -> Q:
    """Links to an open incident, sanction or matter (generic links are checked apart)."""
    return (
        Q(incident__status=IncidentStatus.OPEN)
        | Q(sanction__status=SanctionStatus.PENDING)
        | Q(sanction__incident__status=IncidentStatus.OPEN)
        | Q(sanction__reconsideration__outcome=ReconsiderationOutcome.PENDING)
        | (Q(matter__isnull=False) & ~Q(matter__status__in=MATTER_DONE))
    )


def held_ids(recording_ids: Iterable[int]) -> set[int]:
    """Those of the recordings that are on legal hold now."""
    ids = list(recording_ids)
    if not ids:
        return set()
    links = RecordingLink.objects.filter(recording_id__in=ids)
    held = set(links.filter(open_link_q()).values_list("recording_id", flat=True))
    by_type: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for recording_id, type_id, target_id in links.filter(target_type__isnull=False).values_list(
        "recording_id", "target_type_id", "target_id"
    ):
        if recording_id not in held and target_id is not None:
            by_type[type_id].append((recording_id, target_id))
    if by_type:
        from django.contrib.contenttypes.models import ContentType

        for type_id, pairs in by_type.items():
            model = ContentType.objects.get_for_id(type_id).model_class()
            label = model._meta.label_lower if model is not None else ""
            check = _OPEN.get(label)
            if check is None or (model is not None and not apps.is_installed(model._meta.app_config.name)):
                held.update(recording_id for recording_id, _ in pairs)  # unknown kind: keep it
                continue
            still_open = check([target_id for _, target_id in pairs])
            held.update(recording_id for recording_id, target_id in pairs if target_id in still_open)
    return held


def is_held(recording_id: int) -> bool:
    return recording_id in held_ids([recording_id])
