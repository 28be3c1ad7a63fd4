"""Dates in a council's calendar (Gregorian or Jalali) and time zone.

Stored values are always time-zone-aware UTC datetimes (or plain dates); these functions
turn them into what a person reads and types, and back. jdatetime does the calendar
arithmetic.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import jdatetime
from django.utils import formats, timezone

from helpers.l10n.digits import localize_digits, to_latin_digits

GREGORIAN = "gregorian"
JALALI = "jalali"

JALALI_MONTHS = {
    "fa": ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
    "latin": [
        "Farvardin",
        "Ordibehesht",
        "Khordad",
        "Tir",
        "Mordad",
        "Shahrivar",
        "Mehr",
        "Aban",
        "Azar",
        "Dey",
        "Bahman",
        "Esfand",
    ],
}

_DATE = re.compile(r"^\s*(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})\s*\.?\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*:\s*(\d{2})(?:\s*:\s*(\d{2}))?\s*$")


def local(value: datetime, tz: ZoneInfo) -> datetime:
    return timezone.localtime(value, tz)


def format_date(value: date | datetime, *, calendar: str, language: str, tz: ZoneInfo | None = None) -> str:
    """A date as people write it: '۱ فروردین ۱۴۰۵', '1 Farvardin 1405', '21 mars 2026'."""
    if isinstance(value, datetime):
        value = local(value, tz).date()
    if calendar == JALALI:
        jalali = jdatetime.date.fromgregorian(date=value)
        months = JALALI_MONTHS["fa" if language == "fa" else "latin"]
        text = f"{jalali.day} {months[jalali.month - 1]} {jalali.year}"
    else:
        month = formats.date_format(value, "F")
        if language == "sq":  # Albanian writes month names in lower case (Django's catalogue capitalises them)
            month = month.lower()
        text = f"{value.day} {month} {value.year}"
    return localize_digits(text, language)


def format_time(value: datetime, *, language: str, tz: ZoneInfo) -> str:
    return localize_digits(local(value, tz).strftime("%H:%M"), language)


def format_datetime(value: datetime, *, calendar: str, language: str, tz: ZoneInfo) -> str:
    separator = "، " if language == "fa" else ", "
    day = format_date(value, calendar=calendar, language=language, tz=tz)
    return day + separator + format_time(value, language=language, tz=tz)


def date_input_value(value: date, *, calendar: str) -> str:
    """The value a date input shows: 1405/01/01 (Jalali) or 21.03.2026 (Gregorian, day first as in Europe)."""
    if calendar == JALALI:
        return jdatetime.date.fromgregorian(date=value).strftime("%Y/%m/%d")
    return value.strftime("%d.%m.%Y")


# Years a council could mean: anything else is a typo or the other calendar's year.
PLAUSIBLE_YEARS = {JALALI: range(1300, 1501), GREGORIAN: range(1920, 2121)}


def parse_date(text: str, *, calendar: str) -> date:
    """Read a typed date in the council's calendar (any digits; '/', '-' or '.' between parts); ValueError if none.

    Year first (1405/01/15, 2026-04-04) or, in the Gregorian calendar, day first with a four-digit year
    (04.04.2026, as Albanian and Serbian write it; "4.4.2026." with Serbian's final dot too).
    """
    text = to_latin_digits(text)
    if calendar == GREGORIAN and (day_first := _DAY_FIRST.match(text)):
        day, month, year = (int(part) for part in day_first.groups())
    elif match := _DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(text)
    if year not in PLAUSIBLE_YEARS[calendar]:
        raise ValueError(text)
    if calendar == JALALI:
        return jdatetime.date(year, month, day).togregorian()
    return date(year, month, day)


def parse_time(text: str) -> time:
    match = _TIME.match(to_latin_digits(text))
    if not match:
        raise ValueError(text)
    hour, minute, second = (int(part or 0) for part in match.groups())
    return time(hour, minute, second)


def make_aware(day: date, at: time, tz: ZoneInfo) -> datetime:
    """A wall-clock time in the council's zone as an aware UTC datetime.

    zoneinfo's rules (fold=0) do what people expect at daylight-saving edges: a time that
    does not exist (the hour skipped when clocks go forward) lands after the gap, and an
    ambiguous one (the hour repeated when clocks go back) is the first of the two.
    """
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def year_of(day: date, *, calendar: str) -> int:
    """The year a date falls in, in the calendar (1405, 2026)."""
    return jdatetime.date.fromgregorian(date=day).year if calendar == JALALI else day.year


def year_bounds(year: int, *, calendar: str) -> tuple[date, date]:
    """The first and last day of a year of the calendar, as Gregorian dates."""
    if calendar == JALALI:
        first = jdatetime.date(year, 1, 1).togregorian()
        return first, jdatetime.date(year + 1, 1, 1).togregorian() - timedelta(days=1)
    return date(year, 1, 1), date(year, 12, 31)


def month_of(day: date, *, calendar: str) -> tuple[date, date]:
    """The first and last day of the calendar month `day` is in (a Jalali month for Jalali councils)."""
    if calendar == JALALI:
        jalali = jdatetime.date.fromgregorian(date=day)
        first = jdatetime.date(jalali.year, jalali.month, 1)
        following = (
            jdatetime.date(jalali.year + 1, 1, 1)
            if jalali.month == 12
            else jdatetime.date(jalali.year, jalali.month + 1, 1)
        )
        return first.togregorian(), following.togregorian() - timedelta(days=1)
    first = day.replace(day=1)
    following = date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
    return first, following - timedelta(days=1)


def add_days(start: date, days: int, *, working: bool, country: str = "") -> date:
    """The day `days` after `start`: counting every day, or working days only (the country's weekend and public
    holidays skipped, from the `holidays` package; Saturday and Sunday without a country)."""
    if not working:
        return start + timedelta(days=days)
    public = holidays.country_holidays(country) if country else {}
    weekend = getattr(public, "weekend", {5, 6})
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() not in weekend and day not in public:
            days -= 1
    return day
