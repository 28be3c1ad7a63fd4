"""Each council's deadline for document requests (Council.request_deadline_days) becomes its legal profile."""

from django.db import migrations


def forwards(apps, schema_editor):
    Council = apps.get_model("council", "Council")
    LegalProfile = apps.get_model("acts", "LegalProfile")
    for council in Council.objects.all():
        LegalProfile.objects.get_or_create(council=council, defaults={"days_to_decide": council.request_deadline_days})


def backwards(apps, schema_editor):
    Council = apps.get_model("council", "Council")
    for profile in apps.get_model("acts", "LegalProfile").objects.all():
        Council.objects.filter(pk=profile.council_id).update(request_deadline_days=profile.days_to_decide)


class Migration(migrations.Migration):
    dependencies = [("acts", "0003_legalprofile"), ("council", "0015_council_currency")]

    operations = [migrations.RunPython(forwards, backwards)]
