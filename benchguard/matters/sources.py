"""Registers that open a committee matter in one step, and the link between the two
(A5, A7.1, A17, A18; issue 13 part 7).

A register above this layer (interference, reputation, privacy …) registers its record
model once, in its `apps.ready()`:

    sources.register(Entry, label=_("Interference entry"), url_name="interference:detail")

and opens a matter from a record with `services.open_matter_from(actor=…, source=entry,
subject=…, facts=…, applicant=…)`: an ex officio matter, accepted at once so its
30-day clock runs, linked to the record (`MatterSource`, one per record). The record's
page shows its matter with `opened_matter(record)`; the matter's page shows where it
came from with `source_of(matter, viewer)`: the kind of record, and — only when the
viewer may open the record (its model's `visible_to(viewer)`) — its name (`str`, an
entry's number) and a link; otherwise the kind alone, neither a number nor a link, so
the page tells nothing of a record closed to the reader. A model without `visible_to`
gets the link without a name, and its own page decides (404 when not).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.urls import reverse

if TYPE_CHECKING:
    from benchguard.matters.models import Matter


@dataclass(frozen=True)
class SourceKind:
    model: type[Model]
    label: Any  # a lazy translation
    url_name: str  # takes the record's pk


@dataclass(frozen=True)
class SourceLink:
    label: Any
    url: str  # "" when the viewer may not open the record
    object_id: int
    name: str = ""  # the record's own name, shown only with the link


_KINDS: dict[str, SourceKind] = {}


def _key(model: type[Model]) -> str:
    return model._meta.label_lower


def register(model: type[Model], *, label: Any, url_name: str) -> None:
    _KINDS[_key(model)] = SourceKind(model, label, url_name)


def kind_of(model: type[Model]) -> SourceKind | None:
    return _KINDS.get(_key(model))


def source_of(matter: Matter, viewer: Any = None) -> SourceLink | None:
    """Where the matter was opened from (None: opened otherwise): the kind of record,
    and its name and link when `viewer` may open it."""
    from benchguard.matters.models import MatterSource

    link = MatterSource.objects.filter(matter=matter).select_related("content_type").first()
    if link is None:
        return None
    kind = _KINDS.get(f"{link.content_type.app_label}.{link.content_type.model}")
    if kind is None:  # an area since removed: the link stays, without a page to go to
        return None
    url = reverse(kind.url_name, args=[link.object_id])
    manager: Any = kind.model._default_manager
    if viewer is None or not hasattr(manager, "visible_to"):
        return SourceLink(kind.label, url, link.object_id)  # the record's page decides (404)
    record = manager.visible_to(viewer).filter(pk=link.object_id).first()
    if record is None:
        return SourceLink(kind.label, "", link.object_id)
    return SourceLink(kind.label, url, link.object_id, str(record))


def opened_matter(record: Model) -> Matter | None:
    """The matter opened from this record, if any (the record's page links to it)."""
    from benchguard.matters.models import Matter

    content_type = ContentType.objects.get_for_model(record)
    return (
        Matter.objects.filter(source__content_type=content_type, source__object_id=record.pk)
        .select_related("court")
        .first()
    )
