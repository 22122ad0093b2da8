"""Fixtures of the cases tests: the database task queue and one pass of the real worker
(as the notification tests run them), for the import of a sheet of cases."""

from benchguard.notifications.tests.conftest import database_tasks, run_worker  # noqa: F401  (fixtures)
