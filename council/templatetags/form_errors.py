"""The error summary at the top of a form page, and the page title that says "Error:".

{% load form_errors %}
{% block title %}{% error_title form %}{{ title }}{% endblock %}
{% error_summary form other_form formset %}   a box listing each error, a link to its field
"""

from django import template
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.translation import gettext

register = template.Library()


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
    """Each error of the given forms: its message, the label of its field when the message does not name it,
    and the address of the field (none for errors of the whole form)."""
    entries = []
    for form in _forms(items):
        if not form.is_bound:
            continue
        if hasattr(form, "forms"):
            entries += [{"message": message} for message in form.non_form_errors()]
            continue
        for name, messages in form.errors.items():
            field = None if name == NON_FIELD_ERRORS else form[name]
            if field is None or field.is_hidden:
                entries += [{"message": message} for message in messages]
                continue
            target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
            label = str(field.label or "")
            for message in messages:
                named = label and label.casefold().rstrip(":?؟") in message.casefold()
                entries.append({"message": message, "label": "" if named else label, "href": f"#{target}"})
    return entries


@register.inclusion_tag("council/_error_summary.html")
def error_summary(*items):
    return {"errors": summary_entries(*items)}


@register.simple_tag
def error_title(*items):
    """ "Error: " before the page's title when a form on it has errors, so a screen reader hears it first."""
    return gettext("Error: ") if summary_entries(*items) else ""
