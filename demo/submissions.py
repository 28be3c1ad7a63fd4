"""Demo submissions for seed_demo: staffing-gap surveys, monthly activity reports and training, per council.

The figures follow the seed documents: most departments have no PR unit in their org chart, few approved
positions, no photographer or social-media staff, and lack cameras, vehicles and software.

Everything goes through departments.services, acting as the department's liaison (or the council's
secretary), on a clock set back to when it would have happened. So the services decide lateness
themselves, and timestamps and history read like those of a council that has used the app for half a year.
"""

import random
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from types import SimpleNamespace
from unittest import mock

import jdatetime
from django.utils import timezone
from simple_history.models import HistoricalRecords

from council.models import Council, Role
from departments import services
from departments.models import (
    CHANNELS,
    STAFF_FUNCTIONS,
    ActivityPeriod,
    Equipment,
    Gap,
    SurveyQuestion,
    SurveyRound,
    TrainingProposal,
)
from helpers.l10n.calendars import JALALI, JALALI_MONTHS, month_of
from helpers.l10n.digits import localize_digits

CAMERA, COMPUTER, SOFTWARE, VEHICLE, INTERNET = Equipment.values
HIGH, MEDIUM, LOW = TrainingProposal.Priority.values

REPORT_DAYS = 5  # an activity report is due this many days after its month ends (as the app suggests)
SURVEY_DAYS = 14  # a survey answer, this many days after the round opens


def answer(unit, approved, filled, staff, equipment, budget, training, positions_note="", equipment_notes=""):
    """One survey answer; `staff` is "have/need" per function, in STAFF_FUNCTIONS order."""
    values = {
        "has_pr_unit": unit,
        "approved_positions": approved,
        "filled_positions": filled,
        "positions_note": positions_note,
        "missing_equipment": equipment,
        "equipment_notes": equipment_notes,
        "annual_budget": budget,
        "training_needs": training,
    }
    for (function, _label), pair in zip(STAFF_FUNCTIONS, staff.split(), strict=True):
        have, need = pair.split("/")
        values[f"staff_{function}"], values[f"needed_{function}"] = int(have), int(need)
    return values


def proposal(department, topic, audience, participants, hours, gap, priority=MEDIUM, trainer="", cost=None):
    return {
        "department": department,
        "topic": topic,
        "audience": audience,
        "expected_participants": participants,
        "duration_hours": hours,
        "gap": gap,
        "priority": priority,
        "trainer": trainer,
        "estimated_cost": cost,
    }


# ---------------------------------------------------------------- Pardis (Persian, Jalali calendar, rials)

PARDIS_LIAISON_NOTE = "رابط روابط عمومی پست مصوب ندارد و این کار را در کنار وظایف اصلی خود انجام می‌دهد."

