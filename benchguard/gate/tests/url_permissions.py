"""Who may open the gate's pages (the permission matrix).

- The desk, the day-end closing and the checkpoint log: the gatehouse guard and the
  judicial police of the court; everyone else 403.
- Holds: the judicial police only.
- The visits register, its counts and export: the judicial police and court leaders
  (chair, vice-chair, leader; the chair is also president).
- A visit (the demo's 张建华, who visited judge 王立明): the desk, the register's readers
  and the host; everyone else 404.
- The API for the gate's hardware: the desk roles; not signed in 401.
"""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

DESK = {"guard", "police"}
LISTS = {"police", "leader", "chair", "vicechair"}


def demo_visit() -> dict[str, Any]:
    from benchguard.gate.models import Visit

    return {"pk": Visit.objects.get(visitor_name="张建华").pk}


def demo_shift() -> dict[str, Any]:
    from benchguard.gate.models import CheckpointShift

    return {"pk": CheckpointShift.objects.order_by("pk").first().pk}  # type: ignore[union-attr]


def demo_deposit() -> dict[str, Any]:
    from benchguard.gate.models import IdDeposit

    return {"pk": IdDeposit.objects.order_by("pk").first().pk}  # type: ignore[union-attr]


def demo_item() -> dict[str, Any]:
    from benchguard.gate.models import HeldItem

    return {"pk": HeldItem.objects.order_by("pk").first().pk}  # type: ignore[union-attr]


def page(readers: set[str]) -> Expect:
    return Expect(403, {ANON: LOGIN, **each(readers, 200)})


def post_only(kwargs: Any) -> Expect:
    return Expect(405, {ANON: LOGIN}, kwargs)


EXPECTED: dict[str, Expect] = {
    "gate:desk": page(DESK),
    "gate:holds": page({"police"}),
    "gate:day_end": page(DESK),
    "gate:visit_list": page(LISTS),
    # Everyone signed in has the page of their own visitors (empty when they have none).
    "gate:my_visitors": Expect(200, {ANON: LOGIN}),
    "gate:visit_export": page(LISTS),
    "gate:counts": page(LISTS),
    "gate:visit_detail": Expect(404, {ANON: LOGIN, **each(DESK | LISTS | {"judge"}, 200)}, demo_visit),
    "gate:confirm": post_only(demo_visit),
    "gate:confirm_phone": post_only(demo_visit),
    "gate:close": post_only(demo_visit),
    "gate:check_out": post_only(demo_visit),
    "gate:decide": post_only(demo_visit),
    "gate:hand_back": post_only(demo_deposit),
    "gate:checkpoint": page(DESK),
    "gate:shift_detail": Expect(404, {ANON: LOGIN, **each(DESK, 200)}, demo_shift),
    "gate:add_item": post_only(demo_shift),
    "gate:refuse_entry": post_only(demo_shift),
    "gate:passage": page(DESK),
    "gate:checkpoint_statistics": page(DESK),
    "gate:return_item": post_only(demo_item),
    "gate:item_incident": post_only(demo_item),
    "api-gate-visit-list": Expect(403, {ANON: 401, **each(DESK, 200)}),
    "api-gate-visit-detail": Expect(403, {ANON: 401, **each(DESK, 200)}, demo_visit),
    "api-gate-visit-check-out": Expect(405, {ANON: 401}, demo_visit),
}
