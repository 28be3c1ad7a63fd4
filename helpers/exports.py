"""A table as a CSV or XLSX download: every export of the app goes through here."""

import csv
import io

from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from openpyxl import Workbook

from helpers.files import private_download
from helpers.l10n.text import strip_controls

EXPORT_KINDS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP's CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _clean(value):
    """Text without control characters (XLSX refuses them, and they may be in rows saved before the forms cleaned
    text); numbers stay numbers, so that a spreadsheet can add them up."""
    if isinstance(value, Promise):
        value = str(value)
    return strip_controls(value) if isinstance(value, str) else value


def _formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def table_response(header: list, rows: list[list], *, kind: str, filename: str, title: str) -> HttpResponse:
    """`kind` is "csv" or "xlsx"; an XLSX sheet reads right to left when the active language does.

    Text that a spreadsheet program would read as a formula stays text: in CSV it gets a leading apostrophe, in
    XLSX it is written as a string cell marked "quote prefix" (shown as typed, never evaluated).
    """
    rows = [[_clean(cell) for cell in row] for row in [header, *rows]]
    if kind == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so spreadsheet programs read the file as UTF-8 (Persian, ë, ç)
        csv.writer(buffer).writerows([["'" + c if _formula_like(c) else c for c in row] for row in rows])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = strip_controls(title)[:31]
        sheet.sheet_view.rightToLeft = translation.get_language_bidi()
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if _formula_like(cell.value):
                    cell.data_type, cell.quotePrefix = "s", True
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return private_download(response)