PARDIS = {
    "months": JALALI_MONTHS["fa"],
    "span": "{start} تا {end}",
    "survey": {
        "title": "ارزیابی کمبود نیروی انسانی و تجهیزات روابط عمومی ادارات، {span}",
        "questions": [
            (
                "اصلی‌ترین بستر اطلاع‌رسانی اداره به مردم کدام است؟",
                SurveyQuestion.Kind.CHOICE,
                "پیام‌رسان ایتا\nپیام‌رسان بله\nپیام‌رسان روبیکا\nوب‌سایت اداره\nرسانه‌های محلی",
            ),
            (
                "چند نفر از کارکنان روابط عمومی در یک سال گذشته دوره آموزشی تخصصی گذرانده‌اند؟",
                SurveyQuestion.Kind.NUMBER,
                "",
            ),
        ],
        "before": {
            "فرمانداری": answer(
                True,
                3,
                2,
                "1/1 1/2 0/1 1/1 0/1",
                [SOFTWARE, VEHICLE],
                2_500_000_000,
                "تدوین ویدئو و تولید موشن‌گرافیک برای شبکه‌های اجتماعی",
                equipment_notes="خودرو با حوزه معاونت مشترک است و برای پوشش خبری همیشه در دسترس نیست.",
            ),
            "آموزش و پرورش": answer(
                True,
                4,
                3,
                "1/1 1/2 1/1 0/2 0/1",
                [SOFTWARE, VEHICLE],
                1_800_000_000,
                "خبرنویسی برای رابطان خبری مدارس؛ مدیریت کانال‌های اداره در پیام‌رسان‌ها",
            ),
            "بهداشت و درمان": answer(
                True,
                3,
                2,
                "1/1 1/1 0/1 1/1 0/1",
                [CAMERA, VEHICLE],
                1_500_000_000,
                "اطلاع‌رسانی در شرایط بحران و بیماری‌های واگیر؛ خبرنویسی",
            ),
            "شهرداری": answer(
                True,
                6,
                5,
                "1/1 2/2 1/2 1/2 1/1",
                [SOFTWARE],
                6_000_000_000,
                "تصویربرداری هوایی؛ تولید ویدئوی کوتاه برای شبکه‌های اجتماعی",
                equipment_notes="نرم‌افزارهای تدوین و طراحی مجوز ندارند.",
            ),
            "آبفا": answer(
                False,
                0,
                1,
                "0/1 1/1 0/1 0/1 0/0",
                [CAMERA, SOFTWARE, VEHICLE],
                300_000_000,
                "عکاسی خبری؛ اطلاع‌رسانی قطعی‌های آب",
                positions_note="یکی از کارشناسان امور مشترکین با حکم رابط، کار روابط عمومی را انجام می‌دهد.",
            ),
            "برق": answer(
                False,
                0,
                1,
                "0/1 1/1 0/1 1/1 0/1",
                [CAMERA, SOFTWARE],
                450_000_000,
                "طراحی اینفوگرافیک برای کمپین مدیریت مصرف",
                positions_note=PARDIS_LIAISON_NOTE,
            ),
            "جهاد کشاورزی": answer(
                False,
                0,
                0,
                "0/1 0/1 0/1 0/1 0/0",
                [CAMERA, COMPUTER, SOFTWARE, VEHICLE],
                120_000_000,
                "عکاسی خبری؛ آشنایی با خبرنویسی",
                equipment_notes="رایانه موجود فرسوده است و نرم‌افزار ویرایش تصویر ندارد.",
            ),
            "فرهنگ و ارشاد": answer(
                False,
                0,
                1,
                "0/1 1/1 0/1 0/1 0/1",
                [CAMERA, VEHICLE],
                250_000_000,
                "عکاسی خبری و تدوین ویدئو",
                positions_note="رابط روابط عمومی هم‌زمان کارشناس امور فرهنگی اداره است.",
            ),
            "ورزش و جوانان": answer(
                False,
                0,
                0,
                "0/1 0/1 0/1 0/1 0/1",
                [CAMERA, SOFTWARE, VEHICLE],
                100_000_000,
                "مدیریت صفحات اداره در شبکه‌های اجتماعی",
            ),
            "بهزیستی": answer(
                False,
                0,
                1,
                "0/1 1/1 0/0 0/1 0/0",
                [CAMERA, SOFTWARE],
                180_000_000,
                "تهیه گزارش خبری با رعایت حریم خصوصی مددجویان",
                positions_note="مسئول دفتر ریاست اداره کار روابط عمومی را هم انجام می‌دهد.",
            ),
            "کمیته امداد": answer(
                False,
                0,
                1,
                "0/1 1/1 0/1 0/1 0/1",
                [CAMERA, VEHICLE],
                200_000_000,
                "عکاسی خبری با حفظ کرامت مددجویان",
                positions_note=PARDIS_LIAISON_NOTE,
            ),
            "تأمین اجتماعی": answer(
                False,
                0,
                0,
                "0/1 0/1 0/0 0/1 0/0",
                [SOFTWARE, INTERNET],
                150_000_000,
                "پاسخ‌گویی به پرسش‌های بیمه‌شدگان در فضای مجازی",
            ),
            "منابع طبیعی": answer(
                False,
                0,
                0,
                "0/1 0/1 0/1 0/0 0/0",
                [CAMERA, VEHICLE, INTERNET],
                80_000_000,
                "اطلاع‌رسانی پیشگیری از آتش‌سوزی جنگل‌ها و مراتع",
                equipment_notes="در پاسگاه‌های منابع طبیعی اینترنت پایدار نیست.",
            ),
        },
        "late_before": "جهاد کشاورزی",
        # What changed by the recent round: hires and purchases, but also staff moved away and needs grown.
        "changes": {
            "فرمانداری": {"annual_budget": 3_000_000_000},
            "آموزش و پرورش": {
                "filled_positions": 4,
                "staff_social_media": 1,
                "annual_budget": 2_100_000_000,
                "comments": "یک کارشناس شبکه‌های اجتماعی در پست بلاتصدی اداره به کار گرفته شد.",
            },
            "بهداشت و درمان": {
                "staff_photographer": 1,
                "missing_equipment": [VEHICLE],
                "comments": "یک دوربین از محل اعتبارات دانشگاه علوم پزشکی تحویل شد.",
            },
            "شهرداری": {
                "staff_photographer": 2,
                "missing_equipment": [],
                "equipment_notes": "",
                "annual_budget": 7_500_000_000,
            },
            "آبفا": {"annual_budget": 350_000_000},
            "برق": {
                "filled_positions": 0,
                "positions_note": "",
                "staff_writer": 0,
                "comments": "رابط روابط عمومی به امور مشترکین منتقل شد و هنوز جایگزینی معرفی نشده است.",
            },
            "جهاد کشاورزی": {
                "missing_equipment": [COMPUTER, SOFTWARE, VEHICLE],
                "equipment_notes": "یک دوربین از محل اعتبارات استانی تأمین شد؛ رایانه همچنان فرسوده است.",
            },
            "فرهنگ و ارشاد": {
                "missing_equipment": [CAMERA, COMPUTER, VEHICLE],
                "comments": "رایانه واحد از کار افتاده و اخبار با رایانه شخصی رابط تنظیم می‌شود.",
            },
            "ورزش و جوانان": {
                "staff_social_media": 1,
                "comments": "یکی از جوانان داوطلب اداره صفحات اداره در شبکه‌های اجتماعی را اداره می‌کند.",
            },
            "بهزیستی": {
                "needed_social_media": 2,
                "comments": "پرسش‌های مردم در پیام‌رسان‌ها درباره خدمات مشاوره چند برابر شده است.",
            },
            "کمیته امداد": {"annual_budget": 220_000_000},
        },
        "extra": {
            "فرمانداری": ("پیام‌رسان ایتا", 2),
            "آموزش و پرورش": ("پیام‌رسان ایتا", 3),
            "بهداشت و درمان": ("وب‌سایت اداره", 1),
            "شهرداری": ("پیام‌رسان روبیکا", 4),
            "آبفا": ("پیام‌رسان بله", 0),
            "برق": ("پیام‌رسان بله", 0),
            "جهاد کشاورزی": ("رسانه‌های محلی", 0),
            "فرهنگ و ارشاد": ("پیام‌رسان ایتا", 1),
            "ورزش و جوانان": ("پیام‌رسان روبیکا", 0),
            "بهزیستی": ("وب‌سایت اداره", 1),
            "کمیته امداد": ("پیام‌رسان ایتا", 0),
            "تأمین اجتماعی": ("وب‌سایت اداره", 0),
        },
        "late": "کمیته امداد",
        "draft": ("تأمین اجتماعی", {"annual_budget": 180_000_000}),
        "missing": "منابع طبیعی",
    },
    "activity": {
        "title": "گزارش فعالیت {month}",
        "links": "https://pardis.example/{key}/news/{number}",
        # A usual month: press releases, news published, interviews, press conferences, social posts,
        # events covered, public enquiries answered.
        "usual": {
            "فرمانداری": (12, 18, 4, 1, 60, 10, 25),
            "آموزش و پرورش": (8, 14, 3, 1, 45, 9, 40),
            "بهداشت و درمان": (9, 15, 3, 1, 50, 6, 70),
            "شهرداری": (15, 25, 5, 2, 90, 14, 120),
            "آبفا": (4, 6, 1, 0, 20, 2, 60),
            "برق": (5, 7, 1, 0, 25, 2, 80),
            "جهاد کشاورزی": (3, 5, 1, 0, 12, 3, 10),
            "فرهنگ و ارشاد": (6, 9, 2, 0, 30, 12, 8),
            "ورزش و جوانان": (4, 6, 1, 0, 25, 8, 5),
            "بهزیستی": (3, 4, 1, 0, 15, 3, 30),
            "کمیته امداد": (4, 5, 1, 0, 18, 4, 35),
            "تأمین اجتماعی": (2, 3, 0, 0, 10, 1, 50),
            "منابع طبیعی": (2, 3, 1, 0, 8, 2, 6),
        },
        "highlights": {
            "فرمانداری": [
                "پوشش خبری سفر معاون استاندار و بازدید از طرح‌های عمرانی شهرستان",
                "انتشار گزارش تصویری پیشرفت طرح‌های نیمه‌تمام و برگزاری نشست خبری فرماندار",
                "اطلاع‌رسانی جلسه شورای اداری و بازتاب مصوبات آن در رسانه‌های استانی",
            ],
            "آموزش و پرورش": [
                "اطلاع‌رسانی ثبت‌نام و برنامه آموزشی مدارس در کانال رسمی اداره",
                "پوشش خبری افتتاح دو مدرسه خیرساز و گفت‌وگو با خیران مدرسه‌ساز",
                "انتشار نتایج مسابقات علمی دانش‌آموزان و پاسخ به پرسش‌های اولیا درباره سرویس مدارس",
            ],
            "بهداشت و درمان": [
                "اطلاع‌رسانی طرح غربالگری فشار خون و دیابت در مراکز خدمات جامع سلامت",
                "انتشار توصیه‌های بهداشتی و پاسخ به پرسش‌های مردم درباره واکسیناسیون",
                "پوشش خبری افتتاح پایگاه سلامت جدید و گفت‌وگوی رادیویی رئیس شبکه",
            ],
            "شهرداری": [
                "گزارش ویدئویی پیشرفت پروژه‌های آسفالت و پیاده‌روسازی محلات",
                "اطلاع‌رسانی طرح ساماندهی حمل‌ونقل عمومی و پاسخ به پیام‌های سامانه ۱۳۷",
                "برگزاری نشست خبری شهردار با خبرنگاران درباره بودجه و پروژه‌های عمرانی",
            ],
            "آبفا": [
                "اطلاع‌رسانی قطعی‌های برنامه‌ریزی‌شده آب و توصیه‌های صرفه‌جویی",
                "انتشار گزارش پیشرفت طرح توسعه شبکه فاضلاب",
                "پاسخ به پرسش‌های مشترکان درباره قبوض و معرفی سامانه ۱۲۲",
            ],
            "برق": [
                "اطلاع‌رسانی جدول خاموشی‌های برنامه‌ریزی‌شده در پیام‌رسان‌ها",
                "اجرای پویش مدیریت مصرف برق در ساعات اوج بار",
                "پوشش خبری نصب کنتورهای هوشمند برای مشترکان پرمصرف",
            ],
            "جهاد کشاورزی": [
                "اطلاع‌رسانی زمان و مراکز خرید تضمینی محصولات کشاورزی",
                "گزارش بازدید کارشناسان از باغ‌های شهرستان و توصیه‌های فنی به باغداران",
                "انتشار هشدار آفات و اطلاع‌رسانی کلاس ترویجی برای کشاورزان",
            ],
            "فرهنگ و ارشاد": [
                "پوشش خبری جشنواره فرهنگی شهرستان و نشست کتاب‌خوانی",
                "اطلاع‌رسانی برنامه‌های کانون‌های فرهنگی مساجد و اکران فیلم",
                "گفت‌وگو با هنرمندان شهرستان و گزارش نمایشگاه صنایع دستی",
            ],
            "ورزش و جوانان": [
                "پوشش خبری مسابقات فوتسال جام شهرستان",
                "اطلاع‌رسانی افتتاح زمین چمن مصنوعی محله",
                "گزارش تصویری همایش پیاده‌روی خانوادگی",
            ],
            "بهزیستی": [
                "اطلاع‌رسانی طرح غربالگری بینایی کودکان",
                "معرفی خدمات مراکز مشاوره و صدای مشاور ۱۴۸۰",
                "پوشش خبری اهدای جهیزیه به مددجویان با رعایت حریم خصوصی",
            ],
            "کمیته امداد": [
                "اطلاع‌رسانی پویش نیکوکاری و معرفی شماره حساب‌های رسمی",
                "انتشار گزارش اشتغال مددجویان با وام‌های قرض‌الحسنه",
                "پوشش خبری دیدار با خانواده‌های تحت حمایت و توزیع بسته‌های معیشتی",
            ],
            "تأمین اجتماعی": ["معرفی خدمات غیرحضوری سامانه تأمین اجتماعی"],
            "منابع طبیعی": ["اطلاع‌رسانی پیشگیری از آتش‌سوزی در جنگل‌ها و مراتع و معرفی سامانه ۱۵۰۴"],
        },
        "obstacles": [
            "عکاس و دوربین مناسب نداریم و عکس‌ها با تلفن همراه گرفته می‌شود.",
            "برای پوشش خبری برنامه‌های روستاها خودرو در اختیار روابط عمومی نیست.",
            "رابط روابط عمومی وظایف دیگری هم دارد و برای تولید محتوا وقت کافی نمی‌ماند.",
            "اینترنت اداره کند است و بارگذاری ویدئو ساعت‌ها طول می‌کشد.",
            "اخبار واحدهای تابعه با تأخیر به روابط عمومی می‌رسد.",
            "نرم‌افزار مجاز طراحی گرافیک در اختیار نداریم.",
        ],
        "silent": ("منابع طبیعی", "تأمین اجتماعی"),  # reported in the first period only; never submitted
        "skipped": ("ورزش و جوانان", 1),  # missed one month, then reported again
        "returned": (
            "برق",
            "آمار پست‌های فضای مجازی با پیوندهای ارسالی هم‌خوانی ندارد. لطفاً ارقام را بازبینی کنید و پیوند "
            "اخبار منتشرشده را کامل بفرستید.",
        ),
        "drafts": ["آموزش و پرورش", "شهرداری", "بهزیستی"],  # already working on the current month
    },
    "training": {
        "pending": [
            proposal(
                "آموزش و پرورش",
                "عکاسی خبری",
                "رابطان خبری مدارس و کارشناس روابط عمومی اداره",
                8,
                16,
                Gap.PHOTOGRAPHER,
                HIGH,
                "عکاس خبری پیشکسوت استان",
                60_000_000,
            ),
            proposal(
                "جهاد کشاورزی",
                "عکاسی خبری",
                "رابط روابط عمومی و کارشناسان ترویج",
                3,
                12,
                Gap.PHOTOGRAPHER,
                HIGH,
            ),
            proposal("بهزیستی", "عکاسی خبری", "رابط روابط عمومی و مددکاران اجتماعی", 2, 12, Gap.PHOTOGRAPHER),
            proposal(
                "فرمانداری",
                "تدوین ویدئوی کوتاه با تلفن همراه",
                "رابطان روابط عمومی ادارات",
                5,
                8,
                Gap.SOCIAL_MEDIA,
                MEDIUM,
                "",
                40_000_000,
            ),
        ],
        "declined": (
            proposal(
                "ورزش و جوانان",
                "تولید پادکست ورزشی",
                "رابط روابط عمومی و دبیران هیئت‌های ورزشی",
                4,
                10,
                Gap.OTHER,
                LOW,
                "",
                120_000_000,
            ),
            "با توجه به محدودیت اعتبار آموزشی امسال، اولویت شورا با دوره‌های پایه خبرنویسی و عکاسی خبری است. "
            "این پیشنهاد برای برنامه آموزشی سال آینده نگه داشته می‌شود.",
        ),
        "planned": {
            "proposals": [
                proposal(
                    "بهداشت و درمان",
                    "خبرنویسی و تنظیم گزارش خبری",
                    "کارشناسان روابط عمومی و آموزش سلامت",
                    3,
                    12,
                    Gap.WRITER,
                    HIGH,
                ),
                proposal("برق", "اصول خبرنویسی برای فضای مجازی", "رابط روابط عمومی", 2, 8, Gap.WRITER),
            ],
            "course": {
                "title": "دوره خبرنویسی و تنظیم خبر برای فضای مجازی",
                "gap": Gap.WRITER,
                "audience": "رابطان و کارشناسان روابط عمومی ادارات",
                "trainer": "مدرس روزنامه‌نگاری خانه مطبوعات استان",
                "duration_hours": 12,
                "estimated_cost": 90_000_000,
                "place": "سالن اجتماعات فرمانداری پردیس",
            },
            "enrol": [
                ("بهداشت و درمان", "مریم قاسمی", "رابط روابط عمومی"),
                ("بهداشت و درمان", "علی نیک‌نام", "کارشناس آموزش سلامت"),
                ("برق", "پریسا جلالی", "کارشناس امور مشترکین"),
                ("برق", "حسین عباسی", "رابط روابط عمومی"),
            ],
        },
        "held": {
            "proposals": [
                proposal(
                    "شهرداری",
                    "مدیریت کانال‌ها در پیام‌رسان‌های داخلی",
                    "کارشناسان روابط عمومی و رابطان ادارات",
                    6,
                    8,
                    Gap.SOCIAL_MEDIA,
                    HIGH,
                )
            ],
            "course": {
                "title": "مدیریت کانال‌ها و صفحات ادارات در پیام‌رسان‌های داخلی",
                "gap": Gap.SOCIAL_MEDIA,
                "audience": "کارشناسان روابط عمومی و رابطان ادارات",
                "trainer": "کارشناس رسانه‌های دیجیتال صداوسیمای استان",
                "duration_hours": 8,
                "estimated_cost": 75_000_000,
                "place": "سالن کنفرانس شهرداری پردیس",
            },
            "enrol": [
                ("شهرداری", "سارا محمودی", "کارشناس شبکه‌های اجتماعی", True),
                ("شهرداری", "امیر جعفری", "رابط روابط عمومی", True),
                ("آموزش و پرورش", "سعید رحیمی", "رابط روابط عمومی", False),
                ("فرهنگ و ارشاد", "الهام موسوی", "رابط روابط عمومی", True),
            ],
        },
    },
}

