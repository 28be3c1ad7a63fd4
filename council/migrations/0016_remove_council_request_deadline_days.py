"""The deadline for document requests moved to the council's legal profile (acts.LegalProfile), copied there first."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0015_council_currency"),
        ("acts", "0004_legal_profiles_from_councils"),
    ]

    operations = [migrations.RemoveField(model_name="council", name="request_deadline_days")]
