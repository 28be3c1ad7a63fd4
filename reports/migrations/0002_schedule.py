"""Every ten minutes, documents whose build outlived all its retries are marked failed."""

from django.db import migrations

FUNC = "reports.tasks.fail_stale_documents"


def add_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        func=FUNC, defaults={"name": "Give up on stuck documents", "schedule_type": "I", "minutes": 10}
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
