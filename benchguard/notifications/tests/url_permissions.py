"""Who may open the notification pages and API (the permission matrix, GET only).

Notifications are personal: a detail answers only to its recipient (the judge here);
POSTs to another account's notification answering 404 are tested in test_inbox.py.
"""

from __future__ import annotations

from typing import Any

from benchguard.notifications.services import notify
from benchguard.organization.models import Account
from tests.matrix import ANON, LOGIN, Expect


def judges_notification() -> dict[str, Any]:
    [notification] = notify(
        recipients=[Account.objects.get(username="judge")],
        kind="tests.matrix",
        title="矩阵测试通知",
        url="/",
        email=False,
    )
    return {"pk": notification.pk}


EXPECTED: dict[str, Expect] = {
    "notifications:inbox": Expect(200, {ANON: LOGIN}),
    # POST-only endpoints: GET is refused once signed in.
    "notifications:read": Expect(405, {ANON: LOGIN}, judges_notification),
    "notifications:mark_all_read": Expect(405, {ANON: LOGIN}),
    "api-notification-list": Expect(200, {ANON: 401}),
    "api-notification-detail": Expect(404, {ANON: 401, "judge": 200}, judges_notification),
    "api-notification-read": Expect(405, {ANON: 401}, judges_notification),
    "api-notification-read-all": Expect(405, {ANON: 401}),
}
