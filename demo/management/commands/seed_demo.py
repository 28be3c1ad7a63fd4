"""Create (or bring back to their demo state) the two demo councils of the seed documents."""

from django.core.management.base import BaseCommand
from django.db import transaction

from council.models import Council, Department, Language, Membership, Role, User
from demo.acts import seed_acts, seed_requests
from demo.elections import seed_elections
from demo.meetings import DEMO_MEETINGS, seed_meetings
from demo.submissions import seed_submissions

DEFAULT_PASSWORD = "hamahang-demo"

# (short name, name, head, has a PR unit in the org chart, liaison username suffix, liaison first, last name)
PARDIS_DEPARTMENTS = [
    ("فرمانداری", "فرمانداری شهرستان پردیس", "محمدرضا صالحی", True, "governorate", "نرگس", "احمدی"),
    ("آموزش و پرورش", "اداره آموزش و پرورش شهرستان پردیس", "حمید نوروزی", True, "education", "سعید", "رحیمی"),
    ("بهداشت و درمان", "شبکه بهداشت و درمان شهرستان پردیس", "دکتر لیلا مرادی", True, "health", "مریم", "قاسمی"),
    ("شهرداری", "شهرداری پردیس", "مجید کاظمی", True, "municipality", "امیر", "جعفری"),
    ("آبفا", "اداره امور آب و فاضلاب شهرستان پردیس", "رضا یوسفی", False, "water", "فاطمه", "اکبری"),
    ("برق", "اداره توزیع برق شهرستان پردیس", "علی حیدری", False, "electricity", "حسین", "عباسی"),
    ("جهاد کشاورزی", "مدیریت جهاد کشاورزی شهرستان پردیس", "مهدی سلیمانی", False, "agriculture", "زینب", "کریمی‌نژاد"),
    ("فرهنگ و ارشاد", "اداره فرهنگ و ارشاد اسلامی شهرستان پردیس", "محسن رضایی", False, "culture", "الهام", "موسوی"),
    ("ورزش و جوانان", "اداره ورزش و جوانان شهرستان پردیس", "بهروز تقوی", False, "sports", "کاوه", "نظری"),
    ("بهزیستی", "اداره بهزیستی شهرستان پردیس", "شهلا امینی", False, "welfare", "سمیه", "فرهادی"),
    ("کمیته امداد", "کمیته امداد امام خمینی (ره) شهرستان پردیس", "ناصر کریمی", False, "relief", "جواد", "صادقی"),
    ("تأمین اجتماعی", "اداره تأمین اجتماعی شهرستان پردیس", "پروین شریفی", False, "socialsecurity", "نازنین", "ملکی"),
    ("منابع طبیعی", "اداره منابع طبیعی و آبخیزداری شهرستان پردیس", "یوسف بابایی", False, "nature", "رامین", "زارعی"),
]

GJILAN_DEPARTMENTS = [
    ("ZIP", "Zyra për Informim Publik", "Besnik Hoxha", True, "zip", "Arta", "Morina"),
    ("DKA", "Drejtoria për Arsim", "Valbona Ahmeti", True, "education", "Blerim", "Gashi"),
    ("DSH", "Drejtoria për Shëndetësi dhe Mirëqenie Sociale", "Dr. Fatmir Shala", False, "health", "Lirije", "Rexhepi"),
    ("DUP", "Drejtoria për Urbanizëm dhe Planifikim", "Agron Berisha", False, "urbanism", "Driton", "Kastrati"),
    ("DBF", "Drejtoria për Buxhet dhe Financa", "Merita Selimi", False, "finance", "Vjosa", "Halili"),
    ("DKRS", "Drejtoria për Kulturë, Rini dhe Sport", "Ilir Mustafa", True, "culture", "Ermira", "Zeqiri"),
    (
        "DBP",
        "Drejtoria për Bujqësi, Pylltari dhe Zhvillim Rural",
        "Naim Sahiti",
        False,
        "agriculture",
        "Fisnik",
        "Osmani",
    ),
    ("DSHP", "Drejtoria për Shërbime Publike", "Shpresa Kurteshi", False, "services", "Gëzim", "Ismaili"),
    ("DAP", "Drejtoria për Administratë të Përgjithshme", "Xhevdet Latifi", False, "administration", "Mimoza", "Çela"),
    ("DMSH", "Drejtoria për Mbrojtje dhe Shpëtim", "Ramadan Ibrahimi", False, "emergency", "Kushtrim", "Bytyqi"),
    ("DI", "Drejtoria e Inspeksionit", "Afërdita Maliqi", False, "inspection", "Ardian", "Hyseni"),
]

