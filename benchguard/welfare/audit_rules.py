"""What the audit trail withholds of the welfare area (core.audit_visibility): every
value of every row — amounts, illnesses, occasions, who was harmed, the answer to the
counselling offer. The trail keeps what was done, when, by whom and to which row; the
values are shown only to the desks that read the area in that court
(permissions.ALL_READERS). The cap table (a city-wide setting with no person in it)
is not withheld.

The counselling offer's item is narrower still: what became of it (the answer, the
counsellor's note) is read by the counsellor of the person's court and the person only
(permissions.can_read_counselling_answer), so on its lines those values are withheld
from the other desks too, and shown to the person although they do not read the area."""

from __future__ import annotations

from typing import Any, Final

from benchguard.core.audit_visibility import ALL, LineRule, Restriction, courts_with, register
from benchguard.welfare.choices import ItemKind
from benchguard.welfare.models import FollowUpItem
from benchguard.welfare.permissions import ALL_READERS, can_read_counselling_answer

ITEM_TYPE: Final = FollowUpItem._meta.label_lower
# The values of a follow-up item's lines that say what became of the counselling offer.
COUNSELLING_ANSWER: Final = frozenset({"outcome", "counselling"})


def counselling_answer(user: Any, entry: Any) -> LineRule | None:
    """A follow-up item's line: the counselling offer's answer and note only for the
    counsellor and the person (an item that cannot be found: withheld from everyone)."""
    if entry.object_type != ITEM_TYPE:
        return None
    item = (
        FollowUpItem.objects.select_related("followup__person").filter(pk=entry.object_id).first()
        if str(entry.object_id).isdigit()
        else None
    )
    if item is None:
        return LineRule(fields=COUNSELLING_ANSWER)
    if item.kind != ItemKind.COUNSELLING_OFFER:
        return None
    if can_read_counselling_answer(user, item):
        return LineRule(reader=True)
    return LineRule(fields=COUNSELLING_ANSWER)


register(
    Restriction(
        "welfare and care (A20, A21, A25)",
        frozenset(
            {
                "welfare.insurancepolicy",
                "welfare.insuranceclaim",
                "welfare.fund",
                "welfare.fundentry",
                "welfare.condolencestep",
                "welfare.condolencepayment",
                "welfare.condolencevisit",
                "welfare.assistanceapplication",
                "welfare.followup",
                "welfare.followupitem",
            }
        ),
        ALL,
        courts_with(*ALL_READERS),
        line=counselling_answer,
    ),
)
