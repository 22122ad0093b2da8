"""Every change in the interference area (A7): the register's entries, referrals and
immediate reports (register.py), the quarterly reports (reports.py) and the personnel
actions the committee reviews (personnel.py)."""

from benchguard.interference.services.personnel import give_opinion, prepare_review, record_action
from benchguard.interference.services.register import (
    amend_entry,
    list_entries,
    open_entry,
    open_matter,
    record_entry,
    refer_entry,
    report_immediately,
    settings_for,
)
from benchguard.interference.services.reports import (
    acknowledge_higher,
    export_report,
    flag_late_reports,
    open_report,
    prepare_reports,
    quarter_reports_job,
    record_committee_receipt,
    submit_report,
)

__all__ = [
    "acknowledge_higher",
    "amend_entry",
    "export_report",
    "flag_late_reports",
    "give_opinion",
    "list_entries",
    "open_entry",
    "open_matter",
    "open_report",
    "prepare_reports",
    "prepare_review",
    "quarter_reports_job",
    "record_action",
    "record_committee_receipt",
    "record_entry",
    "refer_entry",
    "report_immediately",
    "settings_for",
    "submit_report",
]
