"""City-scale welfare rows for the benchmark (`benchguard seed-scale`): a condolence
payment for one person in three (within the example caps, along every step of the
chain) and a follow-up after harm for one in ten, with its four items, most closed. The
union's lists are measured against them (bench/run.py). Plain rows, like the rest of
the scale data; the follow-ups hang off no incident of their own, so they name one of
the scale incidents of their court when there is one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from benchguard.incidents.models import Incident
from benchguard.organization.scale import (
    ScaleContext,
    insert_rows,
    next_ids,
    register_generator,
    reset_sequences,
)
from benchguard.welfare.choices import CondolenceStatus, FollowUpReason, ItemStatus, Occasion
from benchguard.welfare.models import CondolencePayment, FollowUp, FollowUpItem
from benchguard.welfare.permissions import ITEM_DESK

CAPS = {Occasion.MARRIAGE: 600, Occasion.BIRTH: 600, Occasion.HOSPITALISATION: 1000, Occasion.HARDSHIP: 1000}


@register_generator("welfare")
def generate_welfare(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    accounts_by_court, fallback = ctx.accounts_by_court()
    if not ctx.people or fallback is None:
        return {"condolence payments": 0, "follow-ups": 0}
    now = timezone.now()
    payments: list[tuple[object, ...]] = []
    payment_ids = iter(next_ids(CondolencePayment, len(ctx.people) // 3 + 1))
    for person in ctx.people[::3]:
        occasion = rng.choice(list(CAPS))
        cap = Decimal(CAPS[occasion])
        created = now - dt.timedelta(days=rng.randrange(1, 2000))
        requested_by = rng.choice(accounts_by_court.get(person.court_id) or [fallback])
        payments.append(
            (
                next(payment_ids), 1, created, created, person.court_id, person.pk, occasion, "",
                "（规模测试数据）慰问", cap - rng.randrange(0, 300), cap, False,
                rng.choice(CondolenceStatus.values), "", requested_by,
            )
        )  # fmt: skip
    insert_rows(
        CondolencePayment,
        ("id", "version", "created_at", "updated_at", "court_id", "person_id", "occasion", "relative",
         "reason", "amount", "cap", "raised_standard", "status", "voucher", "requested_by_id"),
        payments,
    )  # fmt: skip
    reset_sequences(CondolencePayment)

    incidents: dict[int, int] = {}
    for court_id, incident_id in Incident.objects.order_by("-pk").values_list("court_id", "pk"):
        incidents[court_id] = incident_id  # the court's first incident, in the end
    followups: list[tuple[object, ...]] = []
    items: list[tuple[object, ...]] = []
    chosen = [p for p in ctx.people[::10] if p.court_id in incidents]
    followup_ids = iter(next_ids(FollowUp, len(chosen)))
    item_ids = iter(next_ids(FollowUpItem, len(chosen) * len(ITEM_DESK)))
    for person in chosen:
        opened = now - dt.timedelta(days=rng.randrange(0, 1500))
        followup_id = next(followup_ids)
        followups.append(
            (followup_id, 1, opened, opened, person.court_id, person.pk, FollowUpReason.HARMED,
             incidents[person.court_id], opened)
        )  # fmt: skip
        done = opened < now - dt.timedelta(days=30)
        status = ItemStatus.DONE if done else ItemStatus.OPEN
        outcome = "（规模测试数据）已办" if done else ""
        done_at = opened + dt.timedelta(days=3) if done else None
        due = (opened + dt.timedelta(days=5)).date()
        for kind, role in ITEM_DESK.items():
            items.append(
                (
                    next(item_ids),
                    1,
                    opened,
                    opened,
                    followup_id,
                    kind,
                    role,
                    due,
                    status,
                    outcome,
                    "",
                    done_at,
                )
            )
    insert_rows(
        FollowUp,
        (
            "id",
            "version",
            "created_at",
            "updated_at",
            "court_id",
            "person_id",
            "reason",
            "incident_id",
            "opened_at",
        ),
        followups,
    )
    insert_rows(
        FollowUpItem,
        ("id", "version", "created_at", "updated_at", "followup_id", "kind", "owner_role", "due_on", "status",
         "outcome", "counselling", "done_at"),
        items,
    )  # fmt: skip
    reset_sequences(FollowUp, FollowUpItem)
    return {"condolence payments": len(payments), "follow-ups": len(followups)}
