"""Who may open the matters area's URLs (the permission matrix).

Matters are the most closely held records of the committee: outside the office, the
chair and vice-chairs, the handler and the applicant, nobody can find that one exists.
"""

from __future__ import annotations

from typing import Any

from benchguard.committee.tests.url_permissions import held, manages
from tests.matrix import ANON, LOGIN, PERSONAS, Expect, each

# The demo matter "being handled": 孙丽 (member) applied, the office handles it.
STAFF = {"office", "chair", "vicechair"}
EVERYONE = set(PERSONAS) - {ANON}


def handled_matter() -> dict[str, Any]:
    from benchguard.matters.models import Matter

    return {"pk": Matter.objects.get(applicant__account__username="member").pk}


def phoned_matter_attachment() -> dict[str, Any]:
    from benchguard.matters.models import Attachment

    attachment = Attachment.objects.get(matter__applicant__account__username="chief")
    return {"pk": attachment.matter_id, "attachment_pk": attachment.pk}


def acceptance_notice() -> dict[str, Any]:
    return {**handled_matter(), "kind": "acceptance"}


def pending_request() -> dict[str, Any]:
    from benchguard.matters.models import TimeRequest

    request = TimeRequest.objects.get(status="pending")
    return {"pk": request.matter_id, "request_pk": request.pk}


def visible_to(people: set[str], kwargs: Any) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(people, 200)}, kwargs)


def post_only(kwargs: Any = dict) -> Expect:
    """Transitions answer GET with 405 to anyone signed in (nothing is revealed before the
    decorator: the method is checked first)."""
    return Expect(405, {ANON: LOGIN}, kwargs)


EXPECTED: dict[str, Expect] = {
    "matters:list": Expect(200, {ANON: LOGIN}),
    # The register of every matter of the court: the office, the chair and vice-chairs.
    "matters:all": Expect(403, {ANON: LOGIN, **each(STAFF, 200)}),
    # Anyone with a person record applies for themself; the outsider and the city admin have none.
    "matters:apply": Expect(200, {ANON: LOGIN, "outsider": 403, "cityadmin": 403}),
    "matters:register": Expect(403, {ANON: LOGIN, "office": 200}),
    "matters:open": Expect(403, {ANON: LOGIN, **each(STAFF, 200)}),
    "matters:detail": visible_to(STAFF | {"member"}, handled_matter),
    "matters:notice": visible_to(STAFF | {"member"}, acceptance_notice),
    "matters:attachment": visible_to(STAFF | {"chief"}, phoned_matter_attachment),
    "matters:accept": post_only(handled_matter),
    "matters:decline": post_only(handled_matter),
    "matters:step": post_only(handled_matter),
    "matters:request_time": post_only(handled_matter),
    "matters:decide_time": post_only(pending_request),
    "matters:resume": post_only(handled_matter),
    "matters:decide": post_only(handled_matter),
    "matters:feedback": post_only(handled_matter),
    "matters:response": post_only(handled_matter),
    "matters:appeal_outcome": post_only(handled_matter),
    "matters:attach": post_only(handled_matter),
    "matters:add_task": post_only(handled_matter),
    "matters:complete_task": post_only(lambda: {"task_pk": 1}),
    # The agenda's matter picker: the committee's managers add items, the member sees the
    # meeting but may not (committee's own rule).
    "matters:agenda_add": manages(lambda: {"meeting_pk": held()["pk"]}),
}

API_POST_ONLY = [
    "accept",
    "decline",
    "request-time",
    "decide-time",
    "decide",
    "feedback",
    "respond",
    "appeal-outcome",
]
EXPECTED.update(
    {
        "api-matter-list": Expect(200, {ANON: 401}),
        "api-matter-detail": Expect(404, {ANON: 401, **each(STAFF | {"member"}, 200)}, handled_matter),
        **{f"api-matter-{name}": Expect(405, {ANON: 401}, handled_matter) for name in API_POST_ONLY},
    }
)


def every_demo_matter() -> list[str]:
    """The demo court's matters, one in every state: the forms each persona is shown on
    each are checked by the permission matrix (tests/test_permission_matrix.py)."""
    from django.urls import reverse

    from benchguard.matters.models import Matter

    return [
        reverse("matters:detail", args=[pk])
        for pk in Matter.objects.order_by("pk").values_list("pk", flat=True)
    ]


FORM_PAGES = {"matters:detail (every state)": every_demo_matter}
