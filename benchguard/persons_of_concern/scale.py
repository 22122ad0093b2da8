"""City-scale persons of concern for the matcher benchmark (`benchguard seed-scale`).

How many: `BENCHGUARD_SCALE_PERSONS_OF_CONCERN` when set (the matcher benchmark,
bench/matcher.py, sets 100,000); otherwise people / 10, so that `seed-scale` itself stays
a matter of seconds. Names come from common surnames (including the
multi-reading 单/曾/解) and given-name characters, about 5 % written in traditional
characters and 20 % with an alias; 70 % have a resident ID (valid, unique by
construction), 10 % a passport or permit, 30 % a phone; 2 % are on the controlled list
(active), 1 % expired. Inserted as plain rows (organization.scale.insert_rows: at
100,000 persons `bulk_create`'s per-field work took most of the time); the keys,
encryption and blind indexes are the ones the services write.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache

from django.utils import timezone

from benchguard.core.identity import check_character
from benchguard.organization.scale import (
    ScaleContext,
    insert_rows,
    next_ids,
    register_generator,
    reset_sequences,
)
from benchguard.persons_of_concern import names
from benchguard.persons_of_concern.choices import ListLevel, NameKind
from benchguard.persons_of_concern.matching import document_index, phone_index
from benchguard.persons_of_concern.models import (
    ControlledListEntry,
    IdentityDocument,
    NameKey,
    PersonName,
    PersonOfConcern,
    PhoneNumber,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾单解"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志新立德海玉兰"
TRADITIONAL = str.maketrans(
    "张刘陈杨黄赵吴郑梁谢韩冯邓伟娜丽军杰涛华国兰", "張劉陳楊黃趙吳鄭梁謝韓馮鄧偉娜麗軍傑濤華國蘭"
)


def target_count(people: int) -> int:
    configured = os.environ.get("BENCHGUARD_SCALE_PERSONS_OF_CONCERN")
    if configured:
        return int(configured)
    return people // 10


@register_generator("persons_of_concern")
def generate_persons_of_concern(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    count = target_count(len(ctx.people))
    if count <= 0 or not ctx.courts:
        return {"persons_of_concern": 0}
    offset = PersonOfConcern.objects.count()
    now = timezone.now()
    today = timezone.localdate()
    # (id, name, court id) of each person; inserted as plain rows (organization.scale.insert_rows).
    persons: list[tuple[int, str, int]] = []
    for person_id in next_ids(PersonOfConcern, count):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _g in range(rng.choice((1, 2))))
        if rng.random() < 0.05:
            name = name.translate(TRADITIONAL)
        persons.append((person_id, name, rng.choice(ctx.courts).pk))
    insert_rows(PersonOfConcern, ("id", "name", "court_id", "created_at", "updated_at"),
                ((pk, name, court_id, now, now) for pk, name, court_id in persons))  # fmt: skip

    # Names repeat a lot (a few thousand distinct ones): their keys are worked out once each.
    simplify, keys_for = cache(names.simplify), cache(names.keys_for)
    rows: list[tuple[int, int, str, str, str]] = []  # id, person id, kind, name, simplified
    name_ids = iter(next_ids(PersonName, count * 2))
    for person_id, name, _court_id in persons:
        rows.append((next(name_ids), person_id, NameKind.PRIMARY, name, simplify(name)))
        if rng.random() < 0.2:
            alias = name[0] + rng.choice(GIVEN) + rng.choice(GIVEN)
            if alias != name:
                rows.append((next(name_ids), person_id, NameKind.ALIAS, alias, simplify(alias)))
    insert_rows(PersonName, ("id", "person_id", "kind", "name", "simplified"), rows)
    insert_rows(
        NameKey,
        ("person_id", "name_id", "key"),
        ((person_id, name_id, key) for name_id, person_id, _k, name, _s in rows for key in keys_for(name)),
    )

    documents: list[tuple[int, str, str, str]] = []
    phones: list[tuple[int, str, str]] = []
    base = dt.date(1950, 1, 1)
    for index, (person_id, _name, _court_id) in enumerate(persons, start=offset):
        draw = rng.random()
        if draw < 0.7:
            born = base + dt.timedelta(days=index % 18000)
            first17 = f"370203{born:%Y%m%d}{index // 18000 % 1000:03d}"
            number, kind = first17 + check_character(first17), "resident_id"
        elif draw < 0.8:
            number, kind = f"E{index:08d}", "passport"
        else:
            number = ""
        if number:
            documents.append((person_id, kind, number, document_index(kind, number)))
        if rng.random() < 0.3:
            phone = f"139{index:08d}"
            phones.append((person_id, phone, phone_index(phone)))
    # insert_rows converts as the ORM does, so the numbers are encrypted at rest.
    insert_rows(IdentityDocument, ("person_id", "kind", "number", "number_index"), documents)
    insert_rows(PhoneNumber, ("person_id", "number", "number_index"), phones)
    reset_sequences(PersonOfConcern, PersonName, NameKey, IdentityDocument, PhoneNumber)

    entries: list[ControlledListEntry] = []
    if len(ctx.accounts) >= 2:
        proposer, approver = ctx.accounts[0], ctx.accounts[1]
        for person_id, _name, court_id in rng.sample(persons, max(1, count * 3 // 100)):
            expired = rng.random() < 1 / 3
            expires = (
                today - dt.timedelta(days=rng.randint(1, 300))
                if expired
                else today + dt.timedelta(days=rng.randint(30, 365))
            )
            entries.append(
                ControlledListEntry(
                    person_id=person_id,
                    court_id=court_id,
                    legal_basis="规模测试数据",
                    level=rng.choice(ListLevel.values),
                    proposed_by=proposer,
                    approved_by=approver,
                    approved_at=now,
                    review_date=expires - dt.timedelta(days=30),
                    expires_on=expires,
                )
            )
        ControlledListEntry.objects.bulk_create(entries, batch_size=ctx.batch_size)
    return {
        "persons_of_concern": len(persons),
        "persons_of_concern_names": len(rows),
        "persons_of_concern_documents": len(documents),
        "persons_of_concern_list_entries": len(entries),
    }
