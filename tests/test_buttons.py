"""Submit buttons say what they do ("Save the settings", "Register the visitor"), not a
bare "Save" / "Record" / "Add" that leaves the user guessing which form they submit."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.test import Client

from benchguard.organization.models import Person

BARE_LABELS = {"Save", "Record", "Add", "Register", "Done", "Decide", "Log"}
SUBMIT_LABEL = re.compile(r'type="submit">\{% translate "([^"]+)" %\}')


def _submit_labels(page: str) -> list[str]:
    main = page[page.index("<main") :]
    return re.findall(r'<button class="btn[^"]*" type="submit">([^<]+)</button>', main)


def test_no_template_has_a_submit_button_with_a_bare_verb() -> None:
    bare = [
        f"{path.relative_to(settings.BASE_DIR)}: {label}"
        for path in Path(settings.BASE_DIR).rglob("*.html")
        for label in SUBMIT_LABEL.findall(path.read_text(encoding="utf-8"))
        if label in BARE_LABELS
    ]
    assert bare == []


def test_the_committee_forms_name_what_their_button_does(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    court = person_of("office").court
    office = client_as("office")

    settings_page = office.get(f"/committee/courts/{court.pk}/settings/").content.decode()
    schedule_page = office.get(f"/committee/courts/{court.pk}/meetings/add/").content.decode()

    assert _submit_labels(settings_page) == ["保存设置"]
    assert _submit_labels(schedule_page) == ["安排会议"]


def test_the_private_details_form_says_it_saves_the_private_details(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    page = client_as("personnel").get(f"/directory/people/{judge.pk}/private/edit/").content.decode()
    assert _submit_labels(page) == ["保存个人隐私信息"]
