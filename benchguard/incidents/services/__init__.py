"""Every change to the incident register (A8, A9, A13) goes through these functions:
each checks permission, validates, writes in one transaction and leaves an audit entry.

One module per topic; this package names them all, so `services.report_incident(...)`
reads the same wherever it is called from:

- register: reporting, correcting, protected persons, linked persons of concern,
  attachments, referral, closing and reopening, a committee matter, the export;
- measures: protective measures (A8; requests to the police are the liaison register's, A19);
- sanctions: courtroom sanctions, their caps, decisions and reconsideration (A9.3);
- petitions: the group-petition chain and receptions (A13.1, A13.2);
- plans: emergency plans and their activation (A13.4);
- talks: warning talks (A13.3).
"""

from benchguard.incidents.permissions import is_police_officer
from benchguard.incidents.services.measures import (
    MEASURE_STEPS,
    add_measure,
    update_measure,
)
from benchguard.incidents.services.petitions import (
    RECEIVING_ROLES,
    acknowledge_step,
    can_receive_petitioners,
    case_judge_of,
    notify_step,
    reception_rule_applies,
    record_reception,
)
from benchguard.incidents.services.plans import activate_plan, add_plan, record_arrival
from benchguard.incidents.services.register import (
    EDITABLE_FIELDS,
    EXPORT_COLUMNS,
    INCIDENT_FIELDS,
    add_attachment,
    close_incident,
    export_incidents,
    link_perpetrator,
    open_attachment,
    open_matter,
    refer_for_prosecution,
    reopen_incident,
    report_incident,
    set_targets,
    update_incident,
)
from benchguard.incidents.services.sanctions import (
    apply_for_reconsideration,
    cap_for,
    check_cap,
    decide_sanction,
    impose_sanction,
    open_decision,
    reconsideration_due,
    record_reconsideration_outcome,
    update_sanction_cap,
)
from benchguard.incidents.services.talks import open_talk_record, record_warning_talk

__all__ = [
    "EDITABLE_FIELDS",
    "EXPORT_COLUMNS",
    "INCIDENT_FIELDS",
    "MEASURE_STEPS",
    "RECEIVING_ROLES",
    "acknowledge_step",
    "activate_plan",
    "add_attachment",
    "add_measure",
    "add_plan",
    "apply_for_reconsideration",
    "can_receive_petitioners",
    "cap_for",
    "case_judge_of",
    "check_cap",
    "close_incident",
    "decide_sanction",
    "export_incidents",
    "impose_sanction",
    "is_police_officer",
    "link_perpetrator",
    "notify_step",
    "open_attachment",
    "open_decision",
    "open_matter",
    "open_talk_record",
    "reception_rule_applies",
    "reconsideration_due",
    "record_arrival",
    "record_reception",
    "record_reconsideration_outcome",
    "record_warning_talk",
    "refer_for_prosecution",
    "reopen_incident",
    "report_incident",
    "set_targets",
    "update_incident",
    "update_measure",
    "update_sanction_cap",
]
