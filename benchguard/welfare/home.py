"""The welfare area's menu entry and home panels: the open follow-up items on each desk
(union, personnel office, counsellor, committee office); the personnel office's panel
(claims in progress, the risk fund); the union's panel (payments moving along their
chain); the payments awaiting a leader's approval of a raised standard."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.welfare import permissions, selectors
from benchguard.welfare.choices import ClaimStatus, CondolenceStatus

navigation.register(
    navigation.NavItem(
        "welfare", _("Welfare and care"), "welfare:index", permissions.can_enter_area, order=62
    )
)


def _desk(user: Any) -> dict[str, Any]:
    items, count = selectors.desk_items_for(user)
    return {"items": items, "count": count}


def _personnel(user: Any) -> dict[str, Any]:
    claims = selectors.claims_for(user).filter(
        status__in=[ClaimStatus.PREPARING, ClaimStatus.SUBMITTED],
        court_id__in=permissions.courts(user, permissions.PERSONNEL),
    )
    return {
        "claims": list(claims[:8]),
        "claim_count": claims.count(),
        "funds": list(selectors.funds_for(user)),
    }


def _union(user: Any) -> dict[str, Any]:
    moving = selectors.payments_for(user).filter(
        court_id__in=permissions.courts(user, permissions.UNION),
        status__in=[
            CondolenceStatus.REQUESTED,
            CondolenceStatus.GROUP_CHECKED,
            CondolenceStatus.APPROVED,
            CondolenceStatus.PAID,
        ],
    )
    return {"payments": list(moving[:8]), "payment_count": moving.count()}


def _raised(user: Any) -> dict[str, Any]:
    waiting = selectors.payments_for(user).filter(
        raised_standard=True,
        raised_approved_by__isnull=True,
        status__in=[CondolenceStatus.REQUESTED, CondolenceStatus.GROUP_CHECKED],
        court_id__in=permissions.courts(user, permissions.LEADERS),
    )
    return {"payments": list(waiting[:8])}


home.register(
    home.Panel(
        key="welfare-desk",
        template="welfare/panels/desk.html",
        roles=permissions.DESKS,
        order=18,
        context=_desk,
    )
)
home.register(
    home.Panel(
        key="welfare-personnel",
        template="welfare/panels/personnel.html",
        roles=permissions.PERSONNEL,
        order=19,
        context=_personnel,
    )
)
home.register(
    home.Panel(
        key="welfare-union",
        template="welfare/panels/union.html",
        roles=permissions.UNION,
        order=19,
        context=_union,
    )
)
home.register(
    home.Panel(
        key="welfare-raised",
        template="welfare/panels/raised.html",
        roles=permissions.LEADERS,
        order=19,
        context=_raised,
    )
)
