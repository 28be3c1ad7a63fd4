"""Generate many realistic councils, fast, for load tests: `generate_load_data --councils 400 --years 10`.

Each council (`county-0001`, …; Persian/Jalali/Asia-Tehran, Albanian/Europe-Belgrade and English/UTC in
turn) gets 25–40 departments, a chair, a secretary, two members and a liaison per department (usernames
`c0001.chair`, `c0001.secretary`, `c0001.member1`, `c0001.l01`, …, all with one password), 24 meetings a year
for the last `--years` years (the last two upcoming with their agenda published, the rest mostly published
with approved minutes), agenda items, attendance, decisions numbered per council and year as
`meetings.services.minutes_approve` numbers them, action items with progress updates (mostly closed in
older years, mostly open in the last one), press statements, two staffing-gap survey rounds a year, twelve
monthly reporting periods, and an election period with its cycles, attestations, answers and alerts.

Speed comes from building every row in memory and inserting it with `bulk_create` in one transaction per
batch of councils (`--batch`), by several processes on PostgreSQL (`--workers`): no services, no per-row
saves, no signals and no django-simple-history rows. Timestamps are those of when things would have happened
(the `auto_now`/`auto_now_add` fields are switched off while inserting). Dates are counted back from now, so
the same `--seed` on the same day gives the same data, council by council (`--append` continues the series).
Where a submitted attestation would need an evidence file, the item is answered "not applicable" with a note.
"""

import multiprocessing
import os
import random
import time as clock
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from council.models import Council, Department, Membership, Role, User
from demo.elections import install_checklists
from departments.models import (
    CHANNELS,
    STAFF_FUNCTIONS,
    ActivityPeriod,
    ActivityReport,
    Equipment,
    SubmissionState,
    SurveyResponse,
    SurveyRound,
)
from elections.models import AccessRequest, Alert, Answer, Attestation, Complaint, ElectionPeriod, ReportingCycle
from helpers.l10n import calendars
from helpers.l10n.digits import localize_digits
from meetings.models import ActionItem, AgendaItem, Attendance, Decision, Meeting, ProgressUpdate, Statement

DEFAULT_PASSWORD = "load-test-password"
SLUG_PREFIX = "county-"
MEETINGS_PER_YEAR = 24
BULK_BATCH = 5000

# (language, calendar, time zone), in turn.
SETUPS = [("fa", "jalali", "Asia/Tehran"), ("sq", "gregorian", "Europe/Belgrade"), ("en", "gregorian", "UTC")]

# Departments per language: (short name, name). 40 each, so a council draws 25–40 distinct ones.
DEPARTMENTS = {
    "fa": [
        ("فرمانداری", "فرمانداری شهرستان"),
        ("آموزش و پرورش", "اداره آموزش و پرورش"),
        ("بهداشت و درمان", "شبکه بهداشت و درمان"),
        ("شهرداری", "شهرداری"),
        ("آبفا", "اداره آب و فاضلاب"),
        ("برق", "اداره توزیع برق"),
        ("جهاد کشاورزی", "مدیریت جهاد کشاورزی"),
        ("فرهنگ و ارشاد", "اداره فرهنگ و ارشاد اسلامی"),
        ("ورزش و جوانان", "اداره ورزش و جوانان"),
        ("بهزیستی", "اداره بهزیستی"),
        ("کمیته امداد", "کمیته امداد امام خمینی (ره)"),
        ("تأمین اجتماعی", "اداره تأمین اجتماعی"),
        ("منابع طبیعی", "اداره منابع طبیعی و آبخیزداری"),
        ("راه و شهرسازی", "اداره راه و شهرسازی"),
        ("گاز", "اداره گاز"),
        ("مخابرات", "اداره مخابرات"),
        ("پست", "اداره پست"),
        ("امور مالیاتی", "اداره امور مالیاتی"),
        ("ثبت اسناد", "اداره ثبت اسناد و املاک"),
        ("ثبت احوال", "اداره ثبت احوال"),
        ("تعاون و کار", "اداره تعاون، کار و رفاه اجتماعی"),
        ("صمت", "اداره صنعت، معدن و تجارت"),
        ("میراث فرهنگی", "اداره میراث فرهنگی، گردشگری و صنایع دستی"),
        ("محیط زیست", "اداره حفاظت محیط زیست"),
        ("هلال احمر", "جمعیت هلال احمر"),
        ("آتش‌نشانی", "سازمان آتش‌نشانی و خدمات ایمنی"),
        ("انتظامی", "فرماندهی انتظامی شهرستان"),
        ("دادگستری", "دادگستری شهرستان"),
        ("دامپزشکی", "اداره دامپزشکی"),
        ("کتابخانه‌ها", "اداره کتابخانه‌های عمومی"),
        ("بنیاد مسکن", "بنیاد مسکن انقلاب اسلامی"),
        ("اوقاف", "اداره اوقاف و امور خیریه"),
        ("آمار", "اداره آمار"),
        ("هواشناسی", "اداره هواشناسی"),
        ("مدیریت بحران", "ستاد مدیریت بحران"),
        ("فنی و حرفه‌ای", "اداره آموزش فنی و حرفه‌ای"),
        ("اورژانس", "مرکز اورژانس پیش‌بیمارستانی"),
        ("راهداری", "اداره راهداری و حمل‌ونقل جاده‌ای"),
        ("دانشگاه", "دانشگاه پیام نور"),
        ("استاندارد", "اداره استاندارد"),
    ],
    "sq": [
        ("ZKK", "Zyra e Kryetarit të Komunës"),
        ("DKA", "Drejtoria për Arsim"),
        ("DSH", "Drejtoria për Shëndetësi dhe Mirëqenie Sociale"),
        ("DUP", "Drejtoria për Urbanizëm dhe Planifikim"),
        ("DBF", "Drejtoria për Buxhet dhe Financa"),
        ("DKRS", "Drejtoria për Kulturë, Rini dhe Sport"),
        ("DBP", "Drejtoria për Bujqësi, Pylltari dhe Zhvillim Rural"),
        ("DSHP", "Drejtoria për Shërbime Publike"),
        ("DAP", "Drejtoria për Administratë të Përgjithshme"),
        ("DMSH", "Drejtoria për Mbrojtje dhe Shpëtim"),
        ("DI", "Drejtoria e Inspeksionit"),
        ("DZHE", "Drejtoria për Zhvillim Ekonomik"),
        ("DGJK", "Drejtoria për Gjeodezi dhe Kadastër"),
        ("DMM", "Drejtoria për Mbrojtjen e Mjedisit"),
        ("DT", "Drejtoria për Turizëm"),
        ("DKK", "Drejtoria për Komunitete dhe Kthim"),
        ("ZIP", "Zyra për Informim Publik"),
        ("ZPR", "Zyra e Prokurimit"),
        ("ZAB", "Zyra për Auditim të Brendshëm"),
        ("ZBGJ", "Zyra për Barazi Gjinore"),
        ("ZIE", "Zyra për Integrime Evropiane"),
        ("QKMF", "Qendra Kryesore e Mjekësisë Familjare"),
        ("QPS", "Qendra për Punë Sociale"),
        ("KRU", "Kompania Rajonale e Ujësjellësit"),
        ("KM", "Kompania e Mbeturinave"),
        ("OSHE", "Operatori i Shpërndarjes së Energjisë"),
        ("PK", "Posta, njësia rajonale"),
        ("ATK", "Administrata Tatimore, zyra rajonale"),
        ("ARC", "Zyra e Gjendjes Civile"),
        ("SP", "Stacioni Policor"),
        ("GJTH", "Gjykata Themelore, dega"),
        ("QRK", "Qendra Rajonale e Kulturës"),
        ("BQ", "Biblioteka e Qytetit"),
        ("MQ", "Muzeu i Qytetit"),
        ("QAP", "Qendra për Aftësim Profesional"),
        ("ZP", "Zyra e Punësimit"),
        ("KK", "Kryqi i Kuq, dega"),
        ("SHZSH", "Shërbimi Zjarrfikës dhe i Shpëtimit"),
        ("AUV", "Agjencia e Ushqimit dhe Veterinarisë, dega"),
        ("ISHP", "Instituti i Shëndetit Publik, dega"),
    ],
    "en": [
        ("Governor", "Governor's Office"),
        ("Education", "Department of Education"),
        ("Health", "Health Network"),
        ("Municipality", "Municipality"),
        ("Water", "Water and Sewerage Company"),
        ("Electricity", "Electricity Distribution"),
        ("Agriculture", "Department of Agriculture"),
        ("Culture", "Department of Culture"),
        ("Sports", "Department of Youth and Sports"),
        ("Welfare", "Social Welfare Office"),
        ("Social Security", "Social Security Office"),
        ("Nature", "Natural Resources Office"),
        ("Roads", "Roads and Transport Office"),
        ("Housing", "Housing and Urban Planning"),
        ("Gas", "Gas Company"),
        ("Telecom", "Telecommunications Office"),
        ("Post", "Post Office"),
        ("Tax", "Tax Office"),
        ("Land Registry", "Land Registry"),
        ("Civil Registry", "Civil Registry"),
        ("Labour", "Labour and Employment Office"),
        ("Trade", "Trade and Industry Office"),
        ("Tourism", "Tourism and Heritage Office"),
        ("Environment", "Environment Protection Office"),
        ("Red Cross", "Red Cross Branch"),
        ("Fire", "Fire and Rescue Service"),
        ("Police", "County Police"),
        ("Courts", "County Court"),
        ("Veterinary", "Veterinary Services"),
        ("Libraries", "Public Libraries"),
        ("Emergency", "Emergency Management Office"),
        ("Training", "Vocational Training Centre"),
        ("Ambulance", "Ambulance Service"),
        ("Statistics", "Statistics Office"),
        ("Weather", "Weather Service"),
        ("Standards", "Standards Office"),
        ("Consumers", "Consumer Protection Office"),
        ("Communities", "Community Affairs Office"),
        ("Finance", "Finance and Budget Office"),
        ("Procurement", "Procurement Office"),
    ],
}

