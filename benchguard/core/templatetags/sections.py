"""`{% record_sections record %}`: the slots other areas fill on a record's page
(core/sections.py), each loaded with htmx when the page loads."""

from __future__ import annotations

from django import template
from django.db.models import Model
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from benchguard.core import sections

register = template.Library()


@register.simple_tag
def record_sections(record: Model) -> SafeString:
    return format_html_join(
        "",
        '<div class="mb-4" hx-get="{}" hx-trigger="load" hx-swap="outerHTML" data-testid="section-{}"></div>',
        ((slot["url"], slot["key"]) for slot in sections.sections_for(record)),
    ) or format_html("")