# ---------------------------------------------------------------- Gjilan (Albanian, Gregorian calendar, euros)

GJILAN_LIAISON_NOTE = "Zyrtari nuk ka vend pune për informim; këtë punë e bën krahas detyrave të tjera."

GJILAN = {
    "months": [
        "janar",
        "shkurt",
        "mars",
        "prill",
        "maj",
        "qershor",
        "korrik",
        "gusht",
        "shtator",
        "tetor",
        "nëntor",
        "dhjetor",
    ],
    "span": "{start} – {end}",
    "survey": {
        "title": "Anketa për mungesat e stafit dhe të pajisjeve për informim publik, {span}",
        "questions": [
            (
                "Cili është kanali kryesor përmes të cilit drejtoria informon qytetarët?",
                SurveyQuestion.Kind.CHOICE,
                "Faqja zyrtare e Komunës\nFacebook\nMediat lokale\nTakimet me qytetarë\nTabela e shpalljeve",
            ),
            (
                "Sa zyrtarë të drejtorisë kanë ndjekur trajnim për komunikim publik në 12 muajt e fundit?",
                SurveyQuestion.Kind.NUMBER,
                "",
            ),
        ],
        "before": {
            "ZIP": answer(
                True,
                4,
                3,
                "1/1 1/1 1/2 1/1 0/1",
                [VEHICLE],
                30_000,
                "Prodhimi i videove të shkurtra për rrjete sociale",
                equipment_notes="Kamera video e vitit 2014 nuk e mbështet transmetimin në HD.",
            ),
            "DKA": answer(
                True,
                1,
                1,
                "0/0 1/1 0/1 0/1 0/0",
                [CAMERA, SOFTWARE],
                2_000,
                "Fotografi lajmesh; shkrimi i njoftimeve për media",
            ),
            "DSH": answer(
                False,
                0,
                0,
                "0/1 0/1 0/1 0/1 0/0",
                [CAMERA, SOFTWARE],
                0,
                "Komunikimi në emergjenca shëndetësore",
            ),
            "DUP": answer(
                False,
                0,
                1,
                "0/0 1/1 0/1 0/1 0/1",
                [CAMERA, VEHICLE],
                0,
                "Shkrimi i njoftimeve për media; prezantimi i planeve urbanistike për qytetarët",
                positions_note="Një zyrtar ligjor ia dërgon ZIP-it njoftimet e drejtorisë krahas detyrave të tjera.",
            ),
            "DBF": answer(
                False,
                0,
                0,
                "0/0 0/1 0/0 0/0 0/1",
                [SOFTWARE],
                0,
                "Paraqitja e buxhetit për qytetarët me infografika",
            ),
            "DKRS": answer(
                True,
                2,
                1,
                "0/1 1/1 0/1 0/1 0/0",
                [CAMERA, VEHICLE],
                5_000,
                "Menaxhimi i rrjeteve sociale; fotografimi i ngjarjeve",
            ),
            "DBP": answer(
                False,
                0,
                0,
                "0/0 0/1 0/1 0/1 0/0",
                [CAMERA, SOFTWARE, VEHICLE],
                0,
                "Fotografi lajmesh në terren",
            ),
            "DSHP": answer(
                False,
                0,
                1,
                "0/0 1/1 0/1 0/1 0/0",
                [CAMERA, SOFTWARE],
                0,
                "Njoftimi i qytetarëve për ndërprerjet e shërbimeve",
                positions_note=GJILAN_LIAISON_NOTE,
            ),
            "DAP": answer(
                False,
                0,
                1,
                "0/0 1/1 0/0 0/1 0/0",
                [SOFTWARE],
                1_000,
                "Zbatimi i ligjit për qasje në dokumente publike",
                positions_note=GJILAN_LIAISON_NOTE,
            ),
            "DMSH": answer(
                False,
                0,
                0,
                "0/1 0/1 0/1 0/1 0/0",
                [CAMERA, INTERNET],
                0,
                "Komunikimi i rrezikut gjatë emergjencave",
            ),
            "DI": answer(
                False,
                0,
                0,
                "0/0 0/1 0/0 0/0 0/0",
                [COMPUTER, SOFTWARE],
                0,
                "Shkrimi i njoftimeve për media",
            ),
        },
        "late_before": "DBP",
        "changes": {
            "ZIP": {"filled_positions": 4, "staff_photographer": 2, "annual_budget": 32_000},
            "DKA": {
                "missing_equipment": [SOFTWARE],
                "comments": "Drejtoria bleu një aparat fotografik nga buxheti i vitit.",
            },
            "DSH": {
                "needed_social_media": 2,
                "comments": "Janë shtuar pyetjet e qytetarëve në Facebook për orarin e QKMF-së dhe të ambulancave.",
            },
            "DUP": {
                "filled_positions": 0,
                "positions_note": "",
                "staff_writer": 0,
                "comments": "Zyrtari që i dërgonte njoftimet u transferua në Drejtorinë e Inspeksionit; "
                "ende nuk është caktuar zëvendësues.",
            },
            "DKRS": {"filled_positions": 2, "staff_social_media": 1, "annual_budget": 6_000},
            "DBP": {"missing_equipment": [CAMERA, COMPUTER, SOFTWARE, VEHICLE]},
        },
        "extra": {
            "ZIP": ("Faqja zyrtare e Komunës", 3),
            "DKA": ("Facebook", 1),
            "DSH": ("Facebook", 0),
            "DUP": ("Faqja zyrtare e Komunës", 0),
            "DBF": ("Faqja zyrtare e Komunës", 1),
            "DKRS": ("Facebook", 2),
            "DBP": ("Takimet me qytetarë", 0),
            "DSHP": ("Tabela e shpalljeve", 0),
            "DAP": ("Faqja zyrtare e Komunës", 1),
            "DMSH": ("Mediat lokale", 0),
        },
        "late": "DSHP",
        "draft": ("DMSH", {"needed_photographer": 2}),
        "missing": "DI",
    },
    "activity": {
        "title": "Raporti i aktivitetit — {month}",
        "links": "https://gjilan.example/{key}/lajme/{number}",
        "usual": {
            "ZIP": (20, 30, 4, 3, 80, 15, 40),
            "DKA": (5, 7, 2, 0, 20, 6, 25),
            "DSH": (4, 6, 2, 0, 15, 3, 30),
            "DUP": (3, 4, 1, 0, 8, 2, 35),
            "DBF": (2, 3, 0, 0, 5, 1, 10),
            "DKRS": (6, 9, 3, 1, 40, 12, 10),
            "DBP": (3, 4, 1, 0, 10, 4, 15),
            "DSHP": (5, 6, 1, 0, 25, 3, 60),
            "DAP": (3, 4, 0, 0, 6, 1, 45),
            "DMSH": (2, 2, 1, 0, 6, 2, 5),
            "DI": (2, 2, 0, 0, 4, 1, 20),
        },
        "highlights": {
            "ZIP": [
                "Transmetimi i drejtpërdrejtë i seancës së Kuvendit Komunal dhe publikimi i videos në ueb-faqe",
                "Konferenca për media e kryetarit për projektet kapitale të vitit",
                "Publikimi në afat i vendimeve dhe i rregulloreve të miratuara në faqen zyrtare",
            ],
            "DKA": [
                "Informimi i prindërve për regjistrimin e nxënësve në klasën e parë",
                "Mbulimi i hapjes së një shkolle të rinovuar në një fshat të komunës",
                "Publikimi i rezultateve të garave komunale të diturisë",
            ],
            "DSH": [
                "Fushatë informuese për vaksinimin e fëmijëve",
                "Njoftimi për orarin e ri të punës së QKMF-së",
                "Intervistë në radion lokale për kujdesin shëndetësor parësor",
            ],
            "DUP": [
                "Dëgjimi publik për planin rregullues të një lagjeje",
                "Njoftimi për aplikimin elektronik për leje ndërtimi",
                "Publikimi i hartave të planit zhvillimor për komente nga qytetarët",
            ],
            "DBF": [
                "Publikimi i raportit financiar tremujor",
                "Dëgjimi buxhetor me qytetarët për vitin e ardhshëm",
                "Infografikë për investimet kapitale sipas lagjeve",
            ],
            "DKRS": [
                "Mbulimi i festivalit të teatrit dhe i koncerteve në qendër të qytetit",
                "Informimi për garat sportive komunale të të rinjve",
                "Promovimi i programit të bibliotekës së qytetit në rrjete sociale",
            ],
            "DBP": [
                "Njoftimi për thirrjen për subvencione bujqësore",
                "Vizitë në terren te fermerët përfitues të granteve",
                "Këshilla për fermerët për mbrojtjen e kulturave nga dëmtuesit",
            ],
            "DSHP": [
                "Njoftime për ndërprerjet e ujit dhe riparimet e rrugëve",
                "Informimi për orarin e grumbullimit të mbeturinave",
                "Mbulimi i punimeve për ndriçimin publik në lagje",
            ],
            "DAP": [
                "Përgjigje në afatin ligjor për kërkesat për qasje në dokumente publike",
                "Njoftimi për orarin e zyrës së gjendjes civile",
                "Publikimi i procesverbaleve të mbledhjeve të Kuvendit",
            ],
            "DMSH": ["Njoftimi për ushtrimin e evakuimit në shkolla"],
            "DI": ["Njoftimi për inspektimet e lokaleve ushqimore"],
        },
        "obstacles": [
            "Nuk kemi fotograf; fotot bëhen me telefon.",
            "Mungon automjeti për mbulimin e aktiviteteve në fshatra.",
            "Zyrtari për informim ka edhe detyra të tjera në drejtori.",
            "Informatat nga sektorët vijnë me vonesë.",
            "Mungon softueri i licencuar për dizajn grafik.",
            "Interneti në zyrë është i ngadalshëm për ngarkimin e videove.",
        ],
        "silent": ("DI", "DMSH"),
        "skipped": ("DAP", 1),
        "returned": (
            "DBF",
            "Numri i njoftimeve për media nuk përputhet me lidhjet e dërguara. Ju lutem kontrolloni shifrat "
            "dhe shtoni lidhjet e publikimeve.",
        ),
        "drafts": ["ZIP", "DKRS", "DSH"],
    },
    "training": {
        "pending": [
            proposal(
                "DKA",
                "Fotografi lajmesh",
                "Zyrtarët për informim dhe mësimdhënësit koordinatorë",
                4,
                12,
                Gap.PHOTOGRAPHER,
                HIGH,
                "Fotoreporter nga media lokale",
                600,
            ),
            proposal("DBP", "Fotografi lajmesh", "Zyrtarët në terren", 2, 12, Gap.PHOTOGRAPHER, HIGH),
            proposal("DSHP", "Fotografi lajmesh", "Zyrtari për informim dhe mbikëqyrësit", 3, 12, Gap.PHOTOGRAPHER),
            proposal(
                "DAP",
                "Zbatimi i ligjit për qasje në dokumente publike",
                "Zyrtarët që trajtojnë kërkesat e qytetarëve",
                5,
                6,
                Gap.OTHER,
                MEDIUM,
                "Agjencia për Informim dhe Privatësi",
            ),
        ],
        "declined": (
            proposal(
                "DBF",
                "Vizitë studimore për transparencën buxhetore",
                "Zyrtarët e buxhetit",
                3,
                24,
                Gap.OTHER,
                LOW,
                "",
                4_500,
            ),
            "Kostoja e vizitës studimore e tejkalon buxhetin e trajnimeve për këtë vit. Propozojmë një punëtori "
            "në Gjilan me ekspertë të transparencës buxhetore.",
        ),
        "planned": {
            "proposals": [
                proposal(
                    "DSH",
                    "Shkrimi i njoftimeve për media",
                    "Zyrtarët për promovim shëndetësor",
                    2,
                    8,
                    Gap.WRITER,
                    HIGH,
                ),
                proposal(
                    "DUP",
                    "Shkrimi i lajmeve dhe i njoftimeve për media",
                    "Zyrtarët që i përgatitin njoftimet",
                    2,
                    8,
                    Gap.WRITER,
                ),
            ],
            "course": {
                "title": "Shkrimi i lajmeve dhe i njoftimeve për media",
                "gap": Gap.WRITER,
                "audience": "Zyrtarët për informim të drejtorive",
                "trainer": "Gazetar me përvojë nga media lokale",
                "duration_hours": 8,
                "estimated_cost": 900,
                "place": "Salla e mbledhjeve, Komuna e Gjilanit",
            },
            "enrol": [
                ("DSH", "Lirije Rexhepi", "Zyrtare për informim"),
                ("DSH", "Arbër Sejdiu", "Zyrtar për promovim shëndetësor"),
                ("DUP", "Driton Kastrati", "Zyrtar ligjor"),
            ],
        },
        "held": {
            "proposals": [
                proposal(
                    "DKRS",
                    "Menaxhimi i rrjeteve sociale",
                    "Zyrtarët për informim të drejtorive",
                    6,
                    8,
                    Gap.SOCIAL_MEDIA,
                    HIGH,
                )
            ],
            "course": {
                "title": "Menaxhimi i faqeve zyrtare në rrjete sociale",
                "gap": Gap.SOCIAL_MEDIA,
                "audience": "Zyrtarët për informim të drejtorive",
                "trainer": "Zyra për Informim Publik",
                "duration_hours": 8,
                "estimated_cost": 750,
                "place": "Qendra e Rinisë, Gjilan",
            },
            "enrol": [
                ("DKRS", "Ermira Zeqiri", "Zyrtare për rini", True),
                ("DKRS", "Valon Haziri", "Koordinator i sportit", False),
                ("ZIP", "Arta Morina", "Zyrtare për informim publik", True),
                ("DKA", "Blerim Gashi", "Zyrtar për informim", True),
            ],
        },
    },
}

