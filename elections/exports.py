"""The compliance matrix as CSV or XLSX."""

from django.utils.translation import gettext as _

from helpers.exports import table_response


def compliance_response(matrix, kind: str):
    """Departments × cycles: each cell says compliant, how many items not compliant, missing, due or not yet."""
    header = [
        _("Department"),
        *[_("Cycle %(number)s") % {"number": c.number} for c in matrix.cycles],
        _("Compliance rate"),
    ]
    rows = []
    for department, cells, rate in matrix.rows:
        row = [department.name]
        for cell in cells:
            text = str(cell.label)
            row.append(f"{text} ({cell.problems})" if cell.problems else text)
        rows.append([*row, rate])
    filename = f"neutrality-{matrix.period.council.slug}-{matrix.period.pk}"
    return table_response(header, rows, kind=kind, filename=filename, title=_("Compliance"))
