"""The daily escalation of missing attestations now runs from the elections app: its schedule names the new path."""

from django.db import migrations

OLD = "departments.tasks.escalate_missing_attestations"
NEW = "elections.tasks.escalate_missing_attestations"


def rename(old, new):
    def run(apps, schema_editor):
        apps.get_model("django_q", "Schedule").objects.filter(func=old).update(func=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("elections", "0001_initial"),
        ("departments", "0005_escalation_schedule"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD))]