DEMO_SUBMISSIONS = {"pardis": PARDIS, "gjilan": GJILAN}


# ---------------------------------------------------------------- helpers


@contextmanager
def acting(user, moment):
    """Act as `user` at `moment` (or now, if that is earlier): what the services save is stamped so.

    History records name `user` (as the history middleware does for a request), and every
    timezone.now() the services, the models' auto_now fields and the history make returns `moment`.
    """
    moment = min(moment, timezone.now())
    context = HistoricalRecords.context
    had_request, before = hasattr(context, "request"), getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        with mock.patch.object(timezone, "now", return_value=moment):
            yield
    finally:
        if had_request:
            context.request = before
        else:
            del context.request


def at(council: Council, day, hour: int, minute: int = 0):
    return datetime.combine(day, time(hour, minute), tzinfo=council.tzinfo)


def month_bounds(council: Council, day):
    return month_of(day, calendar=council.calendar)


def months_before(council: Council, day, count: int):
    """The first day of the month `count` months before the month `day` is in."""
    first, _last = month_bounds(council, day)
    for _step in range(count):
        first, _last = month_bounds(council, first - timedelta(days=1))
    return first


def month_name(council: Council, spec: dict, day) -> tuple[str, int]:
    if council.calendar == JALALI:
        jalali = jdatetime.date.fromgregorian(date=day)
        return spec["months"][jalali.month - 1], jalali.year
    return spec["months"][day.month - 1], day.year


