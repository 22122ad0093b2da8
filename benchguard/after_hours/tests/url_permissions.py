"""Who may open the pages of after-hours protection (the permission matrix).

- The list and the request form: anyone holding a role in a court (everyone with a role
  has a person to request for: themselves); the outsider and the city admin (no court
  role) get 403.
- The demo request (judge 王立明 for himself, linked to the incident register's demo
  threat, approved with officers 马军 and 韩磊): its court's judicial police (also an
  officer), committee office and leaders, and the judge; everyone else 404. Deciding,
  logging and completing are POSTs.
"""

from __future__ import annotations

from typing import Any

from benchguard.incidents.tests.url_permissions import WITH_ROLE, page, post_only, record
from tests.matrix import Expect

SEES_PROTECTION = {"police", "office", "chair", "vicechair", "leader", "judge"}


def protection() -> dict[str, Any]:
    from benchguard.after_hours.models import ProtectionRequest
    from benchguard.incidents.demo import FIRST_PLACE

    return {"pk": ProtectionRequest.objects.get(incident__place=FIRST_PLACE).pk}


EXPECTED: dict[str, Expect] = {
    "after_hours:protection_list": page(WITH_ROLE),
    "after_hours:protection_request": page(WITH_ROLE),
    "after_hours:protection_detail": record(SEES_PROTECTION, protection),
    "after_hours:protection_decide": post_only(protection),
    "after_hours:protection_log": post_only(protection),
    "after_hours:protection_complete": post_only(protection),
}
