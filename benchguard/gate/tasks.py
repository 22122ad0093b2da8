"""Scheduled work at the gate: purge visitors' personal data after the retention period;
put on hold every check the judicial police did not answer in time (issue 9)."""

from django_tasks import task

from benchguard.core.jobs import daily, every_minutes, periodic
from benchguard.gate import services


@periodic("gate.purge_visitor_data", daily(at="02:30"))
@task()
def purge_visitor_data() -> int:
    return services.purge_visitor_data()


@periodic("gate.escalate_overdue_checks", every_minutes(1))
@task()
def escalate_overdue_checks() -> int:
    return services.escalate_overdue_checks()