def month_title(council: Council, spec: dict, day) -> str:
    name, year = month_name(council, spec, day)
    return localize_digits(f"{name} {year}", council.language)


def span_title(council: Council, spec: dict, first, last) -> str:
    (start, start_year), (end, end_year) = month_name(council, spec, first), month_name(council, spec, last)
    start = start if start_year == end_year else f"{start} {start_year}"
    return localize_digits(spec["span"].format(start=start, end=f"{end} {end_year}"), council.language)


class People:
    """The council's secretary and each department's liaison, by the department's short name."""

    def __init__(self, council: Council):
        memberships = council.memberships.select_related("user", "department")
        self.secretary = memberships.get(role=Role.SECRETARY).user
        liaisons = memberships.filter(role=Role.LIAISON)
        self.departments = {m.department.short_name: m.department for m in liaisons}
        self.liaisons = {m.department.short_name: m.user for m in liaisons}

    def key(self, short: str) -> str:
        """The department's key in addresses (the liaison's username is "<council>.<key>")."""
        return self.liaisons[short].username.split(".", 1)[1]


# ---------------------------------------------------------------- seeding


def seed_submissions(council: Council) -> None:
    """Survey rounds, activity reports and training for a demo council. Idempotent: once it has rounds, a no-op."""
    spec = DEMO_SUBMISSIONS.get(council.slug)
    if spec is None or council.survey_rounds.exists():
        return
    people = People(council)
    today = council.today()
    seed_surveys(council, spec, people, today)
    if not council.activity_periods.exists():
        seed_activity(council, spec, people, today)
    if not (council.training_proposals.exists() or council.training_courses.exists()):
        seed_training(council, spec, people, today)


