"""Seed the statutory caps of courtroom fines and detention (A9.3); the figures and their
sources are in benchguard/incidents/caps.py."""

from django.db import migrations

from benchguard.incidents.caps import seed_caps


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    seed_caps(apps.get_model("incidents", "SanctionCap"))


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
