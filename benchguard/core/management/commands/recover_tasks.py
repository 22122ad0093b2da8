"""`benchguard recover-tasks`: fail or re-queue database-queue tasks left RUNNING by a
killed worker, now (the worker also does it when it starts and every five minutes).

    benchguard recover-tasks            # TASK_RECOVERY_ACTION (default: fail)
    benchguard recover-tasks --requeue  # put them back in the queue

See core.task_recovery for which tasks count as lost.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from benchguard.core.task_recovery import FAIL, REQUEUE, recover_lost_tasks


class Command(BaseCommand):
    help = "Fail or re-queue database-queue tasks whose worker died while running them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--requeue", action="store_const", const=REQUEUE, dest="action")
        action.add_argument("--fail", action="store_const", const=FAIL, dest="action")

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = recover_lost_tasks(now=timezone.now(), action=options["action"])
        for item in recovered:
            self.stdout.write(f"{item.task_id} {item.task_path}: {item.reason}, {item.action}")
        self.stdout.write(f"{len(recovered)} lost task(s) recovered")
