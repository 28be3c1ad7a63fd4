"""Template filters that show dates in a council's calendar and digits in the page's script.

{{ meeting.starts_at|cdatetime:council }}   ۱۵ فروردین ۱۴۰۵، ۱۴:۳۰ / 4 prill 2026, 14:30
{{ invitation.expires_at|cdate:council }}
{{ count|digits }}                           ۱۳ on Persian pages
"""

from zoneinfo import ZoneInfo

from django import template
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language

from council import navigation, permissions
from helpers.l10n import calendars
from helpers.l10n.digits import localize_digits, localize_digits_in_html

register = template.Library()
UTC = ZoneInfo("UTC")


def _calendar_and_zone(council):
    """A council's calendar and zone; Gregorian UTC when there is no council to ask."""
    return (council.calendar, council.tzinfo) if council else (calendars.GREGORIAN, UTC)


@register.filter
def cdate(value, council):
    if not value:
        return ""
    calendar, tz = _calendar_and_zone(council)
    return calendars.format_date(value, calendar=calendar, language=get_language(), tz=tz)


@register.filter
def cdatetime(value, council):
    if not value:
        return ""
    calendar, tz = _calendar_and_zone(council)
    return calendars.format_datetime(value, calendar=calendar, language=get_language(), tz=tz)


@register.filter
def digits(value):
    """Persian digits on Persian pages; the value unchanged elsewhere. Given HTML (a help text), only its text."""
    if value is None:
        return ""
    if isinstance(value, SafeData):
        return mark_safe(localize_digits_in_html(str(value), get_language()))
    return localize_digits(str(value), get_language())


@register.filter
def overdue_on(action_item, today):
    """Whether an action item is past its due date and still open, on the given day."""
    return action_item.is_overdue(today)


@register.simple_tag(takes_context=True)
def council_menu(context, council):
    """The council's section menu for the person signed in, or None for someone who is not in the council."""
    user = context["request"].user
    if not permissions.can_view_council(user, council):
        return None
    return {
        "sections": navigation.council_menu(user, council, context["request"].path),
        "can_manage": permissions.can_manage_council(user, council),
    }
