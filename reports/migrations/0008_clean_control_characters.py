"""Text saved before the forms removed control characters and stray bidi controls is cleaned of them."""

from django.db import migrations

from helpers.text_cleanup import clean_text_columns


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_document_heartbeat")]

    operations = [clean_text_columns("reports")]
