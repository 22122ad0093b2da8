"""Sections on a record's page served by an area above the record's own (issue 13).

A lower area's page (a committee matter, an incident) must not import the areas above
it (docs/architecture.md, "Layers"), yet some of them add to its page — the pursuit of
liability recorded by the reputation area (A5, A17) hangs off matters and incidents. The
upper area registers a section for the record's model once, in its `apps.ready()`:

    sections.register(sections.Section("liability", "matters.matter", "reputation:liability_section"))

and the record's page asks for its sections with `{% record_sections matter %}`
(core/templatetags/sections.py): each becomes a slot that htmx fills on load from the
section's URL (which takes the record's pk). The section's view decides what the reader
sees, and answers 404 when the record is not theirs, as the record's page does."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse


@dataclass(frozen=True)
class Section:
    key: str
    model_label: str  # app_label.model_name, lower case (Model._meta.label_lower)
    url_name: str  # takes the record's pk as its one argument
    order: int = 100


_REGISTRY: dict[tuple[str, str], Section] = {}


def register(section: Section) -> None:
    _REGISTRY[(section.model_label, section.key)] = section


def sections_for(record: Model) -> list[dict[str, str]]:
    """The slots of the record's page: each section's key and the URL that fills it."""
    label = record._meta.label_lower
    return [
        {"key": section.key, "url": reverse(section.url_name, args=[record.pk])}
        for section in sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))
        if section.model_label == label
    ]