def seed_surveys(council: Council, spec: dict, people: People, today) -> None:
    """An earlier round everyone answered (now closed) and a recent one still open, with its gaps."""
    survey = spec["survey"]
    departments = [people.departments[short] for short in survey["before"]]
    rng = random.Random(f"{council.slug}:survey")

    # The recent round covers the six months up to last month and was due a few days ago.
    deadline = today - timedelta(days=4)
    _first, ends_on = month_bounds(council, months_before(council, today - timedelta(days=10), 1))
    starts_on = months_before(council, ends_on, 5)
    # The earlier round, the six months before.
    earlier_ends = starts_on - timedelta(days=1)
    earlier_starts = months_before(council, earlier_ends, 5)
    earlier_opened = earlier_ends + timedelta(days=1)
    earlier_deadline = earlier_opened + timedelta(days=SURVEY_DAYS - 1)

    with acting(people.secretary, at(council, earlier_opened, 9)):
        earlier = services.collection_create(
            model=SurveyRound,
            council=council,
            departments=departments,
            title=survey["title"].format(span=span_title(council, spec, earlier_starts, earlier_ends)),
            starts_on=earlier_starts,
            ends_on=earlier_ends,
            deadline=earlier_deadline,
        )
    for n, (short, values) in enumerate(survey["before"].items()):
        liaison = people.liaisons[short]
        if short == survey["late_before"]:
            day = earlier_deadline + timedelta(days=3)
        else:
            day = earlier_opened + timedelta(days=rng.randint(1, SURVEY_DAYS - 1))
        moment = at(council, day, rng.randint(8, 14), rng.choice([5, 20, 35, 50]))
        started = moment - timedelta(hours=1)
        if n % 3 == 0:  # some saved a draft first and came back to finish it
            started = max(moment - timedelta(days=2), at(council, earlier_opened, 10))
        with acting(liaison, started):
            response = services.survey_response_start(round=earlier, department=people.departments[short])
            if n % 3 == 0:
                half = {name: value for name, value in values.items() if not name.startswith(("staff", "needed"))}
                response = services.submission_save(
                    submission=response, values=half, base_version=response.version, by=liaison, submit=False
                )
        with acting(liaison, moment):
            services.submission_save(
                submission=response, values=values, base_version=response.version, by=liaison, submit=True
            )
    with acting(people.secretary, at(council, earlier_deadline + timedelta(days=7), 10)):
        services.collection_close(collection=earlier)

    opened = ends_on + timedelta(days=1)
    with acting(people.secretary, at(council, opened, 9)):
        recent = services.collection_create(
            model=SurveyRound,
            council=council,
            departments=departments,
            title=survey["title"].format(span=span_title(council, spec, starts_on, ends_on)),
            starts_on=starts_on,
            ends_on=ends_on,
            deadline=deadline,
            questions=survey["questions"],
        )
    questions = list(recent.questions.all())
    draft_short, draft_values = survey["draft"]
    window = (deadline - opened).days
    for short in survey["before"]:
        if short == survey["missing"]:
            continue
        liaison, department = people.liaisons[short], people.departments[short]
        choice, number = survey["extra"][short]
        extra = {str(questions[0].pk): choice, str(questions[1].pk): str(number)}
        if short == draft_short:
            with acting(liaison, at(council, deadline - timedelta(days=2), 13, 40)):
                response = services.survey_response_start(round=recent, department=department)
                services.submission_save(
                    submission=response,
                    values={**draft_values, "extra_answers": {str(questions[0].pk): choice}},
                    base_version=response.version,
                    by=liaison,
                    submit=False,
                )
            continue
        if short == survey["late"]:
            started, moment = at(council, deadline - timedelta(days=1), 11), at(council, today - timedelta(days=1), 10)
        else:
            moment = at(council, opened + timedelta(days=rng.randint(1, window)), rng.randint(8, 14), 15)
            started = moment - timedelta(hours=rng.choice([1, 2, 3, 5]))
        with acting(liaison, started):  # the form comes filled in from the earlier answer
            response = services.survey_response_start(round=recent, department=department)
        with acting(liaison, moment):
            services.submission_save(
                submission=response,
                values={**survey["changes"].get(short, {}), "extra_answers": extra},
                base_version=response.version,
                by=liaison,
                submit=True,
            )