COUNCILS = [
    {
        "slug": "pardis",
        "name": "شورای هماهنگی روابط عمومی‌های شهرستان پردیس",
        "language": Language.PERSIAN,
        "calendar": Council.Calendar.JALALI,
        "time_zone": "Asia/Tehran",
        "letterhead": "فرمانداری شهرستان پردیس\nشورای هماهنگی روابط عمومی‌ها",
        "brand_colour": "#17684c",
        "currency": "IRR",
        "email_domain": "pardis.example",
        "people": {
            Role.CHAIR: ("علیرضا", "محمدی", "معاون سیاسی، امنیتی و اجتماعی فرماندار"),
            Role.SECRETARY: ("زهرا", "کاظمی‌پور", "دبیر شورا"),
            Role.MEMBER: ("مهدی", "حسینی", "رئیس ستاد انتخابات شهرستان"),
        },
        "departments": PARDIS_DEPARTMENTS,
    },
    {
        "slug": "gjilan",
        "name": "Këshilli për Informim Publik i Komunës së Gjilanit",
        "language": Language.ALBANIAN,
        "calendar": Council.Calendar.GREGORIAN,
        "time_zone": "Europe/Belgrade",
        "letterhead": "Komuna e Gjilanit\nZyra për Informim Publik",
        "brand_colour": "#e41e20",
        "currency": "EUR",
        "email_domain": "gjilan.example",
        "people": {
            Role.CHAIR: ("Arben", "Krasniqi", "Nënkryetar i Komunës"),
            Role.SECRETARY: ("Drita", "Berisha", "Sekretare e këshillit"),
            Role.MEMBER: ("Luan", "Kelmendi", "Anëtar i këshillit"),
        },
        "departments": GJILAN_DEPARTMENTS,
    },
]


class Command(BaseCommand):
    help = "Create the demo councils (Pardis, in Persian; Gjilan, in Albanian) with their people. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="Password of every demo login.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any council exists already.")

    def handle(self, *args, password, if_empty, **options):
        if if_empty and Council.objects.exists():
            self.stdout.write("Councils exist already; demo data left as it is.")
            return
        logins = self.seed(password)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (password: %s):" % password))
        for username, description in logins:
            self.stdout.write(f"  {username:<28} {description}")

    @transaction.atomic
    def seed(self, password: str) -> list[tuple[str, str]]:
        logins = []
        admin = self.person("admin", "admin@hamahang.example", "Admin", "Hamahang", password, language=Language.ENGLISH)
        if not admin.is_superuser:
            admin.is_staff = admin.is_superuser = True
            admin.save(update_fields=["is_staff", "is_superuser"])
        logins.append(("admin", "administrator of every council"))
        for spec in COUNCILS:
            council, _created = Council.objects.update_or_create(
                slug=spec["slug"],
                defaults={
                    key: spec[key]
                    for key in ("name", "language", "calendar", "time_zone", "letterhead", "brand_colour", "currency")
                },
            )
            domain = spec["email_domain"]
            for role, (first, last, title) in spec["people"].items():
                username = f"{council.slug}.{role}"
                user = self.person(username, f"{role}@{domain}", first, last, password)
                Membership.objects.update_or_create(user=user, council=council, defaults={"role": role})
                logins.append((username, f"{Role(role).label} · {title}"))
            for short, name, head, has_pr_unit, key, first, last in spec["departments"]:
                department, _created = Department.objects.update_or_create(
                    council=council,
                    short_name=short,
                    defaults={
                        "name": name,
                        "head_name": head,
                        "has_pr_unit": has_pr_unit,
                        "email": f"pr.{key}@{domain}",
                    },
                )
                username = f"{council.slug}.{key}"
                user = self.person(username, f"{key}@{domain}", first, last, password)
                Membership.objects.update_or_create(
                    user=user, council=council, defaults={"role": Role.LIAISON, "department": department}
                )
                logins.append((username, f"{Role.LIAISON.label} · {department.name}"))
            seed_meetings(council, DEMO_MEETINGS[council.slug])
            seed_submissions(council)
            seed_elections(council)
            secretary = User.objects.get(username=f"{council.slug}.secretary")
            seed_acts(council, secretary)
            seed_requests(council, secretary)
        return logins

    def person(self, username, email, first, last, password, language="") -> User:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={"email": email, "first_name": first, "last_name": last, "language": language},
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        return user
