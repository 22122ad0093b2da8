"""The requests to the police are requests of the liaison register now (A19): liaison's
migration 0003 moved every row there first, so the table goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0006_incident_court_recent"),
        ("liaison", "0003_police_requests_join_the_register"),
    ]

    operations = [
        migrations.DeleteModel(name="PoliceRequest"),
    ]
