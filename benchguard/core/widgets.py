"""Select boxes written in Python (issue 11).

Django renders a select box through a template per option: with a court's 400 people
in a picker that is about 14 ms, and a matter's page has several pickers. `Select` and
`SelectMultiple` write the same HTML — the attributes Django gives the box, one
`<option>` per choice, `selected` on the first matching choice (on every matching one
for a multiple select), option groups — in about a tenth of the time.
`core.forms.StyledFormMixin` gives every plain select of every form this rendering;
the widgets' behaviour (their values, validation, `format_value`) is Django's own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


class _WrittenOptions:
    allow_multiple_selected: bool
    choices: Any

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget: Any = self
        final = widget.build_attrs(widget.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = {str(v) for v in widget.format_value(value)}
        state = {"selected": False}
        parts: list[str] = [format_html('<select name="{}"{}>', name, flatatt(final))]
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                parts.append(format_html('\n  <optgroup label="{}">', option_value))
                parts.extend(self._option(v, label, chosen, state) for v, label in option_label)
                parts.append("\n  </optgroup>")
            else:
                parts.append(self._option(option_value, option_label, chosen, state))
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308  (every value and label escaped above)

    def _option(self, value: Any, label: Any, chosen: set[str], state: dict[str, bool]) -> str:
        text = "" if value is None else str(value)
        selected = text in chosen and (self.allow_multiple_selected or not state["selected"])
        if selected:
            state["selected"] = True
        return (
            f'\n  <option value="{conditional_escape(text)}"{" selected" if selected else ""}>'
            f"{conditional_escape(label)}</option>"
        )


class Select(_WrittenOptions, forms.Select):
    pass


class SelectMultiple(_WrittenOptions, forms.SelectMultiple):
    pass


# The plain Django widgets this module writes faster (exact classes: subclasses such as
# NullBooleanSelect or RadioSelect render their own way and are left alone).
WRITTEN = {forms.Select: Select, forms.SelectMultiple: SelectMultiple}