TEXT = {
    "fa": {
        "council": "شورای هماهنگی روابط عمومی‌های شهرستان {n}",
        "letterhead": "فرمانداری شهرستان {n}\nشورای هماهنگی روابط عمومی‌ها",
        "meeting": "جلسه شورای هماهنگی روابط عمومی‌ها",
        "place": "سالن جلسات فرمانداری",
        "first_names": "علی محمد حسین رضا مهدی زهرا فاطمه مریم سارا نرگس "
        "امیر حمید سعید لیلا الهام مجید ناصر پروین کاوه سمیه",
        "last_names": "احمدی محمدی حسینی رضایی کریمی موسوی جعفری صادقی قاسمی رحیمی "
        "نوروزی کاظمی یوسفی حیدری عباسی سلیمانی اکبری مرادی شریفی زارعی",
        "items": [
            "گزارش {dept} از اطلاع‌رسانی ماه گذشته",
            "برنامه پوشش خبری ماه آینده",
            "هماهنگی ادارات در شبکه‌های اجتماعی",
            "برنامه‌های مناسبت‌های ملی",
            "پاسخ‌گویی به پیام‌های مردم در سامانه‌ها",
            "برنامه نشست‌های خبری مدیران",
            "دوره آموزشی رابطان روابط عمومی",
            "انتشار مصوبات در پایگاه اطلاع‌رسانی",
            "مانور اطلاع‌رسانی در بحران",
            "کمبود نیروی انسانی روابط عمومی ادارات",
            "کمبود تجهیزات: دوربین و نرم‌افزار",
            "تعامل با رسانه‌های محلی",
            "خبرنامه ماهانه شهرستان",
            "دسترسی مردم به اسناد عمومی",
            "پوشش خبری طرح‌های {dept}",
            "اعتبار برنامه‌های اطلاع‌رسانی",
            "بی‌طرفی ادارات در انتخابات",
            "آرشیو عکس و فیلم ادارات",
            "نظرسنجی رضایت مردم",
            "هماهنگی با شورای روابط عمومی استان",
        ],
        "description": "گزارش کوتاه دبیرخانه و پیشنهاد اداره ارائه‌دهنده.",
        "discussion": [
            "حاضران درباره این موضوع گفت‌وگو کردند و {dept} گزارش خود را ارائه کرد.",
            "رئیس شورا بر اطلاع‌رسانی به‌موقع و دقیق به مردم تأکید کرد.",
            "دبیرخانه آمار را ارائه کرد و اعضا پیگیری آن را پذیرفتند.",
            "چند اداره از دشواری‌های خود گفتند و شورا بر گام‌های مشترک توافق کرد.",
        ],
        "follow_up_past": "دبیرخانه گزارش پیگیری اقدامات جلسه {ref} را ارائه کرد.",
        "decisions": [
            "{dept} گزارش ماهانه خود را تا پنجم هر ماه به دبیرخانه شورا ارسال کند.",
            "{dept} نتایج را ظرف یک هفته در مجاری رسمی خود منتشر کند.",
            "{dept} برنامه پوشش خبری را تهیه و در جلسه بعد ارائه کند.",
            "{dept} یک رابط جانشین معرفی و به دبیرخانه اعلام کند.",
            "{dept} ظرف ده روز به پرسش‌های مانده مردم پاسخ دهد.",
            "{dept} بازدید خبرنگاران از طرح‌های خود را برگزار کند.",
            "{dept} دو نفر از کارکنان را برای دوره آموزشی معرفی کند.",
            "{dept} صفحه خود را در پایگاه شورا به‌روز کند.",
        ],
        "progress": [
            "کار آغاز شد و پیش‌نویس نخست آماده است.",
            "نیمی از کار انجام شد و بقیه برای ماه آینده برنامه‌ریزی شده است.",
            "گزارش برای دبیرخانه ارسال شد.",
            "در مجاری رسمی منتشر شد و پیوندها ارسال شد.",
            "در انتظار تأیید رئیس اداره است.",
        ],
        "done": "انجام شد و مستندات برای دبیرخانه ارسال شد.",
        "cancel": "به دلیل جلسه استانی معاون فرماندار لغو شد.",
        "delegate": "معاون اداره",
        "statement_title": "برگزاری جلسه {ref} شورای هماهنگی روابط عمومی‌ها",
        "statement_body": "جلسه شورای هماهنگی روابط عمومی‌های شهرستان با حضور رابطان ادارات برگزار شد. "
        "حاضران {items} موضوع را بررسی کردند و {decisions} مصوبه برای پیگیری به ادارات ابلاغ شد.",
        "survey": "ارزیابی کمبود نیروی انسانی و تجهیزات روابط عمومی ادارات، {span}",
        "span": "{start} تا {end}",
        "activity": "گزارش فعالیت {month}",
        "election": "انتخابات شورای اسلامی شهر {year}",
        "not_applicable": "درخواستی در این نوبت نرسید.",
        "not_compliant": "خودروی اداره یک بار برای برنامه یک ستاد به کار رفت؛ راننده تذکر گرفت.",
        "alert_follow_up": "از رئیس اداره توضیح مکتوب خواسته شد و اقدام لازم انجام شد.",
        "candidates": ["فهرست «امید»", "فهرست «آینده»", "نامزد مستقل"],
        "access": "سالن اجتماعات برای نشست انتخاباتی",
        "refused": "سالن برای برنامه دیگری رزرو شده بود.",
        "complaint": "درخواست سالن ما رد شد در حالی که فهرست رقیب همان هفته از سالن استفاده کرد.",
        "complaint_handling": "موضوع از اداره استعلام شد و پاسخ مکتوب داده شد.",
        "highlights": [
            "پوشش خبری بازدید مسئولان از طرح‌های عمرانی",
            "اطلاع‌رسانی خدمات جدید اداره در پیام‌رسان‌ها",
            "برگزاری نشست خبری رئیس اداره",
        ],
        "obstacles": ["نبود دوربین مناسب", "اینترنت ناپایدار در ساعات اداری"],
        "training": ["عکاسی خبری", "خبرنویسی", "مدیریت شبکه‌های اجتماعی"],
        "positions_note": "رابط روابط عمومی پست مصوب ندارد و این کار را در کنار وظایف اصلی انجام می‌دهد.",
    },
    "sq": {
        "council": "Këshilli për Informim Publik i Komunës {n}",
        "letterhead": "Komuna {n}\nZyra për Informim Publik",
        "meeting": "Mbledhja e Këshillit për Informim Publik",
        "place": "Salla e mbledhjeve, Komuna",
        "first_names": "Arben Drita Luan Besnik Valbona Fatmir Agron Merita Ilir Naim Shpresa Xhevdet Afërdita Arta "
        "Blerim Lirije Driton Vjosa Ermira Fisnik",
        "last_names": "Krasniqi Berisha Kelmendi Hoxha Ahmeti Shala Gashi Rexhepi Kastrati Halili Zeqiri Osmani "
        "Ismaili Çela Bytyqi Hyseni Morina Selimi Mustafa Sahiti",
        "items": [
            "Raporti i {dept} për informimin e muajit të kaluar",
            "Plani i mbulimit mediatik për muajin e ardhshëm",
            "Koordinimi i drejtorive në rrjetet sociale",
            "Përgatitjet për festat zyrtare",
            "Përgjigjet ndaj ankesave të qytetarëve",
            "Kalendari i konferencave për media",
            "Trajnimi i zyrtarëve për informim",
            "Publikimi i vendimeve në ueb-faqe",
            "Ushtrimi i komunikimit në kriza",
            "Mungesa e stafit në zyrat e informimit",
            "Mungesa e pajisjeve: kamera dhe softuer",
            "Marrëdhëniet me mediat lokale",
            "Buletini mujor i komunës",
            "Qasja në dokumente publike",
            "Mbulimi i projekteve të {dept}",
            "Buxheti për fushatat informuese",
            "Paanshmëria e drejtorive gjatë zgjedhjeve",
            "Arkivi i fotografive dhe videove",
            "Anketa e kënaqësisë së qytetarëve",
            "Koordinimi me zyrat rajonale",
        ],
        "description": "Informatë e shkurtër e sekretariatit dhe propozimi i drejtorisë.",
        "discussion": [
            "Anëtarët e diskutuan pikën; {dept} paraqiti raportin e vet.",
            "Kryesuesi theksoi informimin me kohë dhe të saktë të qytetarëve.",
            "Sekretariati paraqiti shifrat dhe anëtarët ranë dakord për ndjekjen e tyre.",
            "Disa drejtori raportuan vështirësi; këshilli u pajtua për hapa të përbashkët.",
        ],
        "follow_up_past": "Sekretariati raportoi për detyrat nga mbledhja {ref}.",
        "decisions": [
            "{dept} i dërgon sekretariatit raportin mujor deri më pesë të çdo muaji.",
            "{dept} publikon rezultatet në kanalet zyrtare brenda një jave.",
            "{dept} përgatit planin e mbulimit dhe e paraqet në mbledhjen e ardhshme.",
            "{dept} cakton një zëvendës për informim dhe njofton sekretariatin.",
            "{dept} u përgjigjet pyetjeve të mbetura të qytetarëve brenda dhjetë ditësh.",
            "{dept} organizon vizitë të gazetarëve në projektet e veta.",
            "{dept} propozon dy punonjës për trajnim.",
            "{dept} përditëson faqen e vet në ueb-faqen e këshillit.",
        ],
        "progress": [
            "Puna ka filluar; drafti i parë është gati.",
            "Gjysma e punës është kryer; pjesa tjetër planifikohet muajin e ardhshëm.",
            "Raporti iu dërgua sekretariatit.",
            "U publikua në kanalet zyrtare; lidhjet u dërguan.",
            "Në pritje të miratimit nga drejtori.",
        ],
        "done": "U krye; dëshmitë iu dërguan sekretariatit.",
        "cancel": "U anulua: nënkryetari u thirr në një mbledhje tjetër.",
        "delegate": "Zëvendësdrejtori",
        "statement_title": "Këshilli për Informim Publik mbajti mbledhjen {ref}",
        "statement_body": "Në mbledhjen e Këshillit për Informim Publik morën pjesë zyrtarët e drejtorive. "
        "U shqyrtuan {items} pika dhe {decisions} vendime iu dërguan drejtorive për zbatim.",
        "survey": "Anketa për mungesat e stafit dhe pajisjeve, {span}",
        "span": "{start} – {end}",
        "activity": "Raporti i aktivitetit {month}",
        "election": "Zgjedhjet lokale {year}",
        "not_applicable": "Nuk pati kërkesa të tilla në këtë cikël.",
        "not_compliant": "Një veturë e drejtorisë u përdor një herë për një aktivitet fushate; shoferi u paralajmërua.",
        "alert_follow_up": "U kërkua shpjegim me shkrim nga drejtori; u morën masa.",
        "candidates": ["Lista «Ardhmëria»", "Lista «Qytetarët»", "Kandidat i pavarur"],
        "access": "Sallë për takim fushate",
        "refused": "Salla ishte e rezervuar për një aktivitet tjetër.",
        "complaint": "Kërkesa jonë për sallë u refuzua, ndërsa lista tjetër e përdori po atë javë.",
        "complaint_handling": "Drejtorisë iu kërkuan të dhënat e rezervimeve; u dha përgjigje me shkrim.",
        "highlights": [
            "Mbulimi i vizitës së kryetarit në projektet infrastrukturore",
            "Informimi për shërbimet e reja në rrjetet sociale",
            "Konferenca për media e drejtorit",
        ],
        "obstacles": ["Mungon kamera e përshtatshme", "Interneti i paqëndrueshëm"],
        "training": ["Fotografia për lajme", "Shkrimi i lajmeve", "Menaxhimi i rrjeteve sociale"],
        "positions_note": "Zyrtari nuk ka vend pune për informim; këtë punë e bën krahas detyrave të tjera.",
    },
    "en": {
        "council": "County {n} PR coordination council",
        "letterhead": "County {n}\nPublic-relations coordination council",
        "meeting": "PR coordination council meeting",
        "place": "Governor's office, meeting room",
        "first_names": "James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Susan Richard "
        "Jessica Thomas Sarah Daniel Karen Paul Nancy",
        "last_names": "Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Clark Lewis Walker Hall Allen "
        "Young King Wright Scott Green Baker",
        "items": [
            "Report of {dept} on last month's public information",
            "Coverage plan for the coming month",
            "Social-media coordination between departments",
            "Preparing the national holiday events",
            "Answering citizens' messages on the hotline",
            "Press conference schedule",
            "Training course for PR liaisons",
            "Publishing decisions on the official website",
            "Crisis communication drill",
            "Staffing gaps in PR offices",
            "Equipment shortages: cameras and software",
            "Relations with local media",
            "Monthly county news bulletin",
            "Public access to documents",
            "Coverage of {dept} projects",
            "Budget for information campaigns",
            "Neutrality of departments during elections",
            "Photo and video archive",
            "Citizens' satisfaction survey",
            "Coordination with the regional PR council",
        ],
        "description": "A short note from the secretariat and the presenting department's proposal.",
        "discussion": [
            "The members discussed the item; {dept} presented its report and answered questions.",
            "The chair stressed timely and accurate information for citizens.",
            "The secretariat presented the figures; the members agreed to follow them up.",
            "Several departments reported difficulties; the council agreed on common steps.",
        ],
        "follow_up_past": "The secretariat reported on the action items of meeting {ref}.",
        "decisions": [
            "{dept} sends its monthly report to the secretariat by the fifth of each month.",
            "{dept} publishes the results on its official channels within a week.",
            "{dept} prepares a coverage plan and presents it at the next meeting.",
            "{dept} appoints a deputy liaison and informs the secretariat.",
            "{dept} answers the outstanding citizens' questions within ten days.",
            "{dept} organises a press visit to its projects.",
            "{dept} nominates two staff members for the training course.",
            "{dept} updates its page on the council's website.",
        ],
        "progress": [
            "Work has started; a first draft is ready.",
            "Half of the work is done; the rest is planned for next month.",
            "The report was sent to the secretariat.",
            "Published on the official channels; links sent.",
            "Waiting for the head of department's approval.",
        ],
        "done": "Completed; the evidence was sent to the secretariat.",
        "cancel": "Postponed: the chair was called to a regional meeting.",
        "delegate": "Deputy head",
        "statement_title": "PR coordination council meeting {ref}",
        "statement_body": "The PR coordination council met with the PR liaisons of the departments. "
        "It discussed {items} items and took {decisions} decisions, sent to the departments for follow-up.",
        "survey": "Staffing-gap survey, {span}",
        "span": "{start} – {end}",
        "activity": "Activity report {month}",
        "election": "Local elections {year}",
        "not_applicable": "No such request in this cycle.",
        "not_compliant": "A department car was used once for a campaign event; the driver was warned.",
        "alert_follow_up": "The head of department was asked for a written explanation; measures taken.",
        "candidates": ["List 'Future Together'", "List 'Citizens First'", "Independent candidate"],
        "access": "Meeting hall for a campaign event",
        "refused": "The hall was booked for another event.",
        "complaint": "Our request for the hall was refused while another list used it the same week.",
        "complaint_handling": "The department was asked for its booking records; answered in writing.",
        "highlights": [
            "Coverage of the officials' visit to public works",
            "Information on the department's new services on social media",
            "Press conference of the head of department",
        ],
        "obstacles": ["No suitable camera", "Unreliable internet during office hours"],
        "training": ["News photography", "News writing", "Social-media management"],
        "positions_note": "The liaison has no approved PR position and does this work besides their own.",
    },
}

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "sq": [
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
}

