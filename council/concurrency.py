"""Optimistic locking: a save that started from an old version is refused, never silently applied."""

from django import forms
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from council.caching import council_changed, council_id_of


class EditConflict(Exception):
    """Someone else saved the row after this edit began."""


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class VersionedFormMixin:
    """Carries the version the edit started from in a hidden field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.initial.setdefault("base_version", self.instance.version)

    def full_clean(self):
        super().full_clean()
        if self._errors and self._errors.pop("base_version", None):  # a hidden field's error would go unseen
            self.add_error(None, _("This page is out of date. Reload it and make your changes again."))


def save_versioned(form) -> models.Model:
    """Save a VersionedFormMixin model form, or raise EditConflict if the row moved on meanwhile."""
    instance = form.instance
    if instance.pk is None:
        return form.save()
    base_version = form.cleaned_data.get("base_version") or instance.version
    values = {name: getattr(form.save(commit=False), name) for name in form._meta.fields}
    updated = (
        type(instance).objects.filter(pk=instance.pk, version=base_version).update(**values, version=F("version") + 1)
    )
    if not updated:
        raise EditConflict
    council_changed(council_id_of(instance))  # update() sends no post_save
    instance.refresh_from_db()
    return instance


CONFLICT_MESSAGE = _(
    "Someone else saved this while you were editing. Your changes are still in the form below; "
    "the saved version is shown beside it. Review both, then save again."
)