def seed_activity(council: Council, spec: dict, people: People, today) -> None:
    """Four monthly reporting periods (three past their deadline); two departments went silent."""
    activity = spec["activity"]
    shorts = list(activity["usual"])
    departments = [people.departments[short] for short in shorts]
    # The newest period is the month whose deadline has not passed yet: the one `REPORT_DAYS` ago is in.
    newest, _last = month_bounds(council, today - timedelta(days=REPORT_DAYS))
    firsts = [months_before(council, newest, back) for back in (3, 2, 1, 0)]
    silent_once, silent_never = activity["silent"]
    skipped = activity["skipped"]
    returned_short, reason = activity["returned"]
    obstacles = activity["obstacles"]

    for index, first in enumerate(firsts):
        _first, last = month_bounds(council, first)
        deadline = last + timedelta(days=REPORT_DAYS)
        with acting(people.secretary, at(council, first, 9)):
            period = services.collection_create(
                model=ActivityPeriod,
                council=council,
                departments=departments,
                title=activity["title"].format(month=month_title(council, spec, first)),
                starts_on=first,
                ends_on=last,
                deadline=deadline,
            )
        current = index == len(firsts) - 1
        for n, short in enumerate(shorts):
            liaison, department = people.liaisons[short], people.departments[short]
            rng = random.Random(f"{council.slug}:activity:{short}:{index}")
            values = report_values(activity, people, short, index, rng)
            if current:
                if short in activity["drafts"]:  # half-way through the month
                    partial = {name: values[name] for name in ("press_releases", "news_published", "social_posts")}
                    with acting(liaison, at(council, today - timedelta(days=1 + n % 3), 12)):
                        report = services.activity_report_start(period=period, department=department)
                        services.submission_save(
                            submission=report, values=partial, base_version=report.version, by=liaison, submit=False
                        )
                continue
            if short == silent_never:
                if index == 1:  # began one report and never sent it
                    with acting(liaison, at(council, deadline - timedelta(days=1), 10)):
                        report = services.activity_report_start(period=period, department=department)
                        services.submission_save(
                            submission=report,
                            values={"press_releases": values["press_releases"]},
                            base_version=report.version,
                            by=liaison,
                            submit=False,
                        )
                continue
            if (short == silent_once and index > 0) or (short, index) == skipped:
                continue
            if (n + index) % 5 == 2 and short != returned_short:
                day = deadline + timedelta(days=rng.randint(1, 4))
            else:
                day = last + timedelta(days=rng.randint(1, REPORT_DAYS))
            if (n + index) % 3 == 1:
                values["obstacles"] = obstacles[(n + index) % len(obstacles)]
            with acting(liaison, at(council, day, rng.randint(8, 15), rng.choice([0, 10, 25, 40, 55]))):
                report = services.activity_report_start(period=period, department=department)
                report = services.submission_save(
                    submission=report, values=values, base_version=report.version, by=liaison, submit=True
                )
            if short == returned_short and index == len(firsts) - 2:
                with acting(people.secretary, at(council, deadline + timedelta(days=1), 11)):
                    services.submission_return(submission=report, reason=reason)


