"""Text saved before the forms removed control characters and stray bidi controls is cleaned of them."""

from django.db import migrations

from helpers.text_cleanup import clean_text_columns


class Migration(migrations.Migration):
    dependencies = [("elections", "0002_escalation_schedule_moved")]

    operations = [clean_text_columns("elections")]
