"""CSV and XLSX exports of the follow-up list, with dates in the council's calendar."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from helpers.exports import table_response
from helpers.l10n import calendars
from helpers.l10n.digits import localize_digits


def action_item_rows(council, items) -> tuple[list[str], list[list[str]]]:
    language = translation.get_language()

    def day(value):
        return calendars.format_date(value, calendar=council.calendar, language=language) if value else ""

    header = [
        _("Decision"),
        _("Meeting"),
        _("Department"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Latest progress"),
    ]
    today = council.today()
    rows = [
        [
            localize_digits(action.decision.reference, language),
            localize_digits(str(action.decision.item.meeting), language),
            action.department.name,
            day(action.due_date),
            action.get_status_display(),
            _("Yes") if action.is_overdue(today) else "",
            action.latest_progress or "",
        ]
        for action in items
    ]
    return header, rows


def action_items_response(council, items, kind: str) -> HttpResponse:
    header, rows = action_item_rows(council, items)
    filename = f"action-items-{council.slug}-{council.today():%Y%m%d}"
    return table_response(header, rows, kind=kind, filename=filename, title=_("Action items"))
