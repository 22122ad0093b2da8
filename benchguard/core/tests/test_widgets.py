"""The select boxes written in Python (core.widgets) give the HTML Django's templates
give: the same box, options, groups and selection, whatever the values and labels."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test.html import parse_html

from benchguard.core.forms import StyledFormMixin
from benchguard.core.widgets import Select, SelectMultiple

CHOICES: list[Any] = [
    ("", "---------"),
    (1, "张伟"),
    (2, "<script>alert(1)</script>"),
    ("a&b", 'quote " and ampersand &'),
    ("组一", [(10, "王芳"), (11, "李娜")]),
    (2, "a second option with the value 2"),
]
ATTRS = {"class": "form-select", "id": "id_x", "required": True, "aria-describedby": "x_help"}


@pytest.mark.parametrize(
    ("django_widget", "ours", "value"),
    [
        (forms.Select, Select, None),
        (forms.Select, Select, ""),
        (forms.Select, Select, 2),  # only the first option of the value is selected
        (forms.Select, Select, "a&b"),
        (forms.Select, Select, 11),  # inside a group
        (forms.Select, Select, 99),  # not among the choices: nothing selected
        (forms.SelectMultiple, SelectMultiple, [1, 2, 11]),  # every matching option
        (forms.SelectMultiple, SelectMultiple, []),
    ],
)
def test_a_written_select_is_the_html_of_djangos_template(django_widget: Any, ours: Any, value: Any) -> None:
    expected = django_widget(choices=CHOICES).render("who", value, attrs=dict(ATTRS))
    written = ours(choices=CHOICES).render("who", value, attrs=dict(ATTRS))
    assert parse_html(written) == parse_html(expected)
    assert "<script>" not in written


def test_every_form_with_the_house_style_writes_its_plain_selects_and_leaves_the_others() -> None:
    class Form(StyledFormMixin, forms.Form):
        one = forms.ChoiceField(choices=[(1, "a")])
        many = forms.MultipleChoiceField(choices=[(1, "a")])
        radio = forms.ChoiceField(choices=[(1, "a")], widget=forms.RadioSelect)
        maybe = forms.NullBooleanField()

    form = Form()
    assert type(form.fields["one"].widget) is Select
    assert type(form.fields["many"].widget) is SelectMultiple
    assert type(form.fields["radio"].widget) is forms.RadioSelect
    assert type(form.fields["maybe"].widget) is forms.NullBooleanSelect
    assert 'class="form-select"' in str(form["one"])
