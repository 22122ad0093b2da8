"""The shared form partial marks required fields with an asterisk a screen reader reads
as "required", and explains the asterisk once above the fields."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from benchguard.core.forms import StyledFormMixin


def _label(page: str, field_id: str) -> str:
    match = re.search(rf'<label class="form-label" for="{field_id}">(.*?)</label>', page, re.S)
    assert match, f"no label for {field_id}"
    return match.group(1)


def test_a_required_field_carries_the_asterisk_and_an_optional_one_does_not(
    client_as: Callable[[str | None], Client],
) -> None:
    page = client_as("judge").get("/matters/apply/").content.decode()

    facts = _label(page, "id_facts")
    assert '<span class="text-danger" aria-hidden="true" data-required>*</span>' in facts
    assert '<span class="visually-hidden"> （必填）</span>' in facts
    infringer = _label(page, "id_infringer")
    assert "*" not in infringer and "必填" not in infringer
    assert page.count("data-required-legend") == 1
    assert "标有星号的为必填项。" in page


class _Filters(StyledFormMixin, forms.Form):
    q = forms.CharField(label="Name", required=False)


class _Note(StyledFormMixin, forms.Form):
    text = forms.CharField(label="Note")


def test_the_legend_is_shown_only_on_a_form_with_a_required_field() -> None:
    with translation.override("en"):
        optional_only = render_to_string("form_fields.html", {"form": _Filters()})
        with_required = render_to_string("form_fields.html", {"form": _Note()})

    assert "data-required-legend" not in optional_only and "data-required" not in optional_only
    assert "Fields marked with an asterisk are required." in with_required
    assert '<span class="visually-hidden"> (required)</span>' in with_required


@pytest.mark.parametrize(
    ("form_path", "field"),
    [
        ("benchguard.gate.forms.DayEndForm", "outcome"),
        ("benchguard.gate.forms.HoldDecisionForm", "decision"),
        ("benchguard.incidents.forms.SanctionForm", "measure"),
        ("benchguard.matters.forms.StepForm", "step"),
        ("benchguard.matters.forms.ApplicationForm", "subject"),
    ],
)
def test_a_consequential_choice_starts_with_none_chosen(form_path: str, field: str) -> None:
    """What happened to a visitor still inside, a sanction, a step of a matter and the kind
    of an application are chosen by the user, never preset to the first option (a browser
    walk found the day's end preset to "left by another exit")."""
    from django.utils.module_loading import import_string

    form = import_string(form_path)()
    html = str(form[field])
    assert '<option value="" selected>' in html
    assert html.count(" selected") == 1
