"""The error summary at the top of a form page, and the page title that says "Error:".

{% load form_errors %}
{% block title %}{% error_title form %}{{ title }}{% endblock %}
{% error_summary form other_form formset %}   a box listing each error, a link to its field
"""

from django import template
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.text import Truncator
from django.utils.translation import gettext

register = template.Library()

# A summary link names its field in a few words: a label longer than this (a survey's whole question) is cut.
SHORT_LABEL = 48


def _short(label) -> str:
    return Truncator(str(label or "")).chars(SHORT_LABEL)


def _forms(items):
    """The forms among the arguments, a formset's forms included, with the formset's own errors as a form's."""
    for item in items:
        if item is None or item == "":
            continue
        if isinstance(item, list | tuple):
            yield from _forms(item)
        elif hasattr(item, "forms"):  # a formset
            yield item
            yield from _forms(item.forms)
        else:
            yield item


def summary_entries(*items) -> list[dict]:
    """Each error of the given forms: its message, the short label of its field when the message does not name
    it, and the address of the field (none for errors of the whole form).

    A form among several alike (the items of an attestation) names itself: `summary_label(name)` gives the
    label of its field `name`, or of the form itself for `None`, and `summary_anchor` the id of the element its
    own errors are shown in."""
    entries = []
    for form in _forms(items):
        if not form.is_bound:
            continue
        if hasattr(form, "forms"):
            entries += [{"message": message} for message in form.non_form_errors()]
            continue
        labeller = getattr(form, "summary_label", None)
        for name, messages in form.errors.items():
            field = None if name == NON_FIELD_ERRORS else form[name]
            if field is None or field.is_hidden:
                anchor = getattr(form, "summary_anchor", "")
                if anchor:
                    label = _short(labeller(None)) if labeller else ""
                    entries += [{"message": message, "label": label, "href": f"#{anchor}"} for message in messages]
                else:
                    entries += [{"message": message} for message in messages]
                continue
            target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
            label = str(field.label or "")
            for message in messages:
                # A message that names its field ("Enter the place.") needs no label before it.
                named = label and label.casefold().rstrip(":?؟") in message.casefold()
                shown = (labeller(None if named else name) if labeller else "") or ("" if named else label)
                entries.append({"message": message, "label": _short(shown), "href": f"#{target}"})
    return entries


@register.inclusion_tag("council/_error_summary.html")
def error_summary(*items):
    return {"errors": summary_entries(*items)}


@register.simple_tag
def error_title(*items):
    """ "Error: " before the page's title when a form on it has errors, so a screen reader hears it first."""
    return gettext("Error: ") if summary_entries(*items) else ""
