"""Seed the example cap table (welfare.caps): Anhui's 2018 condolence caps, labelled as
an example."""

from django.db import migrations


def seed(apps, schema_editor):
    from benchguard.welfare.caps import seed_example_caps

    seed_example_caps(apps.get_model("welfare", "CondolenceCap"))


def unseed(apps, schema_editor):
    from benchguard.welfare.caps import EXAMPLE_JURISDICTION

    apps.get_model("welfare", "CondolenceCap").objects.filter(jurisdiction=EXAMPLE_JURISDICTION).delete()


class Migration(migrations.Migration):
    dependencies = [("welfare", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