# Columns set explicitly (when things would have happened) instead of "now" while inserting.
TIMESTAMPS = [
    (Council, "created_at"),
    (Department, "created_at"),
    (Membership, "created_at"),
    (Meeting, "created_at"),
    (ProgressUpdate, "created_at"),
    (Statement, "created_at"),
    (SurveyRound, "created_at"),
    (SurveyResponse, "updated_at"),
    (ActivityPeriod, "created_at"),
    (ActivityReport, "updated_at"),
    (ElectionPeriod, "created_at"),
    (Alert, "raised_at"),
]


@contextmanager
def explicit_timestamps():
    """Switch off auto_now/auto_now_add on TIMESTAMPS while inserting, and back on afterwards."""
    fields = [model._meta.get_field(name) for model, name in TIMESTAMPS]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def m2m(model, name):
    """(through model, column of `model`'s side, column of the other side) of a many-to-many field."""
    f = model._meta.get_field(name)
    return f.remote_field.through, f.m2m_column_name(), f.m2m_reverse_name()


DECISION_DEPARTMENTS = m2m(Decision, "departments")
STATEMENT_DECISIONS = m2m(Statement, "decisions")
ROUND_DEPARTMENTS = m2m(SurveyRound, "departments")
PERIOD_DEPARTMENTS = m2m(ActivityPeriod, "departments")

