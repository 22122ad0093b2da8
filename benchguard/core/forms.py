"""Turning a service's refusal into messages next to the fields that caused it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from benchguard.core.services import StaleEditError
from benchguard.core.validators import Bound, apply_bounds
from benchguard.core.widgets import WRITTEN

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

T = TypeVar("T")


def call_service(form: forms.BaseForm, service: Callable[[], T]) -> tuple[T | None, Any]:
    """Run `service`; on ValidationError put its messages on the form and return
    (None, current) where `current` is the stored row after a stale edit (else None).

    The user's input stays in the bound form, so nothing they typed is lost.
    """
    try:
        return service(), None
    except StaleEditError as exc:
        form.add_error(None, exc)
        return None, exc.current
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None, None


def service_arguments(data: Mapping[str, Any], **renamed: str) -> dict[str, Any]:
    """A form's cleaned data as a service's keyword arguments: the `version` the page was
    loaded at is the service's `expected_version`; `renamed` maps other fields to the
    service's names for them."""
    names = {"version": "expected_version", **renamed}
    return {names.get(field, field): value for field, value in data.items()}


def call_with_form(service: Callable[..., T], **given: Any) -> Callable[[Mapping[str, Any]], T]:
    """The `run` of core.views.form_action for a form whose fields are the service's
    arguments: `service(**given, **service_arguments(data))`, `given` being the actor and
    the row the page is about."""
    return lambda data: service(**given, **service_arguments(data))


_WIRE_FORMATS = {"date": "%Y-%m-%d", "datetime-local": "%Y-%m-%dT%H:%M", "time": "%H:%M"}


class StyledFormMixin:
    """Bootstrap classes on every widget, so templates render fields uniformly; the
    bounds the form declares (`bounds = {"field": core.validators.HAPPENED, ...}`) on its
    fields, and ANY_DATE on every other date field (core.validators.apply_bounds); the
    rows the view gives to its choice fields (`given_rows`)."""

    bounds: ClassVar[Mapping[str, Bound]] = {}
    # Choice fields offering the rows the view gives, by keyword argument:
    # `given_rows = {"people": "applicant"}` makes the form take `people=` (a queryset) and
    # offer those rows in its field `applicant`.
    given_rows: ClassVar[Mapping[str, str]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        given = {field: kwargs.pop(keyword) for keyword, field in self.given_rows.items()}
        super().__init__(*args, **kwargs)
        for field, rows in given.items():
            self.fields[field].queryset = rows  # type: ignore[attr-defined]
        apply_bounds(self.fields, self.bounds)  # type: ignore[attr-defined]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            # A browser's date box takes only ISO values: a value in the page language's
            # format (2027/01/01 in Chinese) is dropped, and saving erased the date.
            wire_format = _WIRE_FORMATS.get(widget.attrs.get("type") or getattr(widget, "input_type", ""))
            if wire_format and isinstance(widget, forms.widgets.DateTimeBaseInput):
                widget.format = wire_format
            if type(widget) in WRITTEN:
                # The same widget, its options written in Python (core.widgets): it
                # holds no state of its own, so its class can be swapped in place.
                widget.__class__ = WRITTEN[type(widget)]
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def search_field(help_text: StrOrPromise) -> forms.CharField:
    """A filter form's free-text search (`q`): optional, 100 characters at most, with what
    it searches as its help text."""
    return forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100, help_text=help_text)


def filter_choice(
    label: StrOrPromise, blank: StrOrPromise, choices: Iterable[tuple[Any, Any]]
) -> forms.ChoiceField:
    """A filter form's optional choice: `blank` (All kinds, Any status …) filters nothing,
    then the `choices`."""
    return forms.ChoiceField(label=label, required=False, choices=[("", blank), *choices])


def stored_values(form: forms.BaseForm, current: Any) -> list[tuple[str, Any]]:
    """(label, value) of the form's fields as stored now, shown beside a stale edit so
    the user can compare their input with what someone else saved meanwhile. A model
    form shows its model's fields; a plain form (a party's correction, a plan) those of
    its fields the stored row has."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.translation import gettext as _

    meta = getattr(form, "_meta", None)
    names = (meta.fields or ()) if meta is not None else list(form.fields)
    rows: list[tuple[str, Any]] = []
    for name in names:
        if name not in form.fields or name == "version":  # a form may drop fields it does not ask
            continue
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        value = getattr(current, name)
        if field.many_to_many:
            value = "、".join(str(item) for item in value.all()) or "—"
        elif field.choices:
            value = getattr(current, f"get_{name}_display")()
        elif isinstance(value, bool):
            value = _("yes") if value else _("no")
        rows.append((str(form.fields[name].label), value))
    return rows
