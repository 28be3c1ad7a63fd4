"""CSV and XLSX exports of the follow-up list, with dates in the council's calendar."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from council.l10n import calendars
from council.l10n.digits import localize_digits


def council_today(council):
    return timezone.localdate(timezone=council.tzinfo)


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
    today = council_today(council)
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
    filename = f"action-items-{council.slug}-{council_today(council):%Y%m%d}.{kind}"
    if kind == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so spreadsheet programs read the file as UTF-8 (Persian, ë, ç)
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Action items")[:31]
        sheet.sheet_view.rightToLeft = translation.get_language_bidi()
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
