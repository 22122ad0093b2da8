"""Pages of the incident register (A8, A9, A13): thin; changes through services, reads
through selectors. One module per topic, as in services/; the forms posted from the
incident's page all come back to it the same way (incident_page.on_incident).

urls.py names every view through this package (`views.incident_list`)."""

from benchguard.incidents.views.measures import add_measure, update_measure
from benchguard.incidents.views.petitions import acknowledge, add_reception, chain_notify
from benchguard.incidents.views.plans import (
    plan_activate,
    plan_detail,
    plan_download,
    plan_list,
    record_arrival,
)
from benchguard.incidents.views.register import (
    add_attachment,
    attachment_download,
    close,
    incident_detail,
    incident_edit,
    incident_export,
    incident_list,
    link_perpetrator,
    open_matter,
    refer,
    reopen,
    report,
    report_choose,
    set_targets,
)
from benchguard.incidents.views.sanctions import (
    add_sanction,
    apply_for_reconsideration,
    decide_sanction,
    reconsideration_outcome,
    sanction_decision,
)
from benchguard.incidents.views.talks import talk_download, talk_list

__all__ = [
    "acknowledge",
    "add_attachment",
    "add_measure",
    "add_reception",
    "add_sanction",
    "apply_for_reconsideration",
    "attachment_download",
    "chain_notify",
    "close",
    "decide_sanction",
    "incident_detail",
    "incident_edit",
    "incident_export",
    "incident_list",
    "link_perpetrator",
    "open_matter",
    "plan_activate",
    "plan_detail",
    "plan_download",
    "plan_list",
    "reconsideration_outcome",
    "record_arrival",
    "refer",
    "reopen",
    "report",
    "report_choose",
    "sanction_decision",
    "set_targets",
    "talk_download",
    "talk_list",
    "update_measure",
]