# Insertion order: parents before children; a tuple is a many-to-many table, "responses" the survey answers
# (inserted round by round, since each answer points to the department's previous one).
INSERT_ORDER = [
    Council,
    Department,
    User,
    Membership,
    Meeting,
    AgendaItem,
    Attendance,
    Decision,
    DECISION_DEPARTMENTS,
    ActionItem,
    ProgressUpdate,
    Statement,
    STATEMENT_DECISIONS,
    SurveyRound,
    ROUND_DEPARTMENTS,
    "responses",
    ActivityPeriod,
    PERIOD_DEPARTMENTS,
    ActivityReport,
    ElectionPeriod,
    ReportingCycle,
    Attestation,
    Answer,
    Alert,
    AccessRequest,
    Complaint,
]


class Batch:
    """The rows of a few councils, built in memory and inserted together."""

    def __init__(self):
        self.rows = defaultdict(list)
        self.pairs = defaultdict(list)  # many-to-many table → [(object, object)]
        self.responses = defaultdict(list)  # round ordinal → survey answers

    def add(self, obj):
        self.rows[type(obj)].append(obj)
        return obj

    def insert(self, counts: Counter) -> None:
        for entry in INSERT_ORDER:
            if entry == "responses":
                for ordinal in sorted(self.responses):
                    SurveyResponse.objects.bulk_create(self.responses[ordinal], batch_size=BULK_BATCH)
                    counts[SurveyResponse._meta.label] += len(self.responses[ordinal])
            elif isinstance(entry, tuple):
                through, left, right = entry
                rows = [through(**{left: a.pk, right: b.pk}) for a, b in self.pairs[entry]]
                through.objects.bulk_create(rows, batch_size=BULK_BATCH)
                counts[through._meta.label] += len(rows)
            else:
                entry.objects.bulk_create(self.rows[entry], batch_size=BULK_BATCH)
                counts[entry._meta.label] += len(self.rows[entry])


@dataclass
class Dept:
    obj: Department
    key: str  # its liaison's username is "c<council>.<key>"
    liaison: User
    membership: Membership
    profile: dict = field(default_factory=dict)


