"""Test-only: remove every row of the interference area, children first (for tests that
need an empty database, such as the seed-scale test). The register's rows are permanent
(models.Permanent; on PostgreSQL a trigger): their triggers are set aside for the
deletion, which only a test does."""

from __future__ import annotations

from django.db import connection

from benchguard.interference.models import (
    Entry,
    EntryAttachment,
    ImmediateReport,
    InterferenceSettings,
    PersonnelAction,
    ProtectionFlag,
    QuarterReport,
    Referral,
)
from benchguard.notifications.models import Notification

PERMANENT = [ProtectionFlag, ImmediateReport, Referral, EntryAttachment]


def delete_interference_rows() -> None:
    Notification.objects.filter(kind__startswith="interference.").delete()
    tables = [model._meta.db_table for model in [*PERMANENT, Entry]]
    entries = Entry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Other areas' deletions before this one leave deferred foreign-key checks
            # pending, and PostgreSQL alters no table while they are: run them now, and
            # at once for the rest of this step, so the triggers can be set back after.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for table in tables[:-1]:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608  (our own table names)
        cursor.execute(f"DELETE FROM {entries} WHERE amends_id IS NOT NULL")  # noqa: S608
        cursor.execute(f"DELETE FROM {entries}")  # noqa: S608
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    PersonnelAction.objects.all().delete()
    QuarterReport.objects.all().delete()
    InterferenceSettings.objects.all().delete()
