"""The usual risk checklist and three levels (cases/defaults.py)."""

from django.db import migrations

from benchguard.cases.defaults import seed_risk_checklist


def seed(apps, schema_editor):
    seed_risk_checklist(apps.get_model("cases", "RiskFlag"), apps.get_model("cases", "RiskLevel"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_risk")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
