"""Optimistic locking: a save that started from an old version is refused, never silently applied."""

from django import forms
from django.contrib import messages
from django.db import models, transaction
from django.forms.models import model_to_dict
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


def _comparable(value):
    """A form's value and a model's value in the same terms: rows by id, many rows as a set of ids."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | models.QuerySet):
        return frozenset(_comparable(v) for v in value)
    return None if value in ("", []) else value


def _as_shown(field, value) -> object:
    """A saved value as the form field shows it: the labels of what is chosen, a date in the council's calendar."""
    if value in (None, "", []) or isinstance(value, bool):
        return value
    if getattr(field, "choices", None) is not None:
        chosen = {str(v) for v in (value if isinstance(value, list | tuple | set) else [value])}
        return ", ".join(str(label) for key, label in field.choices if str(key) in chosen)
    return field.prepare_value(value)


def conflicting_values(form, saved) -> list[tuple[str, object]]:
    """(label, saved value) of each field where what someone else saved differs from what this form holds."""
    conflicts = []
    for name, theirs in model_to_dict(saved, fields=form._meta.fields).items():
        if name not in form.fields or _comparable(form.cleaned_data.get(name)) == _comparable(theirs):
            continue
        field = form.fields[name]
        if isinstance(theirs, list):  # many rows: their ids, as the field's choices know them
            theirs = [getattr(row, "pk", row) for row in theirs]
        conflicts.append((field.label, _as_shown(field, theirs)))
    return conflicts


def edit_conflict(request, form, saved) -> list[tuple[str, object]]:
    """After an EditConflict: what was typed stays in the form, its next save starts from the saved version, the
    user is told, and the fields where the saved version differs come back to be shown beside the form
    (`council/_edit_conflict.html`)."""
    conflicts = conflicting_values(form, saved)
    form.show_saved_version(saved)
    messages.error(request, CONFLICT_MESSAGE)
    return conflicts


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
