"""Training's daily job: untrained judges at risk are flagged to the committee office (A11)."""

from __future__ import annotations

from django_tasks import task

from benchguard.core.jobs import daily, periodic
from benchguard.training import services


@periodic("training.flag_untrained_at_risk", daily(at="07:30"))
@task()
def flag_untrained_at_risk() -> int:
    return services.flag_untrained_at_risk()
