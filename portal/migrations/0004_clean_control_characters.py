"""Text saved before the forms removed control characters and stray bidi controls is cleaned of them."""

from django.db import migrations

from helpers.text_cleanup import clean_text_columns


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_answer_file_upload_check")]

    operations = [clean_text_columns("portal")]
