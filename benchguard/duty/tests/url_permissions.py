"""Who may open the duty area's pages (the permission matrix).

The roster is read by the court's judicial police, its leaders (chair, vice-chair,
leader) and its gatehouse guard; all but the guard keep it (add, edit, remove: the
guard gets 403 on the edit pages). Everyone else — judges, the office, the reception,
a judge of a base court, the outsider and the city admin — gets 403 on its pages and
404 on its shifts. The alerts page lists what was sent to whoever opens it (for most,
nothing)."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

KEEPERS = {"police", "chair", "vicechair", "leader"}
READERS = KEEPERS | {"guard"}


def demo_shift() -> dict[str, Any]:
    from benchguard.duty.models import DutyShift

    return {"pk": DutyShift.objects.filter(court__division_code="370200").order_by("pk")[0].pk}


def demo_alert() -> dict[str, Any]:
    from benchguard.duty.models import DutyAlert

    alert = DutyAlert.objects.order_by("pk").first()
    return {"pk": alert.pk if alert else 999999}


EXPECTED: dict[str, Expect] = {
    "duty:roster": Expect(403, {ANON: LOGIN, **each(READERS, 200)}),
    "duty:shift_add": Expect(403, {ANON: LOGIN, **each(KEEPERS, 200)}),
    "duty:shift_edit": Expect(404, {ANON: LOGIN, **each(READERS, 403), **each(KEEPERS, 200)}, demo_shift),
    "duty:shift_remove": Expect(405, {ANON: LOGIN}, demo_shift),
    "duty:alerts": Expect(200, {ANON: LOGIN}),
    "duty:alert_acknowledge": Expect(405, {ANON: LOGIN}, demo_alert),
    "api-duty-shift-list": Expect(200, {ANON: 401}),
    "api-duty-shift-detail": Expect(404, {ANON: 401, **each(READERS, 200)}, demo_shift),
    "api-duty-shift-remove": Expect(405, {ANON: 401}, demo_shift),
}