class CouncilBuilder:
    """Builds every row of one council; its own random generator makes it reproducible on its own."""

    def __init__(self, *, number: int, years: int, seed: str, now: datetime, password: str, checklists, batch: Batch):
        self.number, self.years, self.now, self.password, self.batch = number, years, now, password, batch
        self.checklists = checklists
        self.rng = random.Random(f"{seed}:{number}")
        self.language, self.calendar, tz_name = SETUPS[(number - 1) % len(SETUPS)]
        self.tz_name, self.tz = tz_name, ZoneInfo(tz_name)
        self.text = TEXT[self.language]
        self.today = timezone.localdate(now, self.tz)
        self.label = f"{number:04d}"
        self.slug = f"{SLUG_PREFIX}{self.label}"
        self.first_names = self.text["first_names"].split()
        self.last_names = self.text["last_names"].split()

    # ------------------------------------------------------------ helpers

    def add(self, obj):
        return self.batch.add(obj)

    def at(self, day, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz)

    def digits(self, text) -> str:
        return localize_digits(str(text), self.language)

    def person(self) -> tuple[str, str]:
        return self.rng.choice(self.first_names), self.rng.choice(self.last_names)

    def moment_between(self, start: datetime, end: datetime) -> datetime:
        seconds = max((end - start).total_seconds(), 0)
        return start + timedelta(seconds=int(self.rng.random() * seconds))

    def year_of(self, day) -> int:
        return calendars.year_of(day, calendar=self.calendar)

    def month_label(self, first) -> str:
        if self.calendar == calendars.JALALI:
            import jdatetime

            jalali = jdatetime.date.fromgregorian(date=first)
            return self.digits(f"{calendars.JALALI_MONTHS['fa'][jalali.month - 1]} {jalali.year}")
        return f"{MONTHS[self.language][first.month - 1]} {first.year}"

    # ------------------------------------------------------------ the council and its people

    def build(self) -> None:
        self.build_council()
        self.build_people()
        self.build_meetings()
        self.build_surveys()
        self.build_activity()
        self.build_election()

    def build_council(self) -> None:
        self.started = self.today - timedelta(days=round(365.25 * self.years) + 30)
        self.created = self.at(self.started, 9)
        self.council = self.add(
            Council(
                name=self.text["council"].format(n=self.digits(self.label)),
                slug=self.slug,
                language=self.language,
                calendar=self.calendar,
                time_zone=self.tz_name,
                letterhead=self.text["letterhead"].format(n=self.digits(self.label)),
                created_at=self.created,
            )
        )

    def user(self, key: str, first: str, last: str) -> User:
        return self.add(
            User(
                username=f"c{self.label}.{key}",
                email=f"{key}@{self.slug}.example",
                first_name=first,
                last_name=last,
                password=self.password,
                date_joined=self.created,
            )
        )

    def membership(self, user: User, role: str, department=None) -> Membership:
        return self.add(
            Membership(user=user, council=self.council, role=role, department=department, created_at=self.created)
        )

    def build_people(self) -> None:
        rng = self.rng
        self.chair = self.user("chair", *self.person())
        self.secretary = self.user("secretary", *self.person())
        self.memberships = [self.membership(self.chair, Role.CHAIR), self.membership(self.secretary, Role.SECRETARY)]
        for n in (1, 2):
            self.memberships.append(self.membership(self.user(f"member{n}", *self.person()), Role.MEMBER))
        specs = rng.sample(DEPARTMENTS[self.language], rng.randint(25, 40))
        self.depts = []
        for n, (short, name) in enumerate(specs, 1):
            has_unit = rng.random() < 0.3
            department = self.add(
                Department(
                    council=self.council,
                    name=name,
                    short_name=short,
                    head_name=" ".join(self.person()),
                    has_pr_unit=has_unit,
                    email=f"pr{n:02d}@{self.slug}.example",
                    phone=f"+{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                    created_at=self.created,
                )
            )
            liaison = self.user(f"l{n:02d}", *self.person())
            membership = self.membership(liaison, Role.LIAISON, department)
            self.memberships.append(membership)
            self.depts.append(Dept(department, f"l{n:02d}", liaison, membership, self.profile(has_unit)))

    def profile(self, has_unit: bool) -> dict:
        """A department's usual survey answer and monthly activity, which later answers drift around."""
        rng = self.rng
        approved = rng.randint(1, 5) if has_unit else 0
        values = {
            "has_pr_unit": has_unit,
            "approved_positions": approved,
            "filled_positions": max(approved - rng.randint(0, 1), 0) if has_unit else rng.randint(0, 1),
            "missing_equipment": sorted(rng.sample(Equipment.values, rng.randint(0, 3))),
            "annual_budget": rng.randint(1, 60) * (100_000_000 if self.language == "fa" else 1_000),
        }
        for function, _label in STAFF_FUNCTIONS:
            staff = rng.randint(0, 2) if has_unit else rng.randint(0, 1) * (rng.random() < 0.3)
            values[f"staff_{function}"] = staff
            values[f"needed_{function}"] = staff + rng.randint(0, 1)
        scale = 3 if has_unit else 1
        activity = {channel: rng.randint(0, 10) * scale for channel, _label in CHANNELS}
        return {"survey": values, "activity": activity}

    # ------------------------------------------------------------ meetings

    def build_meetings(self) -> None:
        rng, text = self.rng, self.text
        count = MEETINGS_PER_YEAR * self.years
        interval = 365.25 / MEETINGS_PER_YEAR
        meeting_numbers, decision_numbers = Counter(), Counter()
        self.open_actions = []  # (due date, department name, order, status, reference, latest progress)
        drafted_last = rng.random() < 0.25  # the latest held meeting still awaits approval in a quarter of councils
        previous = None
        with translation.override(self.language):
            follow_up_title = gettext("Follow-up of earlier decisions")
        digest = None
        for k in range(count):
            day = self.today + timedelta(days=round(7 + (k - (count - 2)) * interval))
            starts = self.at(day, rng.choice([9, 10, 10, 11]), rng.choice([0, 0, 30]))
            year = self.year_of(day)
            meeting_numbers[year] += 1
            approved_at = published_at = None
            if starts > self.now:
                state = Meeting.State.AGENDA_PUBLISHED
            elif k < count - 3 and rng.random() < 0.02:
                state = Meeting.State.CANCELLED
            elif k == count - 3 and drafted_last:
                state = Meeting.State.MINUTES_DRAFTED
            else:
                approved_at = starts + timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 5))
                published_at = approved_at + timedelta(days=rng.randint(0, 2), hours=rng.randint(1, 4))
                if published_at <= self.now:
                    state = Meeting.State.PUBLISHED
                elif approved_at <= self.now:
                    state, published_at = Meeting.State.MINUTES_APPROVED, None
                else:
                    state, approved_at, published_at = Meeting.State.MINUTES_DRAFTED, None, None
            agenda_at = min(starts - timedelta(days=7, hours=rng.randint(0, 48)), self.now - timedelta(hours=2))
            held = state in (Meeting.State.MINUTES_DRAFTED, Meeting.State.MINUTES_APPROVED, Meeting.State.PUBLISHED)
            meeting = self.add(
                Meeting(
                    council=self.council,
                    year=year,
                    number=meeting_numbers[year],
                    title=text["meeting"],
                    starts_at=starts,
                    duration_minutes=rng.choice([60, 90, 90, 120]),
                    place=text["place"],
                    state=state,
                    cancel_reason=text["cancel"] if state == Meeting.State.CANCELLED else "",
                    chaired_by=self.chair,
                    recorded_by=self.secretary if held else None,
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    ical_sequence=1 if state == Meeting.State.CANCELLED else 0,
                    created_by=self.secretary,
                    created_at=agenda_at - timedelta(days=5),
                    agenda_published_at=agenda_at,
                    minutes_approved_at=approved_at,
                    minutes_approved_by=self.chair if approved_at else None,
                    published_at=published_at,
                    version=5 if held else 2,
                )
            )
            items = []
            if previous is not None:
                if state == Meeting.State.AGENDA_PUBLISHED:
                    digest = digest if digest is not None else self.digest()
                    description = digest
                else:
                    description = text["follow_up_past"].format(ref=self.digits(f"{previous.number}/{previous.year}"))
                items.append(
                    self.add(
                        AgendaItem(
                            meeting=meeting,
                            position=0,
                            kind=AgendaItem.Kind.FOLLOW_UP,
                            title=follow_up_title,
                            description=description,
                            minutes_allotted=15,
                            discussion=rng.choice(text["discussion"][1:]) if held else "",
                        )
                    )
                )
            regular = []
            for position in range(len(items), rng.randint(10, 20)):
                presenter = rng.choice(self.depts) if rng.random() < 0.8 else None
                named = presenter or rng.choice(self.depts)
                item = self.add(
                    AgendaItem(
                        meeting=meeting,
                        position=position,
                        title=rng.choice(text["items"]).format(dept=named.obj.short_name),
                        description=text["description"] if rng.random() < 0.5 else "",
                        presenter=presenter.obj if presenter else None,
                        minutes_allotted=rng.choice([5, 10, 10, 15, 20, 30]),
                        discussion=rng.choice(text["discussion"]).format(dept=named.obj.name) if held else "",
                    )
                )
                items.append(item)
                regular.append(item)
            self.build_attendance(meeting, state, agenda_at)
            decisions = []
            if held:
                numbered = state != Meeting.State.MINUTES_DRAFTED
                for item in regular:
                    if rng.random() >= 0.5:
                        continue
                    for position in range(1 if rng.random() < 0.9 else 2):
                        decisions.append(
                            self.build_decision(item, position, day, starts, year, numbered, decision_numbers)
                        )
            if state == Meeting.State.PUBLISHED and rng.random() < 4 / MEETINGS_PER_YEAR:
                self.build_statement(meeting, published_at, len(items), decisions)
            previous = meeting

    def build_attendance(self, meeting: Meeting, state: str, agenda_at: datetime) -> None:
        rng, held = self.rng, state not in (Meeting.State.AGENDA_PUBLISHED, Meeting.State.CANCELLED)
        delegate = self.text["delegate"]
        for membership in self.memberships:
            roll = rng.random()
            if not held and roll < 0.5:
                reply = ""
            elif roll < 0.78:
                reply = Attendance.Reply.ATTENDING
            elif roll < 0.9:
                reply = Attendance.Reply.NOT_ATTENDING
            elif roll < 0.97:
                reply = Attendance.Reply.DELEGATE
            else:
                reply = ""
            status = ""
            if held:
                status = {
                    Attendance.Reply.ATTENDING: Attendance.Status.PRESENT
                    if rng.random() < 0.95
                    else Attendance.Status.ABSENT,
                    Attendance.Reply.NOT_ATTENDING: Attendance.Status.EXCUSED,
                    Attendance.Reply.DELEGATE: Attendance.Status.DELEGATE,
                    "": Attendance.Status.PRESENT if rng.random() < 0.5 else Attendance.Status.ABSENT,
                }[reply]
            self.add(
                Attendance(
                    meeting=meeting,
                    membership=membership,
                    reply=reply,
                    reply_delegate=delegate if reply == Attendance.Reply.DELEGATE else "",
                    replied_at=min(agenda_at + timedelta(hours=rng.randint(1, 96)), self.now) if reply else None,
                    status=status,
                    delegate_name=delegate if status == Attendance.Status.DELEGATE else "",
                    mail_status=Attendance.Mail.SENT,
                    mail_attempts=1,
                )
            )

    def build_decision(self, item, position, day, starts, year, numbered, numbers: Counter) -> Decision:
        rng = self.rng
        responsible = rng.sample(self.depts, rng.choice([1, 1, 1, 2]))
        due = day + timedelta(days=rng.choice([14, 21, 30, 45, 60, 90])) if rng.random() < 0.95 else None
        number = None
        if numbered:
            numbers[year] += 1
            number = numbers[year]
        decision = self.add(
            Decision(
                council=self.council,
                item=item,
                position=position,
                year=year if numbered else None,
                number=number,
                text=rng.choice(self.text["decisions"]).format(dept=responsible[0].obj.name),
                due_date=due,
            )
        )
        for dept in responsible:
            self.batch.pairs[DECISION_DEPARTMENTS].append((decision, dept.obj))
            if numbered:
                self.build_action(decision, dept, day, starts, due)
        return decision

    def build_action(self, decision: Decision, dept: Dept, day, starts: datetime, due) -> None:
        """One department's action item, its progress updates and whether the chair accepted it as done."""
        rng, status = self.rng, ActionItem.Status
        age = (self.today - day).days
        p_done = 0.97 if age > 365 else 0.8 * (max(age, 0) / 365) ** 0.8
        if rng.random() < p_done:
            kind, updates = status.DONE, rng.choice([0, 1, 1, 2, 2, 3])
        else:
            roll = rng.random()
            if roll < 0.35:
                kind, updates = status.OPEN, 0
            elif roll < 0.8:
                kind, updates = status.IN_PROGRESS, rng.randint(1, 3)
            else:
                kind, updates = status.DONE_PROPOSED, rng.randint(1, 3)
        start = starts + timedelta(days=1)
        end = self.now
        if kind == status.DONE:
            end = min(self.now, start + timedelta(days=rng.randint(7, 120)))
        moments = sorted(self.moment_between(start, end) for _n in range(updates))
        action = self.add(
            ActionItem(
                decision=decision,
                council=self.council,
                department=dept.obj,
                due_date=due,
                status=kind,
                closed_at=end if kind == status.DONE else None,
                closed_by=self.chair if kind == status.DONE else None,
                last_update_at=moments[-1] if moments else None,
            )
        )
        latest = ""
        for n, moment in enumerate(moments):
            last = n == len(moments) - 1
            proposes_done = last and kind in (status.DONE, status.DONE_PROPOSED)
            latest = self.text["done"] if proposes_done else rng.choice(self.text["progress"])
            self.add(
                ProgressUpdate(
                    action_item=action, author=dept.liaison, text=latest, proposes_done=proposes_done, created_at=moment
                )
            )
        if kind != status.DONE:
            reference = f"{decision.year}/{decision.number:02d}"
            self.open_actions.append((due, dept.obj.name, len(self.open_actions), kind, reference, latest))

    def digest(self) -> str:
        """The follow-up item of an upcoming meeting, as meetings.selectors.open_action_items_digest writes it."""
        lines = []
        rows = sorted(self.open_actions, key=lambda row: (row[0] is None, row[0] or self.today, row[1], row[2]))
        with translation.override(self.language):
            no_due, no_progress = gettext("no due date"), gettext("no progress reported yet")
            labels = {value: str(label) for value, label in ActionItem.Status.choices}
            for due, name, _order, kind, reference, latest in rows:
                when = calendars.format_date(due, calendar=self.calendar, language=self.language) if due else no_due
                lines.append(f"• {self.digits(reference)} — {name} — {when} — {labels[kind]}: {latest or no_progress}")
        return "\n".join(lines)

    def build_statement(self, meeting: Meeting, published_at: datetime, items: int, decisions: list) -> None:
        text = self.text
        statement = self.add(
            Statement(
                council=self.council,
                meeting=meeting,
                title=text["statement_title"].format(ref=self.digits(f"{meeting.number}/{meeting.year}")),
                body=text["statement_body"].format(items=self.digits(items), decisions=self.digits(len(decisions))),
                state=Statement.State.PUBLISHED,
                published_at=min(published_at + timedelta(hours=20), self.now),
                created_by=self.secretary,
                approved_by=self.chair,
                created_at=published_at,
            )
        )
        for decision in decisions:
            self.batch.pairs[STATEMENT_DECISIONS].append((statement, decision))

    # ------------------------------------------------------------ staffing-gap surveys and activity reports

    def month_firsts(self, count: int) -> list:
        """The first day of this month and of the `count` months before it, in the council's calendar."""
        firsts = [calendars.month_of(self.today, calendar=self.calendar)[0]]
        for _n in range(count):
            firsts.append(calendars.month_of(firsts[-1] - timedelta(days=1), calendar=self.calendar)[0])
        return firsts

    def build_surveys(self) -> None:
        """Two rounds a year, each on the half-year before it; most departments answer, a few late or in draft."""
        rng, text = self.rng, self.text
        self.firsts = self.month_firsts(12 * self.years + 14)
        previous = {}  # department index → its latest submitted answer
        rounds = 2 * self.years
        for ordinal, back in enumerate(reversed(range(rounds))):
            starts_on, opened = self.firsts[6 + 6 * back], self.firsts[6 * back]
            ends_on = opened - timedelta(days=1)
            deadline = opened + timedelta(days=13)
            close_at = self.at(deadline + timedelta(days=7), 10)
            span = text["span"].format(
                start=self.month_label(starts_on), end=self.month_label(self.firsts[1 + 6 * back])
            )
            survey_round = self.add(
                SurveyRound(
                    council=self.council,
                    title=text["survey"].format(span=span),
                    starts_on=starts_on,
                    ends_on=ends_on,
                    deadline=deadline,
                    closed_at=close_at if close_at <= self.now else None,
                    created_at=self.at(opened, 9),
                )
            )
            for index, dept in enumerate(self.depts):
                self.batch.pairs[ROUND_DEPARTMENTS].append((survey_round, dept.obj))
                roll = rng.random()
                if roll >= 0.95:
                    continue  # never answered
                late = rng.random() < 0.1
                day = deadline + timedelta(days=rng.randint(1, 6)) if late else opened + timedelta(rng.randint(1, 13))
                moment = self.at(day, rng.randint(8, 15), rng.choice([5, 20, 35, 50]))
                submitted = roll < 0.9 and moment <= self.now
                if not submitted and self.at(opened, 12) > self.now:
                    continue
                values = self.survey_values(dept, previous.get(index))
                response = SurveyResponse(
                    round=survey_round,
                    department=dept.obj,
                    previous=previous.get(index),
                    state=SubmissionState.SUBMITTED if submitted else SubmissionState.DRAFT,
                    late=submitted and day > deadline,
                    submitted_at=moment if submitted else None,
                    submitted_by=dept.liaison if submitted else None,
                    updated_at=moment if submitted else min(moment, self.now),
                    version=2 if submitted else 1,
                    **values,
                )
                self.batch.responses[ordinal].append(response)
                if submitted:
                    previous[index] = response

    def survey_values(self, dept: Dept, previous: SurveyResponse | None) -> dict:
        rng = self.rng
        values = dict(dept.profile["survey"])
        if previous is not None:  # small changes since the previous answer
            values = {name: getattr(previous, name) for name in values}
            for function, _label in STAFF_FUNCTIONS:
                if rng.random() < 0.15:
                    name = f"staff_{function}"
                    values[name] = max(values[name] + rng.choice([-1, 1]), 0)
                    values[f"needed_{function}"] = max(values[f"needed_{function}"], values[name])
            if rng.random() < 0.2:
                values["missing_equipment"] = sorted(rng.sample(Equipment.values, rng.randint(0, 3)))
            values["annual_budget"] = round(values["annual_budget"] * rng.uniform(0.9, 1.25))
        values["missing_equipment"] = list(values["missing_equipment"])
        over = values["filled_positions"] > values["approved_positions"]
        values["positions_note"] = self.text["positions_note"] if over else ""
        values["training_needs"] = rng.choice(self.text["training"]) if rng.random() < 0.6 else ""
        return values

    def build_activity(self) -> None:
        """Twelve monthly reporting periods up to the one still running; one or two departments went silent."""
        rng, text = self.rng, self.text
        newest = calendars.month_of(self.today - timedelta(days=5), calendar=self.calendar)[0]
        start = self.firsts.index(newest)
        silent = {id(dept) for dept in rng.sample(self.depts, rng.randint(1, 2))}
        for ordinal, back in enumerate(range(start + 11, start - 1, -1)):
            first = self.firsts[back]
            last = (
                self.firsts[back - 1] - timedelta(days=1)
                if back
                else calendars.month_of(first, calendar=self.calendar)[1]
            )
            deadline = last + timedelta(days=5)
            close_at = self.at(deadline + timedelta(days=30), 10)
            period = self.add(
                ActivityPeriod(
                    council=self.council,
                    title=text["activity"].format(month=self.month_label(first)),
                    starts_on=first,
                    ends_on=last,
                    deadline=deadline,
                    closed_at=close_at if close_at <= self.now else None,
                    created_at=self.at(first, 9),
                )
            )
            for dept in self.depts:
                self.batch.pairs[PERIOD_DEPARTMENTS].append((period, dept.obj))
                if id(dept) in silent and ordinal >= 9:
                    continue
                roll = rng.random()
                if roll >= 0.92:
                    continue
                late = rng.random() < 0.15
                day = deadline + timedelta(days=rng.randint(1, 4)) if late else last + timedelta(rng.randint(1, 5))
                moment = self.at(day, rng.randint(8, 15), rng.choice([0, 10, 25, 40, 55]))
                submitted = roll < 0.88 and moment <= self.now
                if not submitted and (self.at(first, 12) > self.now or rng.random() < 0.5):
                    continue
                figures = {
                    channel: round(usual * rng.uniform(0.6, 1.4)) for channel, usual in dept.profile["activity"].items()
                }
                links = "\n".join(
                    f"https://{self.slug}.example/{dept.key}/news/{rng.randint(1000, 9999)}"
                    for _n in range(min(figures["press_releases"], rng.randint(0, 2)))
                )
                self.add(
                    ActivityReport(
                        period=period,
                        department=dept.obj,
                        state=SubmissionState.SUBMITTED if submitted else SubmissionState.DRAFT,
                        late=submitted and day > deadline,
                        submitted_at=moment if submitted else None,
                        submitted_by=dept.liaison if submitted else None,
                        updated_at=moment if submitted else min(moment, self.now),
                        version=2 if submitted else 1,
                        links=links,
                        highlights=rng.choice(text["highlights"]),
                        obstacles=rng.choice(text["obstacles"]) if rng.random() < 0.3 else "",
                        **figures,
                    )
                )

    # ------------------------------------------------------------ election neutrality

    def build_election(self) -> None:
        """One election in the last year (a tenth still in their campaign): weekly cycles, attestations, alerts."""
        rng, text = self.rng, self.text
        template, items = self.checklists[self.language]
        if rng.random() < 0.1:
            campaign_starts = self.today - timedelta(days=rng.randint(8, 16))
        else:
            campaign_starts = self.today - timedelta(days=rng.randint(60, 330))
        results = campaign_starts + timedelta(days=30)
        closed_at = self.at(results + timedelta(days=14), 12)
        closed = closed_at <= self.now
        election_day = results - timedelta(days=3)
        period = self.add(
            ElectionPeriod(
                council=self.council,
                name=text["election"].format(year=self.digits(self.year_of(election_day))),
                announced_on=campaign_starts - timedelta(days=45),
                registration_starts_on=campaign_starts - timedelta(days=15),
                campaign_starts_on=campaign_starts,
                campaign_ends_on=results - timedelta(days=4),
                election_day=election_day,
                results_on=results,
                cadence_days=7,
                template=template,
                closed_at=closed_at if closed else None,
                created_at=self.at(campaign_starts - timedelta(days=50), 9),
            )
        )
        for number, start, end in period.cycle_spans():
            cycle = self.add(
                ReportingCycle(period=period, number=number, starts_on=start, ends_on=end, escalated=end < self.today)
            )
            self.build_attestations(cycle, template, items, closed)
        for _n in range(rng.randint(2, 5)):
            dept = rng.choice(self.depts)
            outcome = rng.choice([AccessRequest.Outcome.GRANTED] * 3 + [AccessRequest.Outcome.REFUSED])
            requested = campaign_starts + timedelta(days=rng.randint(0, 20))
            if requested > self.today:
                continue
            self.add(
                AccessRequest(
                    period=period,
                    department=dept.obj,
                    candidate=rng.choice(text["candidates"]),
                    kind=rng.choice(AccessRequest.Kind.values),
                    details=text["access"],
                    requested_on=requested,
                    outcome=outcome,
                    reason=text["refused"] if outcome == AccessRequest.Outcome.REFUSED else "",
                    answered_on=min(requested + timedelta(days=2), self.today),
                    recorded_by=dept.liaison,
                )
            )
        if rng.random() < 0.6 and campaign_starts + timedelta(days=10) <= self.today:
            self.add(
                Complaint(
                    period=period,
                    department=rng.choice(self.depts).obj,
                    received_on=campaign_starts + timedelta(days=10),
                    complainant=rng.choice(text["candidates"]),
                    text=text["complaint"],
                    handling=text["complaint_handling"],
                    closed_on=campaign_starts + timedelta(days=14) if closed else None,
                    recorded_by=self.secretary,
                )
            )

    def build_attestations(self, cycle: ReportingCycle, template, items, closed: bool) -> None:
        rng, text = self.rng, self.text
        if cycle.starts_on > self.today:
            return
        past = cycle.ends_on < self.today
        for dept in self.depts:
            roll = rng.random()
            late = rng.random() < 0.08
            day = (
                cycle.ends_on + timedelta(days=rng.randint(1, 3))
                if late
                else cycle.ends_on - timedelta(days=rng.randint(0, min(3, (cycle.ends_on - cycle.starts_on).days)))
            )
            submitted = roll < (0.9 if past else 0.5) and day <= self.today
            draft = not submitted and roll < 0.93
            if submitted or draft:
                signed_at = self.at(day, rng.randint(9, 16), rng.choice([0, 15, 30, 45])) if submitted else None
                attestation = self.add(
                    Attestation(
                        cycle=cycle,
                        department=dept.obj,
                        state=Attestation.State.SUBMITTED if submitted else Attestation.State.DRAFT,
                        template_version=template.version,
                        signed_by=dept.liaison if submitted else None,
                        signed_at=signed_at,
                        co_signer=dept.obj.head_name if submitted else "",
                        late=submitted and day > cycle.ends_on,
                        version=2 if submitted else 1,
                    )
                )
                offends = submitted and rng.random() < 0.04
                for item in items:
                    value, note = "", ""
                    if submitted:
                        value = Answer.Value.COMPLIANT
                        if item.evidence_required:  # no evidence file: "not applicable", with the note it then needs
                            value, note = Answer.Value.NOT_APPLICABLE, text["not_applicable"]
                        elif offends:
                            value, note, offends = Answer.Value.NOT_COMPLIANT, text["not_compliant"], False
                    answer = self.add(Answer.copied_from(item, attestation=attestation, value=value, note=note))
                    if value == Answer.Value.NOT_COMPLIANT:
                        self.alert(cycle, dept, Alert.Kind.NOT_COMPLIANT, answer, signed_at, closed)
            if past and not submitted:
                self.alert(cycle, dept, Alert.Kind.MISSING, None, self.at(cycle.ends_on + timedelta(days=1), 6), closed)

    def alert(self, cycle, dept: Dept, kind: str, answer, raised_at: datetime, closed: bool) -> None:
        done = closed or self.rng.random() < 0.6
        self.add(
            Alert(
                cycle=cycle,
                department=dept.obj,
                kind=kind,
                answer=answer,
                raised_at=raised_at,
                follow_up=self.text["alert_follow_up"] if done else "",
                closed_at=min(raised_at + timedelta(days=3), self.now) if done else None,
                closed_by=self.chair if done else None,
            )
        )


