"""The recurring jobs: meeting reminders every morning, the liaisons' digest every week."""

from django.db import migrations

SCHEDULES = [
    ("Meeting reminders", "meetings.tasks.send_meeting_reminders", "D"),
    ("Weekly action-item digest to liaisons", "meetings.tasks.send_liaison_digests", "W"),
]


def add_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, schedule_type in SCHEDULES:
        Schedule.objects.update_or_create(func=func, defaults={"name": name, "schedule_type": schedule_type})


def remove_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func__in=[func for _, func, _ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial"), ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")]

    operations = [migrations.RunPython(add_schedules, remove_schedules)]
