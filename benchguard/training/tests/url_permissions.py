"""Who may open training's pages (the permission matrix).

Readers of the intermediate court's training: the personnel office (keeps courses,
sessions and attendance), the judicial police and the committee office (keep drills),
court leaders and the committee's chair and vice-chair. Everyone else — judges, staff,
the guard, the court's IT admin, a judge of a base court, the outsider and the city
admin — gets 403 on the pages and 404 on the records. A keeper of the other kind reads
the records and gets the page without its form (200)."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"personnel", "police", "office", "leader", "chair", "vicechair"}


def _course() -> dict[str, Any]:
    from benchguard.training.demo import RISK_COURSE
    from benchguard.training.models import Course

    return {"pk": Course.objects.get(court__division_code="370200", title=RISK_COURSE).pk}


def _session() -> dict[str, Any]:
    from benchguard.training.demo import RISK_COURSE
    from benchguard.training.models import Session

    return {"pk": Session.objects.filter(course__title=RISK_COURSE).order_by("held_on").first().pk}  # type: ignore[union-attr]


def _drill() -> dict[str, Any]:
    from benchguard.training.models import Drill

    return {"pk": Drill.objects.filter(court__division_code="370200").order_by("pk").first().pk}  # type: ignore[union-attr]


def _open_follow_up() -> dict[str, Any]:
    from benchguard.training.models import DrillFollowUp

    item = (
        DrillFollowUp.objects.filter(drill__court__division_code="370200", status="open")
        .order_by("pk")
        .first()
    )
    assert item is not None
    return {"pk": item.drill_id, "follow_up": item.pk}


def page() -> Expect:
    return Expect(403, {ANON: LOGIN, **each(READERS, 200)})


def record(kwargs: Any) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(READERS, 200)}, kwargs)


EXPECTED: dict[str, Expect] = {
    "training:course_list": page(),
    "training:untrained": page(),
    "training:drill_list": page(),
    "training:course_detail": record(_course),
    "training:session_detail": record(_session),
    "training:drill_detail": record(_drill),
    "training:close_follow_up": Expect(405, {ANON: LOGIN}, _open_follow_up),
}
