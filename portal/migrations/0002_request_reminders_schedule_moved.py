"""The daily document-request reminders' schedule names its task by path: it follows the task to the portal app."""

from django.db import migrations

OLD = "council.tasks.send_request_reminders"
NEW = "portal.tasks.send_request_reminders"


def rename(old: str, new: str):
    def run(apps, schema_editor):
        apps.get_model("django_q", "Schedule").objects.filter(func=old).update(func=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_documentrequest_moved_here"),
        ("council", "0006_request_reminders_schedule"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD))]
