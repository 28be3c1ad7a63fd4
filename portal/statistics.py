"""The figures the access-to-documents law asks an institution to keep, for a year of its calendar: requests per
month, how they ended (granted in full or in part, refused by ground, transferred), those overdue or answered late,
the appeals, and the median days to a decision. Shown to the office and downloaded for its yearly report."""

from collections import Counter
from datetime import date, datetime, time, timedelta
from statistics import median

import jdatetime
from django.utils import formats, translation
from django.utils.translation import gettext as _

from council.models import Council
from helpers.l10n import calendars
from portal.models import DocumentRequest


def month_names(council: Council) -> list[str]:
    if council.calendar == calendars.JALALI:
        return calendars.JALALI_MONTHS["fa" if translation.get_language() == "fa" else "latin"]
    return [formats.date_format(date(2000, month, 1), "F") for month in range(1, 13)]


def _month(day: date, council: Council) -> int:
    return jdatetime.date.fromgregorian(date=day).month if council.calendar == calendars.JALALI else day.month


def request_statistics(council: Council, year: int) -> dict:
    first, last = calendars.year_bounds(year, calendar=council.calendar)
    tz, today = council.tzinfo, council.today()
    received = list(
        council.document_requests.filter(
            created_at__gte=datetime.combine(first, time(), tzinfo=tz),
            created_at__lt=datetime.combine(last + timedelta(days=1), time(), tzinfo=tz),
        ).only("created_at", "closed_at", "deadline", "status", "outcome", "refusal_ground", "appealed_on")
    )
    Status = DocumentRequest.Status
    closed = [r for r in received if r.closed_at]
    days = [(r.closed_at.astimezone(tz).date() - r.created_at.astimezone(tz).date()).days for r in closed]
    per_month = Counter(_month(r.created_at.astimezone(tz).date(), council) for r in received)
    grounds = Counter(r.refusal_ground for r in received if r.status == Status.REFUSED)
    return {
        "year": year,
        "received": len(received),
        "months": [(name, per_month[number]) for number, name in enumerate(month_names(council), 1)],
        "granted_in_full": sum(r.outcome == DocumentRequest.Outcome.FULL for r in received),
        "granted_in_part": sum(r.outcome == DocumentRequest.Outcome.PART for r in received),
        "refused": sum(grounds.values()),
        "grounds": [(label, grounds[value]) for value, label in DocumentRequest.Ground.choices if grounds[value]],
        "transferred": sum(r.status == Status.TRANSFERRED for r in received),
        "open": sum(r.is_open for r in received),
        "overdue": sum(r.is_overdue(today) for r in received),
        "late": sum(r.closed_at.astimezone(tz).date() > r.deadline for r in closed),
        "appealed": sum(r.appealed_on is not None for r in received),
        "median_days": median(days) if days else None,
    }


def outcome_rows(figures: dict) -> list[list]:
    """How the year's requests ended, label and count."""
    return [
        [_("Requests received"), figures["received"]],
        [_("Granted in full"), figures["granted_in_full"]],
        [_("Granted in part"), figures["granted_in_part"]],
        [_("Refused"), figures["refused"]],
        *[[f"{_('Refused')}: {label}", count] for label, count in figures["grounds"]],
        [_("Transferred"), figures["transferred"]],
        [_("Still open"), figures["open"]],
        [_("Overdue"), figures["overdue"]],
        [_("Decided after the deadline"), figures["late"]],
        [_("Appealed"), figures["appealed"]],
        [_("Median days to a decision"), figures["median_days"]],
    ]


def statistics_rows(figures: dict) -> list[list]:
    """The figures as the rows of the yearly report's sheet."""
    return outcome_rows(figures) + [[name, count] for name, count in figures["months"]]
