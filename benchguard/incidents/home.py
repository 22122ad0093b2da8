"""The incident register's menu entry and the home panel of what waits for the user:
chain steps to acknowledge (A13.1), fines and detention to approve (A9.3), protective
measures they own (A8)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from benchguard.core import home, navigation
from benchguard.core.access import court_ids_with
from benchguard.incidents import permissions
from benchguard.incidents.choices import MeasureStatus, SanctionStatus
from benchguard.incidents.models import ChainNotification, ProtectiveMeasure, Sanction
from benchguard.organization.choices import Role


def _waiting(user: Any) -> dict[str, Any]:
    president_courts = court_ids_with(user, {Role.COURT_PRESIDENT})
    return {
        "acknowledge": list(
            ChainNotification.objects.filter(notified=user, acknowledged_at__isnull=True).select_related(
                "incident"
            )[:10]
        ),
        "approve": list(
            Sanction.objects.filter(
                status=SanctionStatus.PENDING, incident__court_id__in=president_courts
            ).select_related("incident")[:10]
        )
        if president_courts
        else [],
        "measures": list(
            ProtectiveMeasure.objects.filter(
                owner__account=user, status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS]
            ).select_related("incident")[:10]
        ),
    }


navigation.register(
    navigation.NavItem(
        "incidents", _("Incidents"), "incidents:incident_list", permissions.can_report, order=30
    )
)
home.register(
    home.Panel(key="incidents_waiting", template="incidents/panels/waiting.html", order=12, context=_waiting)
)