@dataclass
class Job:
    """What every chunk of councils shares."""

    years: int
    seed: str
    now: datetime
    password: str  # hashed once
    checklists: dict

    def run(self, numbers) -> tuple[int, Counter]:
        """Build the councils numbered `numbers` and insert them in one transaction."""
        rows, counts = Batch(), Counter()
        for number in numbers:
            CouncilBuilder(
                number=number,
                years=self.years,
                seed=self.seed,
                now=self.now,
                password=self.password,
                checklists=self.checklists,
                batch=rows,
            ).build()
        with transaction.atomic():
            rows.insert(counts)
        return len(numbers), counts


JOB: Job | None = None  # set before forking worker processes


def run_chunk(numbers) -> tuple[int, Counter]:
    return JOB.run(numbers)


class Command(BaseCommand):
    help = (
        "Generate many realistic councils for load tests with bulk inserts: "
        "`--councils N --years Y [--seed S] [--append]`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--councils", type=int, required=True, help="How many councils to create.")
        parser.add_argument("--years", type=int, required=True, help="Years of history per council, ending now.")
        parser.add_argument("--seed", default="1", help="Seed of the random generator (same seed, same data).")
        parser.add_argument(
            "--append", action="store_true", help=f"Add councils after the existing {SLUG_PREFIX}NNNN ones."
        )
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password of every generated login.")
        parser.add_argument("--batch", type=int, default=10, help="Councils inserted per transaction.")
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help="Processes building and inserting in parallel (default: one per CPU, at most 4, on PostgreSQL "
            "outside a transaction; else 1).",
        )

    def handle(self, *args, councils, years, seed, append, password, batch, workers, **options):
        if councils < 1 or years < 1 or batch < 1 or workers < 0:
            raise CommandError("--councils, --years and --batch must be at least 1, --workers at least 0.")
        existing = self.existing_numbers()
        first = 1
        if append:
            first = max(existing, default=0) + 1
        else:
            clash = sorted(existing & set(range(1, councils + 1)))
            if clash:
                raise CommandError(
                    f"{len(clash)} of the councils {SLUG_PREFIX}{1:04d}…{SLUG_PREFIX}{councils:04d} exist already "
                    f"(e.g. {SLUG_PREFIX}{clash[0]:04d}). Nothing was created. "
                    "Use --append to add councils after the existing ones, or start from an empty database."
                )
        numbers = range(first, first + councils)
        taken = User.objects.filter(username__in=[f"c{n:04d}.chair" for n in numbers]).values_list(
            "username", flat=True
        )
        if taken:
            raise CommandError(f"The login {taken[0]} exists already; nothing was created.")

        if connection.vendor != "postgresql" or connection.in_atomic_block:
            workers = 1  # SQLite has one writer; inside a transaction (tests) other connections would not see it
        workers = workers or max(1, min(os.cpu_count() or 1, 4))
        started = clock.monotonic()
        checklists = {
            language: (template, list(template.items.order_by("order", "pk")))
            for language, template in install_checklists().items()
        }
        job = Job(years=years, seed=seed, now=timezone.now(), password=make_password(password), checklists=checklists)
        chunks = [numbers[offset : offset + batch] for offset in range(0, councils, batch)]
        self.stdout.write(
            f"Generating {councils} councils ({SLUG_PREFIX}{numbers[0]:04d}…{SLUG_PREFIX}{numbers[-1]:04d}), "
            f"{years} years each, seed {seed!r}, {workers} worker(s)."
        )
        counts = Counter()
        with explicit_timestamps():
            if workers == 1:
                results = (job.run(chunk) for chunk in chunks)
                self.report(results, counts, councils, started)
            else:
                # Each worker process has its own database connection (and transactions); forked ones inherit
                # the job and the switched-off timestamps.
                global JOB
                JOB = job
                connections.close_all()
                with multiprocessing.get_context("fork").Pool(workers) as pool:
                    self.report(pool.imap_unordered(run_chunk, chunks), counts, councils, started)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics for the load test
        elapsed = clock.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s: {sum(counts.values()):,} rows."))
        width = max(len(label) for label in counts)
        for label, count in sorted(counts.items(), key=lambda pair: -pair[1]):
            self.stdout.write(f"  {label:<{width}} {count:>12,}")
        self.stdout.write(
            f"Logins: c{numbers[0]:04d}.chair, c{numbers[0]:04d}.secretary, c{numbers[0]:04d}.member1, "
            f"c{numbers[0]:04d}.l01, … (password: {password})"
        )

    def report(self, results, counts: Counter, councils: int, started: float) -> None:
        """Print progress every 10 councils as the chunks are committed."""
        done = 0
        for chunk_councils, chunk_counts in results:
            counts.update(chunk_counts)
            before, done = done, done + chunk_councils
            if done // 10 > before // 10 or done == councils:
                elapsed = clock.monotonic() - started
                self.stdout.write(f"  {done}/{councils} councils, {sum(counts.values()):,} rows, {elapsed:.1f} s")
                self.stdout.flush()

    @staticmethod
    def existing_numbers() -> set[int]:
        numbers = set()
        for slug in Council.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True):
            tail = slug[len(SLUG_PREFIX) :]
            if tail.isdigit():
                numbers.add(int(tail))
        return numbers
