"""Scheduled work at the gate: purge visitors' personal data after the retention period."""

from django_tasks import task

from benchguard.core.jobs import daily, periodic
from benchguard.gate import services


@periodic("gate.purge_visitor_data", daily(at="02:30"))
@task()
def purge_visitor_data() -> int:
    return services.purge_visitor_data()
