"""The daily escalation of attestations missing after their deadline."""

from django.db import migrations

FUNC = "departments.tasks.escalate_missing_attestations"


def add_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        func=FUNC, defaults={"name": "Missing neutrality attestations", "schedule_type": "D"}
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [("departments", "0004_elections")]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