def report_values(activity: dict, people: People, short: str, index: int, rng: random.Random) -> dict:
    """A month's figures around the department's usual ones, with links to what it published."""
    values = {}
    for (channel, _label), usual in zip(CHANNELS, activity["usual"][short], strict=True):
        values[channel] = round(usual * rng.uniform(0.6, 1.4)) if usual else int(rng.random() < 0.15)
    links = [
        activity["links"].format(key=people.key(short), number=rng.randint(1200, 9800))
        for _link in range(min(values["press_releases"], rng.randint(1, 3)))
    ]
    highlights = activity["highlights"][short]
    values.update(links="\n".join(links), highlights=highlights[index % len(highlights)])
    return values


def seed_training(council: Council, spec: dict, people: People, today) -> None:
    """Proposals awaiting review (one topic from several departments), one declined, and two courses."""
    training = spec["training"]
    _this_month, this_month_last = month_bounds(council, today)
    last_month = months_before(council, today, 1)
    next_month = this_month_last + timedelta(days=1)

    def propose(fields, day):
        short = fields["department"]
        with acting(people.liaisons[short], at(council, day, 10, 30)):
            return services.proposal_create(
                council=council,
                department=people.departments[short],
                proposed_by=people.liaisons[short],
                **{name: value for name, value in fields.items() if name != "department"},
            )

    def course(plan, day, created):
        proposals = [
            propose(fields, created - timedelta(days=20 - 4 * n)) for n, fields in enumerate(plan["proposals"])
        ]
        with acting(people.secretary, at(council, created, 12)):
            made = services.course_create(council=council, proposals=proposals, starts_on=day, **plan["course"])
        enrolments = []
        for n, (short, name, position, *_attended) in enumerate(plan["enrol"]):
            with acting(people.liaisons[short], at(council, created + timedelta(days=2 + n), 9, 45)):
                enrolments.append(
                    services.enrolment_add(
                        course=made,
                        department=people.departments[short],
                        by=people.liaisons[short],
                        name=name,
                        position=position,
                    )
                )
        return made, enrolments

    # Held last month, with attendance.
    held_on = last_month + timedelta(days=11)
    held, enrolments = course(training["held"], held_on, held_on - timedelta(days=21))
    attended = {e.pk for e, (*_row, came) in zip(enrolments, training["held"]["enrol"], strict=True) if came}
    with acting(people.secretary, at(council, held_on + timedelta(days=1), 14)):
        services.attendance_record(course=held, attended_ids=attended)

    # Two departments' proposals merged into one course next month.
    course(training["planned"], next_month + timedelta(days=9), today - timedelta(days=12))

    declined_fields, reason = training["declined"]
    declined = propose(declined_fields, today - timedelta(days=28))
    with acting(people.secretary, at(council, today - timedelta(days=14), 11)):
        services.proposal_decline(proposal=declined, reason=reason, by=people.secretary)

    for n, fields in enumerate(training["pending"]):
        propose(fields, today - timedelta(days=20 - 4 * n))
