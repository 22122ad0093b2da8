"""Make the interference register permanent in the database itself (A7.1: 永久存储):
its entries, their attachments, referrals, immediate reports and the protection flags
of personnel actions.

UPDATE is refused on every backend. On PostgreSQL DELETE is refused too; on SQLite it
is left to the ORM guard (models.Permanent) because Django's test runner empties tables
with DELETE (as core 0002 does for the audit log). TRUNCATE, which only an operator
runs, is not a row change and is not stopped."""

from django.db import migrations

TABLES = [
    "interference_entry",
    "interference_entryattachment",
    "interference_referral",
    "interference_immediatereport",
    "interference_protectionflag",
]

SQLITE = [
    f"""CREATE TRIGGER {table}_permanent BEFORE UPDATE ON {table}
       BEGIN SELECT RAISE(ABORT, 'the interference register is permanent'); END;"""
    for table in TABLES
]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {table}_permanent;" for table in TABLES]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION interference_permanent() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the interference register is permanent'; END; $$ LANGUAGE plpgsql;""",
    *(
        f"""CREATE TRIGGER {table}_permanent BEFORE UPDATE OR DELETE ON {table}
           FOR EACH ROW EXECUTE FUNCTION interference_permanent();"""
        for table in TABLES
    ),
]
POSTGRES_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_permanent ON {table};" for table in TABLES),
    "DROP FUNCTION IF EXISTS interference_permanent();",
]


def _run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("interference", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
