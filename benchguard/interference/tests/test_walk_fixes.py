"""Defects a browser walk of the demo found in the interference area (A7): the judge
pickers, the rights category in English, the contact field, the quarter report's print
and Excel, the entries recorded late and the judge's personnel page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.interference import services
from benchguard.interference.models import Entry
from benchguard.interference.tests.conftest import entry_fields
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Account, Person

pytestmark = pytest.mark.django_db


def _choices(page: Any, field: str) -> list[Person]:
    return list(page.context["form"].fields[field].queryset)


def test_the_judge_pickers_offer_judges_only_by_pinyin(
    client_as: Callable[[str | None], Client], persona: Any, person_of: Any
) -> None:
    recorded = client_as("chief").get(reverse("interference:entry_record"))
    personnel = client_as("personnel").get(reverse("interference:action_record"))
    for offered in (_choices(recorded, "judge"), _choices(personnel, "judge")):
        names = {person.name for person in offered}
        assert person_of("judge").name in names and person_of("chief").name in names
        for staff in ("guard", "police", "admin", "counsellor", "trialmgmt", "personnel"):
            assert person_of(staff).name not in names, staff
        assert all(person.category == PersonCategory.QUOTA_JUDGE for person in offered)
        pinyin = [(person.name_pinyin, person.pk) for person in offered]
        assert pinyin == sorted(pinyin)


def test_the_services_refuse_a_person_who_is_not_a_judge(persona: Any, person_of: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.record_entry(actor=persona("chief"), judge=person_of("guard"), **entry_fields())
    assert "judge" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.record_action(
            actor=persona("personnel"),
            judge=person_of("police"),
            kind="transfer",
            ground="《法官法》",
            procedure="党组会研究",
            decided_on=timezone.localdate(),
        )
    assert "judge" in refused.value.message_dict


def test_the_entry_page_shows_the_rights_category_in_the_readers_language(
    record: Callable[..., Entry], client_as: Callable[[str | None], Client]
) -> None:
    entry = record()
    url = reverse("interference:entry_detail", args=[entry.pk])
    chinese = client_as("judge").get(url).content.decode()
    Account.objects.filter(username="judge").update(language="en")
    english = client_as("judge").get(url).content.decode()
    assert entry.right.label_en and entry.right.label_en in english
    assert f'data-testid="right">{entry.right.label_en}<' in english
    assert f'data-testid="right">{entry.right.label}<' in chinese


def test_whoever_opens_the_personnel_actions_has_a_menu_entry_to_them(
    client_as: Callable[[str | None], Client],
) -> None:
    """The demo records an action concerning 王立明: he reads it (A7.2) and finds it in the
    menu under his own entry; the office and the committee keep theirs; the others neither."""
    url = reverse("interference:action_list")
    for username, key in (
        ("judge", "interference-personnel-mine"),
        ("personnel", "interference-personnel"),
        ("office", "interference-personnel"),
    ):
        client = client_as(username)
        assert client.get(url).status_code == 200, username
        home = client.get("/").content.decode()
        assert f'data-nav="{key}"' in home, username
        assert home.count('data-nav="interference-personnel') == 1, username
    for username in ("judge2", "guard"):
        client = client_as(username)
        assert client.get(url).status_code == 403, username
        assert 'data-nav="interference-personnel' not in client.get("/").content.decode(), username


def test_the_contact_of_the_person_is_free_text_and_the_form_says_so(
    record: Callable[..., Entry], persona: Any
) -> None:
    from benchguard.interference.forms import EntryForm

    field = EntryForm(judges=Person.objects.none()).fields["person_contact"]
    assert "WeChat" in str(field.help_text) and "phone" in str(field.help_text)
    assert field.clean("微信 abc_123") == "微信 abc_123"
    entry = record(person_contact="某局办公室")
    assert Entry.objects.get(pk=entry.pk).person_contact == "某局办公室"
