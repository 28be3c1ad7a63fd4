"""`{% print_card subject %}`: the print card of a page, with the documents its viewer may print about the subject."""

from django import template

from reports.registry import printables_for

register = template.Library()


@register.inclusion_tag("reports/_print_form.html", takes_context=True)
def print_card(context, subject):
    printables = printables_for(context["request"].user, subject)
    return {
        "council": context["council"],
        "csrf_token": context.get("csrf_token"),
        "kinds": [(p.kind, p.label) for p in printables],
        "subject_field": printables[0].subject_field if printables else "",
        "subject": subject,
    }
