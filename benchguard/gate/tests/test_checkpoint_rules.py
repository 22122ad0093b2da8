"""The checkpoint's rules (A12.1; issue 15 part 6): at least two officers a shift (a
court's setting, never below the rules' two), refusals itemised with a reason code,
prohibited items by category with what became of them (a numbered locker, seized, handed
to the police, returned), the dedicated passage still logged with the credential seen,
and the figures by category and month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from benchguard.core.models import AuditEntry
from benchguard.gate import selectors, services
from benchguard.gate.choices import (
    CredentialKind,
    Disposition,
    ItemCategory,
    PassageKind,
    RefusalReason,
    Shift,
)
from benchguard.gate.models import CheckpointShift, EntryRefusal, HeldItem, PassageEntry, Post
from benchguard.organization.models import Account, Person

pytestmark = pytest.mark.django_db

Persona = Callable[[str], Account]


def _officers(post: Post, count: int = 2) -> list[Person]:
    return list(selectors.checkpoint_officers(post.court_id)[:count])


def _shift(guard: Account, post: Post, officers: list[Person], day_back: int = 3) -> CheckpointShift:
    return services.record_shift(
        actor=guard,
        post=post,
        day=timezone.localdate() - dt.timedelta(days=day_back),
        shift=Shift.NIGHT,
        people_checked=40,
        bags_checked=20,
        officers=officers,
    )


def test_the_courts_judicial_police_are_the_officers_offered(checkpoint_post: Post) -> None:
    offered = {person.name for person in selectors.checkpoint_officers(checkpoint_post.court_id)}
    assert {"马军", "韩磊"} <= offered  # by role (马军) and by department (韩磊)
    assert "王立明" not in offered and "张伟" not in offered  # a judge; another court's judge


def test_a_shift_names_its_officers(checkpoint_post: Post, persona: Persona) -> None:
    shift = _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post))
    assert {p.name for p in shift.officers.all()} == {p.name for p in _officers(checkpoint_post)}
    line = AuditEntry.objects.filter(action="gate.shift.officers", object_id=str(shift.pk)).get()
    assert sorted(line.data["officers"]) == sorted(p.name for p in _officers(checkpoint_post))


def test_one_officer_is_too_few_and_nothing_is_saved(checkpoint_post: Post, persona: Persona) -> None:
    before = CheckpointShift.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post, 1))
    assert [e.code for e in refused.value.error_dict["officers"]] == ["too_few"]
    assert "at least 2 officers" in refused.value.error_dict["officers"][0].messages[0]
    assert CheckpointShift.objects.count() == before


def test_a_court_that_asks_for_three_gets_three(checkpoint_post: Post, persona: Persona) -> None:
    rules = services.checkpoint_settings(checkpoint_post.court_id)
    rules.min_officers = 3
    rules.save()
    with pytest.raises(ValidationError) as refused:
        _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post, 2))
    assert [e.code for e in refused.value.error_dict["officers"]] == ["too_few"]


def test_the_setting_cannot_go_below_the_rules_two(checkpoint_post: Post) -> None:
    rules = services.checkpoint_settings(checkpoint_post.court_id)
    rules.min_officers = 1
    with pytest.raises(ValidationError):
        rules.full_clean()


def test_an_officer_who_is_not_judicial_police_is_refused(
    checkpoint_post: Post, persona: Persona, person_of: Callable[[str], Person]
) -> None:
    with pytest.raises(ValidationError) as refused:
        _shift(persona("guard"), checkpoint_post, [*_officers(checkpoint_post, 1), person_of("judge")])
    assert [e.code for e in refused.value.error_dict["officers"]] == ["not_police"]


def test_each_refusal_carries_its_reason_and_the_count_follows(
    checkpoint_post: Post, persona: Persona
) -> None:
    shift = _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post))
    services.refuse_entry(actor=persona("guard"), shift=shift, reason=RefusalReason.INTOXICATED)
    services.refuse_entry(
        actor=persona("police"), shift=shift, reason=RefusalReason.FORGED_ID, note="借用他人身份证"
    )

    shift.refresh_from_db()
    assert shift.refusals == 2
    assert list(shift.refusal_rows.values_list("reason", flat=True)) == ["intoxicated", "forged_id"]


def test_other_needs_a_word_on_what_happened(checkpoint_post: Post, persona: Persona) -> None:
    shift = _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post))
    with pytest.raises(ValidationError) as refused:
        services.refuse_entry(actor=persona("guard"), shift=shift, reason=RefusalReason.OTHER, note="  ")
    assert [e.code for e in refused.value.error_dict["note"]] == ["required"]
    assert not EntryRefusal.objects.filter(shift=shift).exists()


def test_an_item_in_a_locker_needs_its_number_and_is_returned(
    checkpoint_post: Post, persona: Persona
) -> None:
    shift = _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post))
    fields: dict[str, Any] = {
        "shift": shift,
        "category": ItemCategory.EXPLOSIVES,
        "description": "打火机",
        "owner_name": "王某",
    }
    with pytest.raises(ValidationError) as refused:
        services.add_item(actor=persona("guard"), disposition=Disposition.LOCKER, **fields)
    assert [e.code for e in refused.value.error_dict["locker_number"]] == ["required"]

    item = services.add_item(
        actor=persona("guard"), disposition=Disposition.LOCKER, locker_number="B-3", **fields
    )
    returned = services.return_item(actor=persona("guard"), item=item, expected_version=item.version)
    assert returned.returned_at is not None and returned.locker_number == "B-3"


def test_an_item_handed_to_the_police_is_not_returned_at_the_gate(
    checkpoint_post: Post, persona: Persona
) -> None:
    shift = _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post))
    item = services.add_item(
        actor=persona("police"),
        shift=shift,
        category=ItemCategory.FIREARMS,
        description="仿真枪一支",
        owner_name="李某",
        disposition=Disposition.TO_POLICE,
    )
    with pytest.raises(ValidationError) as refused:
        services.return_item(actor=persona("guard"), item=item, expected_version=item.version)
    assert refused.value.code == "seized"


def test_the_passage_logs_the_credential_encrypted_and_shows_its_last_four(
    checkpoint_post: Post, persona: Persona, client_as: Callable[[str | None], Client]
) -> None:
    entry = services.log_passage(
        actor=persona("guard"),
        post=checkpoint_post,
        kind=PassageKind.LAWYER,
        name="钱律师",
        unit="某某律师事务所",
        credential_kind=CredentialKind.LAWYER_LICENCE,
        credential_number="1370 2201 8101 99887",
    )
    assert entry.credential_masked == "****9887"
    with connection.cursor() as cursor:
        cursor.execute("SELECT credential_number FROM gate_passageentry WHERE id = %s", [entry.pk])
        stored = cursor.fetchone()[0]
    assert "99887" not in stored  # encrypted at rest
    assert PassageEntry.objects.get(pk=entry.pk).credential_number == "13702201810199887"
    line = AuditEntry.objects.filter(action="gate.passage.record", object_id=str(entry.pk)).get()
    assert "99887" not in str(line.data)

    page = client_as("guard").get(reverse("gate:passage")).content.decode()
    assert "钱律师" in page and "****9887" in page and "13702201810199887" not in page


def test_a_bad_credential_number_is_refused_and_the_form_keeps_the_input(
    checkpoint_post: Post, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("guard").post(
        reverse("gate:passage"),
        {"post": checkpoint_post.pk, "kind": "prosecutor", "name": "周检察官", "unit": "青岛市人民检察院",
         "credential_kind": "prosecutor_card", "credential_number": "12", "purpose": ""},
    )  # fmt: skip
    assert response.context["form"].errors["credential_number"]
    assert not PassageEntry.objects.filter(name="周检察官", credential_tail="12").exists()
    assert "周检察官" in response.content.decode()


def test_the_passage_log_goes_with_the_visitors_data(
    checkpoint_post: Post, persona: Persona, settings
) -> None:
    old_day = timezone.now() - dt.timedelta(days=settings.GATE_VISITOR_RETENTION_DAYS + 2)
    with time_machine.travel(old_day, tick=False):
        old = services.log_passage(
            actor=persona("guard"), post=checkpoint_post, kind=PassageKind.PROSECUTOR, name="旧记录",
            unit="检察院", credential_kind=CredentialKind.PROSECUTOR_CARD, credential_number="JC0001",
        )  # fmt: skip
    services.purge_visitor_data()
    assert not PassageEntry.objects.filter(pk=old.pk).exists()
    assert PassageEntry.objects.exists()  # today's demo entries stay


def test_the_statistics_count_by_category_and_month(
    checkpoint_post: Post, persona: Persona, client_as: Callable[[str | None], Client]
) -> None:
    shift = _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post), day_back=0)
    shift_day = shift.day
    services.refuse_entry(actor=persona("guard"), shift=shift, reason=RefusalReason.MINOR)
    services.add_item(
        actor=persona("guard"), shift=shift, category=ItemCategory.PROTEST, description="横幅一条",
        owner_name="某某", disposition=Disposition.SEIZED,
    )  # fmt: skip

    figures = selectors.checkpoint_statistics(persona("police"), shift_day.year)

    month = shift_day.month - 1
    minors = next(row for row in figures["refusals"] if row["label"] == RefusalReason.MINOR.label)
    assert minors["counts"][month] == 1 and minors["total"] == 1
    protest = next(row for row in figures["items"] if row["label"] == ItemCategory.PROTEST.label)
    assert protest["counts"][month] == 1
    expected = EntryRefusal.objects.filter(
        shift__post__court_id=checkpoint_post.court_id, at__year=shift_day.year
    )
    assert sum(row["total"] for row in figures["refusals"]) == expected.count()
    # Another court's officer sees none of it.
    assert (
        sum(
            row["total"]
            for row in selectors.checkpoint_statistics(persona("judge2"), shift_day.year)["refusals"]
        )
        == 0
    )

    page = client_as("police").get(reverse("gate:checkpoint_statistics"), {"year": shift_day.year})
    assert page.status_code == 200 and 'data-testid="by-reason"' in page.content.decode()


def test_the_statistics_list_the_older_held_disposition_only_for_a_year_that_has_it(
    checkpoint_post: Post, persona: Persona
) -> None:
    """The form no longer offers "held for return, with a receipt" (a locker is used): a
    year without such items has no row for it; a year with one counts it."""
    shift = _shift(persona("guard"), checkpoint_post, _officers(checkpoint_post), day_back=0)
    HeldItem.objects.filter(disposition=Disposition.HELD).delete()
    held = Disposition.HELD.label

    def labels() -> list[str]:
        return [
            row["label"]
            for row in selectors.checkpoint_statistics(persona("police"), shift.day.year)["dispositions"]
        ]

    assert held not in labels()
    assert Disposition.LOCKER.label in labels() and Disposition.SEIZED.label in labels()
    services.add_item(
        actor=persona("guard"), shift=shift, category=ItemCategory.PROTEST, description="横幅一条",
        owner_name="某某", disposition=Disposition.HELD, receipt_number="R-1",
    )  # fmt: skip
    assert held in labels()


def test_the_checkpoint_page_records_a_shift_with_its_officers(
    checkpoint_post: Post, client_as: Callable[[str | None], Client]
) -> None:
    officers = _officers(checkpoint_post)
    day = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    form = {
        "post": checkpoint_post.pk,
        "day": day,
        "shift": "afternoon",
        "people_checked": 30,
        "bags_checked": 9,
    }

    too_few = client_as("guard").post(reverse("gate:checkpoint"), {**form, "officers": [officers[0].pk]})
    assert "officers" in too_few.context["form"].errors
    assert not CheckpointShift.objects.filter(post=checkpoint_post, day=day, shift="afternoon").exists()

    done = client_as("guard").post(reverse("gate:checkpoint"), {**form, "officers": [p.pk for p in officers]})
    assert done.status_code == 302
    shift = CheckpointShift.objects.get(post=checkpoint_post, day=day, shift="afternoon")
    assert shift.officers.count() == 2


def test_a_year_the_statistics_cannot_show_is_named_and_this_year_shown(
    client_as: Callable[[str | None], Client],
) -> None:
    url = reverse("gate:checkpoint_statistics")
    this_year = timezone.localdate().year
    for typed in (str(this_year + 1), "1800", "abc", "-1", "99999999999"):
        page = client_as("police").get(url, {"year": typed})
        assert page.status_code == 200, typed
        assert page.context["year"] == this_year, typed
        body = page.content.decode()
        assert 'data-testid="year-error"' in body and f'value="{typed}"' in body, typed
    future = client_as("police").get(url, {"year": this_year + 1}).content.decode()
    assert f"统计数据截至今年（{this_year}年）。" in future
    shown = client_as("police").get(url, {"year": this_year - 1})
    assert shown.context["year"] == this_year - 1
    assert 'data-testid="year-error"' not in shown.content.decode()
