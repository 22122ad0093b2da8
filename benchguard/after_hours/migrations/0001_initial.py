"""After-hours protection (A12.3) as its own app, taking over the tables the incident
register created (incidents 0003; incidents 0005 lets go of them): the models are
recorded here with `db_table` naming those tables, and nothing is written to the
database, so every request, officer assignment and log entry stays as it was."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('incidents', '0005_protection_moves_to_after_hours'),
        ('organization', '0002_alter_roleassignment_role'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ProtectionRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='version')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='updated at')),
                        ('risk', models.TextField(verbose_name='the risk')),
                        ('place', models.CharField(max_length=200, verbose_name='where')),
                        ('starts_at', models.DateTimeField(verbose_name='protection from')),
                        ('ends_at', models.DateTimeField(verbose_name='protection until')),
                        ('status', models.CharField(choices=[('requested', 'Requested'), ('approved', 'Approved'), ('declined', 'Declined'), ('completed', 'Completed')], default='requested', max_length=10, verbose_name='status')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                        ('decision_note', models.TextField(blank=True, verbose_name='decision note')),
                        ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed at')),
                        ('completion_note', models.TextField(blank=True, verbose_name='how it ended')),
                        ('court', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organization.court', verbose_name='court')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                        ('incident', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='protection_requests', to='incidents.incident', verbose_name='incident')),
                        ('judge', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='protection_requests', to='organization.person', verbose_name='protected judge')),
                        ('officers', models.ManyToManyField(blank=True, db_table='incidents_protectionrequest_officers', related_name='+', to='organization.person', verbose_name='officers assigned')),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                    ],
                    options={
                        'verbose_name': 'request for after-hours protection',
                        'verbose_name_plural': 'requests for after-hours protection',
                        'db_table': 'incidents_protectionrequest',
                        'ordering': ['-starts_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='ProtectionLogEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                        ('what_was_done', models.TextField(verbose_name='what was done')),
                        ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                        ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='log', to='after_hours.protectionrequest', verbose_name='protection')),
                    ],
                    options={
                        'verbose_name': 'protection log entry',
                        'verbose_name_plural': 'protection log entries',
                        'db_table': 'incidents_protectionlogentry',
                        'ordering': ['at', 'id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='protectionrequest',
                    index=models.Index(fields=['court', 'status'], name='protection_court_status_idx'),
                ),
                migrations.AddConstraint(
                    model_name='protectionrequest',
                    constraint=models.CheckConstraint(condition=models.Q(('ends_at__gt', models.F('starts_at'))), name='protection_ends_after_starts'),
                ),
                migrations.AddConstraint(
                    model_name='protectionrequest',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'requested'), ('decided_at__isnull', False), _connector='OR'), name='protection_decided_has_time'),
                ),
                migrations.AddConstraint(
                    model_name='protectionrequest',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'declined'), _negated=True), models.Q(('decision_note', ''), _negated=True), _connector='OR'), name='protection_declined_has_note'),
                ),
            ],
            database_operations=[],
        ),
    ]
