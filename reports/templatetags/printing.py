"""`{% print_card subject %}`: the print card of a page, with the documents its viewer may print about the subject
(`{% print_card council year=2026 %}`: about one of its years)."""

from django import template

from reports.registry import printables_for

register = template.Library()


@register.inclusion_tag("reports/_print_form.html", takes_context=True)
def print_card(context, subject, year=None):
    printables = printables_for(context["request"].user, subject, yearly=year is not None)
    return {
        "year": year,
        "council": context["council"],
        "csrf_token": context.get("csrf_token"),
        "kinds": [(p.kind, p.label) for p in printables],
        "subject_field": printables[0].subject_field if printables else "",
        "subject": subject,
    }
