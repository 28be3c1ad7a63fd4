"""Digits, calendars and time zones: input → stored UTC → shown."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation

from council.forms import CouncilDateField, CouncilDateTimeField, FormMixin
from council.models import Council
from council.templatetags.hamahang import cdate, cdatetime, digits
from helpers.l10n import calendars
from helpers.l10n.digits import localize_digits, to_latin_digits, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")
BELGRADE = ZoneInfo("Europe/Belgrade")


def test_persian_and_arabic_indic_digits_become_latin():
    assert to_latin_digits("۱۴۰۵/۰۱/۰۹ و ٠١٢٣٤٥٦٧٨٩ ٫٥") == "1405/01/09 و 0123456789 .5"
    assert to_persian_digits("1405 page 12") == "۱۴۰۵ page ۱۲"
    assert localize_digits("12", "sq") == "12"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1405/01/01", date(2026, 3, 21)),  # Nowruz 1405
        ("۱۴۰۵/۰۱/۰۱", date(2026, 3, 21)),
        ("١٤٠٤-١٢-٢٩", date(2026, 3, 20)),
        ("1403.12.30", date(2025, 3, 20)),  # 1403 is a leap year: Esfand has 30 days
        (" 1405 / 7 / 9 ", date(2026, 10, 1)),
    ],
)
def test_jalali_dates_are_read_in_any_digits(typed, expected):
    assert calendars.parse_date(typed, calendar=calendars.JALALI) == expected


@pytest.mark.parametrize("typed", ["1404/12/30", "1405/13/01", "1405/00/10", "tomorrow", "", "1405/01", "9" * 400])
def test_impossible_jalali_dates_are_refused(typed):
    with pytest.raises((ValueError, OverflowError)):
        calendars.parse_date(typed, calendar=calendars.JALALI)


def test_dates_are_shown_in_the_councils_calendar_and_the_pages_language():
    nowruz = date(2026, 3, 21)
    assert calendars.format_date(nowruz, calendar=calendars.JALALI, language="fa") == "۱ فروردین ۱۴۰۵"
    assert calendars.format_date(nowruz, calendar=calendars.JALALI, language="en") == "1 Farvardin 1405"
    with translation.override("sq"):
        assert calendars.format_date(nowruz, calendar=calendars.GREGORIAN, language="sq") == "21 mars 2026"


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        # The last evening of 1404 and the first minutes of 1405 in Tehran are the same UTC day.
        ("۱۴۰۴/۱۲/۲۹ ۲۳:۳۰", datetime(2026, 3, 20, 20, 0, tzinfo=UTC), "۲۹ اسفند ۱۴۰۴، ۲۳:۳۰"),
        ("1405/01/01 00:30", datetime(2026, 3, 20, 21, 0, tzinfo=UTC), "۱ فروردین ۱۴۰۵، ۰۰:۳۰"),
        # Iran has kept +03:30 all year since 2022: no summer shift.
        ("1405/03/11 12:00", datetime(2026, 6, 1, 8, 30, tzinfo=UTC), "۱۱ خرداد ۱۴۰۵، ۱۲:۰۰"),
    ],
)
def test_a_jalali_date_and_time_round_trips_through_utc(typed, stored, shown):
    field = CouncilDateTimeField()
    field.use_calendar(calendars.JALALI, TEHRAN)
    value = field.clean(typed)
    assert value == stored
    assert calendars.format_datetime(value, calendar=calendars.JALALI, language="fa", tz=TEHRAN) == shown
    with translation.override("en"):
        assert field.widget.format_value(field.prepare_value(value)) == to_latin_digits(typed)
    with translation.override("fa"):
        assert field.widget.format_value(field.prepare_value(value)) == to_persian_digits(to_latin_digits(typed))


@pytest.mark.parametrize(
    ("typed", "stored", "shown_time"),
    [
        ("2026-03-29T01:30", datetime(2026, 3, 29, 0, 30, tzinfo=UTC), "01:30"),  # before clocks go forward
        ("2026-03-29T02:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "03:30"),  # in the skipped hour
        ("2026-03-29T03:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "03:30"),
        ("2026-10-25T02:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "02:30"),  # repeated hour: the first
        ("2026-10-25T03:30", datetime(2026, 10, 25, 2, 30, tzinfo=UTC), "03:30"),
    ],
)
def test_gregorian_times_round_trip_across_daylight_saving_edges(typed, stored, shown_time):
    field = CouncilDateTimeField()
    field.use_calendar(calendars.GREGORIAN, BELGRADE)
    value = field.clean(typed)
    assert value == stored
    assert calendars.format_time(value, language="sq", tz=BELGRADE) == shown_time


class MeetingLikeForm(FormMixin, forms.Form):
    title = forms.CharField()
    count = forms.IntegerField(min_value=0)
    budget = forms.DecimalField(decimal_places=2)
    ratio = forms.FloatField()
    day = CouncilDateField()
    starts_at = CouncilDateTimeField()
    at = forms.TimeField()


def jalali_council():
    return Council(name="P", slug="p", calendar=calendars.JALALI, time_zone="Asia/Tehran", language="fa")


def test_every_numeric_date_and_time_field_accepts_persian_and_arabic_indic_digits():
    form = MeetingLikeForm(
        data={
            "title": "جلسه ۱۲",
            "count": "۱۲",
            "budget": "١٢٣٫٥",
            "ratio": "۰.۵",
            "day": "۱۴۰۵/۰۱/۱۵",
            "starts_at": "١٤٠٥/٠١/١٥ ١٤:٣٠",
            "at": "۰۹:۴۵",
        },
        council=jalali_council(),
    )
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data
    assert cleaned["title"] == "جلسه ۱۲"  # text keeps the digits as typed
    assert (cleaned["count"], str(cleaned["budget"]), cleaned["ratio"]) == (12, "123.5", 0.5)
    assert cleaned["day"] == date(2026, 4, 4)
    assert cleaned["starts_at"] == datetime(2026, 4, 4, 11, 0, tzinfo=UTC)
    assert cleaned["at"].hour == 9


def test_a_bad_date_gets_a_message_with_an_example_and_keeps_what_was_typed():
    with translation.override("en"):
        form = MeetingLikeForm(data={"starts_at": "1405/02/40 14:30", "day": "x"}, council=jalali_council())
        assert not form.is_valid()
        assert form.errors["starts_at"] == ["Enter a valid date and time, for example 1405/01/15 14:30."]
        assert form["starts_at"].value() == "1405/02/40 14:30"
        assert 'data-calendar="jalali"' in str(form["starts_at"])


def test_date_inputs_are_text_in_the_councils_calendar_with_the_offline_picker():
    jalali = MeetingLikeForm(council=jalali_council())
    assert "js/datepicker.js" in str(jalali.media) and 'data-calendar="jalali"' in str(jalali["day"])
    gregorian = Council(name="G", slug="g", calendar=calendars.GREGORIAN, time_zone="Europe/Belgrade")
    form = MeetingLikeForm(council=gregorian, initial={"day": date(2026, 4, 4)})
    assert "js/datepicker.js" in str(form.media) and 'data-calendar="gregorian"' in str(form["day"])
    # Not the browser's date input, which shows "mm/dd/yyyy" in the browser's language on an Albanian page.
    assert 'type="text"' in str(form["starts_at"]) and 'data-date-picker="time"' in str(form["starts_at"])
    assert 'value="04.04.2026"' in str(form["day"])


def test_the_template_filters_use_the_councils_calendar():
    council = jalali_council()
    moment = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)
    with translation.override("fa"):
        assert cdate(moment, council) == "۱ فروردین ۱۴۰۵"
        assert cdatetime(moment, council) == "۱ فروردین ۱۴۰۵، ۰۰:۳۰"
        assert digits(13) == "۱۳"
    with translation.override("en"):
        assert cdate(moment, None) == "20 March 2026"
        assert digits(13) == "13"


def test_persian_names_sort_in_the_persian_alphabet():
    from helpers.l10n.text import normalize_line, persian_sort_key

    names = ["کمیته امداد", "مدیریت جهاد", "پست", "بهزیستی", "گمرک", "آموزش", "ژاندارمری", "چاپخانه", "Water"]
    assert sorted(names, key=persian_sort_key) == [
        "آموزش",
        "بهزیستی",
        "پست",
        "چاپخانه",
        "ژاندارمری",
        "کمیته امداد",
        "گمرک",
        "مدیریت جهاد",
        "Water",
    ]
    assert normalize_line("  شهرداري   پرديس ") == "شهرداری پردیس"


class NoteForm(FormMixin, forms.Form):
    title = forms.CharField()
    text = forms.CharField(widget=forms.Textarea)


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_stray_bidi_controls_are_removed_from_every_text_field_but_zwnj_zwj_and_marks_stay():
    title = "\u2067گزارش\u200cها\u2069 of EDU\u202e"
    text = "خط\u200dاول\u2066 (2)\u2069\nsecond \u200fline\u200e\u202a\u202c"
    form = NoteForm(data={"title": title, "text": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "گزارش\u200cها of EDU"
    assert form.cleaned_data["text"] == "خط\u200dاول (2)\nsecond \u200fline\u200e"
    assert not set(BIDI_CONTROLS) & set(form.cleaned_data["title"] + form.cleaned_data["text"])
