"""Seed the statutory caps of courtroom fines and detention (A9.3).

- Civil Procedure Law (2021 revision; the numbers moved between revisions), art. 118: fine on an individual up to RMB 100,000; on an
  organisation RMB 50,000 to 1,000,000; detention up to 15 days; art. 119: fines and
  detention need the court president's approval.
- Administrative Litigation Law (2017), art. 59: fine up to RMB 10,000, detention up to
  15 days, with the president's approval.
- Criminal Procedure Law (2018), art. 199: fine up to RMB 1,000, detention up to 15
  days, with the president's approval.
"""

from django.db import migrations

CAPS = [
    ("civil", 100_000, 50_000, 1_000_000, 15, "《中华人民共和国民事诉讼法》（2021年修正）第一百一十八条、第一百一十九条"),
    ("administrative", 10_000, 0, 10_000, 15, "《中华人民共和国行政诉讼法》第五十九条"),
    ("criminal", 1_000, 0, 1_000, 15, "《中华人民共和国刑事诉讼法》第一百九十九条"),
]


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    SanctionCap = apps.get_model("incidents", "SanctionCap")
    for procedure, individual, org_min, org_max, days, statute in CAPS:
        SanctionCap.objects.get_or_create(
            procedure=procedure,
            defaults={
                "fine_individual_max": individual,
                "fine_organization_min": org_min,
                "fine_organization_max": org_max,
                "detention_max_days": days,
                "statute": statute,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
