"""A table as a CSV or XLSX download: every export of the app goes through here."""

import csv
import io

from django.http import HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from openpyxl import Workbook

from council.files import private_download

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(header: list, rows: list[list], *, kind: str, filename: str, title: str) -> HttpResponse:
    """`kind` is "csv" or "xlsx"; an XLSX sheet reads right to left when the active language does.

    Numbers stay numbers (a spreadsheet can add them up); translated labels become plain text.
    """
    header = [str(cell) for cell in header]
    rows = [[str(cell) if isinstance(cell, Promise) else cell for cell in row] for row in rows]
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
        sheet.title = title[:31]
        sheet.sheet_view.rightToLeft = translation.get_language_bidi()
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return private_download(response)
