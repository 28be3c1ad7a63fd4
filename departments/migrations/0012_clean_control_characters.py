"""Text saved before the forms removed control characters and stray bidi controls is cleaned of them."""

from django.db import migrations

from helpers.text_cleanup import clean_text_columns


class Migration(migrations.Migration):
    dependencies = [("departments", "0011_election_models_moved_to_elections")]

    operations = [clean_text_columns("departments")]
