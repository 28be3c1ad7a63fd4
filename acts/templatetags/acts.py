from django import template

from acts.models import STANDINGS

register = template.Library()


@register.inclusion_tag("acts/_standing.html")
def act_standing(act, today, council):
    """The act's standing on that day as a badge, with its deadline while it waits to be published."""
    standing = act.standing(today)
    return {"act": act, "council": council, "standing": standing, "label": STANDINGS[standing]}
