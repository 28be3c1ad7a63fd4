"""Optimistic locking: a save that started from an old version is refused, never silently applied."""

from django import forms
from django.contrib import messages
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved the row after this edit began."""


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class VersionedFormMixin:
    """Carries the version the edit started from in a hidden field (a form without `instance` sets it first)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.initial.setdefault("base_version", self.instance.version)

    def full_clean(self):
        super().full_clean()
        if self._errors and self._errors.pop("base_version", None):  # a hidden field's error would go unseen
            self.add_error(None, _("This page is out of date. Reload it and make your changes again."))

    def show_saved_version(self, saved: models.Model) -> None:
        """After a conflict: the next save starts from the version now saved; what was typed stays in the form."""
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = saved.version


def claim_version(instance: Versioned, base_version) -> None:
    """Lock the row and set instance.version to the next one, or raise EditConflict if the row is no longer at
    base_version (a missing one is a conflict too, never "the current one"). Call inside a transaction, then save()
    the instance, so that history rows and auto_now fields are written."""
    current = (
        type(instance).objects.select_for_update().filter(pk=instance.pk).values_list("version", flat=True).first()
    )
    if base_version is None or current != base_version:
        raise EditConflict
    instance.version = current + 1


def locked(instance):
    """The row as it is now, locked until the transaction ends: check states on this, not on what a view loaded."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def conflicting_values(form, saved) -> list[tuple[str, object]]:
    """(label, saved value) of each field where what someone else saved differs from what this form holds."""
    conflicts = []
    for name in form._meta.fields:
        mine = form.cleaned_data.get(name)
        theirs = getattr(saved, name)
        if mine != theirs and not (mine in (None, "", []) and theirs in (None, "", [])):
            field = saved._meta.get_field(name)
            shown = dict(field.flatchoices).get(theirs, theirs) if field.choices else theirs
            conflicts.append((form.fields[name].label, shown))
    return conflicts


def edit_conflict(request, form, saved) -> list[tuple[str, object]]:
    """After an EditConflict: what was typed stays in the form, its next save starts from the saved version, the
    user is told, and the fields where the saved version differs come back to be shown beside the form."""
    form.show_saved_version(saved)
    messages.error(request, CONFLICT_MESSAGE)
    return conflicting_values(form, saved)


@transaction.atomic
def save_versioned(form, *, by=None) -> models.Model:
    """Save a VersionedFormMixin model form, or raise EditConflict if the row moved on meanwhile.

    `by` is recorded as the history row's user; without it, the request's user (HistoryRequestMiddleware).
    """
    instance = form.instance
    if by is not None:
        instance._history_user = by
    if instance.pk is not None:
        claim_version(instance, form.cleaned_data.get("base_version"))
    return form.save()


CONFLICT_MESSAGE = _(
    "Someone else saved this while you were editing. Your changes are still in the form below; "
    "the saved version is shown beside it. Review both, then save again."
)
