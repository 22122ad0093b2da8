"""Background work of cases: filing a confirmed sheet of cases (A14)."""

from django_tasks import task

from benchguard.cases import services
from benchguard.core.jobs import every_minutes, hourly, periodic


@task()
def run_case_import(import_id: int) -> int:
    """File the cases of a confirmed import, all or none (`services.run_import`); safe to
    run twice: a second run finds the import no longer running and does nothing."""
    return services.run_import(import_id)


@periodic("cases.escalate_alerts", every_minutes(5))
@task()
def escalate_alerts() -> int:
    """Raise the risk alerts nobody acknowledged in time with the next level up (A14,
    A16); each occasion reaches each level once."""
    return services.escalate_alerts()


@periodic("cases.sweep_stalled_imports", hourly(minute=20))
@task()
def sweep_stalled_imports() -> int:
    """Fail the imports a stopped worker left running, nothing saved (A14)."""
    return services.sweep_stalled_imports()
