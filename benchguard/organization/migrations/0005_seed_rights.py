"""The starting taxonomy of rights and interests (organization/rights.py, A3)."""

from django.db import migrations

from benchguard.organization.rights import seed_rights


def seed(apps, schema_editor):
    seed_rights(apps.get_model("organization", "RightCategory"))


class Migration(migrations.Migration):
    dependencies = [("organization", "0004_right_category")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
