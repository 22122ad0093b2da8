"""After-hours protection (A12.3) moves to its own app, `after_hours`, with its rows.

Only Django's record of the models changes here: the tables stay where they are
(`incidents_protectionrequest`, `incidents_protectionrequest_officers`,
`incidents_protectionlogentry`) and after_hours' 0001 takes them over by name. Nothing is
written to the database, in either direction."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0004_sanctions_on_people_reconsideration_case_judge'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='protectionrequest',
                    name='court',
                ),
                migrations.RemoveField(
                    model_name='protectionrequest',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='protectionrequest',
                    name='incident',
                ),
                migrations.RemoveField(
                    model_name='protectionrequest',
                    name='judge',
                ),
                migrations.RemoveField(
                    model_name='protectionrequest',
                    name='officers',
                ),
                migrations.RemoveField(
                    model_name='protectionrequest',
                    name='requested_by',
                ),
                migrations.DeleteModel(
                    name='ProtectionLogEntry',
                ),
                migrations.DeleteModel(
                    name='ProtectionRequest',
                ),
            ],
            database_operations=[],
        ),
    ]
