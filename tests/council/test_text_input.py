"""Typed text goes through one normaliser (council.forms.FormMixin): control characters and stray bidi controls
never reach the database, whichever form they were typed into."""

import importlib

import pytest
from django import forms
from django.conf import settings
from django.forms.formsets import BaseFormSet
from django.utils.module_loading import import_string
from django_filters import FilterSet

from council.forms import FormMixin

FORM_MODULES = ["council.forms", "meetings.forms", "departments.forms", "elections.forms", "portal.forms"]


class NoteForm(FormMixin, forms.Form):
    title = forms.CharField()
    text = forms.CharField(widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["later"] = forms.CharField(widget=forms.Textarea)  # as MinutesForm adds one per agenda item


def test_control_characters_go_tab_and_newlines_stay_in_multi_line_text():
    pasted = "First\x0bsecond\x00\x07 line\u202e\r\n\tindented\x85end\x9f\ufffe"
    form = NoteForm(data={"title": "A\x00 title\x0bwith\tbreaks\n", "text": pasted, "later": pasted})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "A title with breaks"
    assert form.cleaned_data["text"] == "First\nsecond line\r\n\tindented\nend"
    assert form.cleaned_data["later"] == form.cleaned_data["text"]


def test_a_nul_typed_into_a_text_field_is_dropped_and_the_rest_is_kept():
    form = NoteForm(data={"title": "a\x00b", "text": "c\x00d", "later": "x"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["title"], form.cleaned_data["text"]) == ("ab", "cd")


def project_form_classes():
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == name and issubclass(value, forms.BaseForm):
                yield value
            elif isinstance(value, type) and issubclass(value, BaseFormSet):
                yield value.form
            elif isinstance(value, type) and issubclass(value, FilterSet) and value.__module__ == name:
                yield value._meta.form
    for path in [*settings.ACCOUNT_FORMS.values(), *settings.MFA_FORMS.values()]:
        yield import_string(path)


@pytest.mark.parametrize("form_class", list(project_form_classes()), ids=lambda c: c.__qualname__)
def test_every_form_of_the_project_goes_through_the_normaliser(form_class):
    assert issubclass(form_class, FormMixin)
