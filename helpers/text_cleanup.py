"""Cleaning text saved before the forms removed control characters: one data migration per app uses this."""

from django.db import migrations, models
from django.db.models import Q

from helpers.l10n.text import CONTROLS_PATTERN, strip_controls


def text_columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]


def rows_with_controls(model):
    """The rows holding a control character (or a stray bidi control) in any text column, found by the database."""
    dirty = Q()
    for column in text_columns(model):
        dirty |= Q(**{f"{column}__regex": CONTROLS_PATTERN})
    return model._base_manager.filter(dirty)


def clean_text_columns(app_label: str) -> migrations.RunPython:
    """A migration operation that cleans every text column of the app's tables (history tables too), reading and
    writing only the rows that hold such characters. Undoing it changes nothing: the characters were garbage."""

    def forwards(apps, schema_editor):
        for model in apps.get_app_config(app_label).get_models():
            columns = text_columns(model)
            if model._meta.proxy or not model._meta.managed or not columns:
                continue
            for row in rows_with_controls(model).values("pk", *columns).iterator():
                changes = {column: strip_controls(row[column]) for column in columns if row[column]}
                model._base_manager.filter(pk=row["pk"]).update(
                    **{column: value for column, value in changes.items() if value != row[column]}
                )

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)
