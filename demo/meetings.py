"""Demo meetings for seed_demo: a held meeting with approved minutes and an upcoming one, per council.

The Pardis meeting is the one the Persian seed document reports; the Gjilan one follows
the Albanian public-information plan.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from council.models import Council, Role
from meetings import services
from meetings.models import ActionItem, AgendaItem, Attendance, Decision, Meeting, Statement, StatementVersion

PARDIS = {
    "title": "جلسه شورای هماهنگی روابط عمومی‌های شهرستان",
    "place": "سالن جلسات فرمانداری پردیس",
    "items": [
        (
            "وضعیت اطلاع‌رسانی در سطح شهرستان",
            "حاضران درباره وضعیت اطلاع‌رسانی در شهرستان گفت‌وگو کردند. معاون فرماندار گفت اقدامات و دستاوردهای دولت "
            "در دو سال گذشته چشمگیر بوده اما ضعف در اطلاع‌رسانی موجب کم‌رنگ شدن آن‌ها شده است و این عملکردها باید "
            "به‌درستی و به دور از سیاه‌نمایی و بزرگ‌نمایی برای مردم تبیین شود.",
            [
                (
                    "هر اداره ماهانه گزارش اقدامات و دستاوردهای خود را برای انتشار در شبکه اطلاع‌رسانی شهرستان "
                    "به دبیرخانه شورا ارسال کند.",
                    ["آموزش و پرورش", "بهداشت و درمان", "شهرداری", "جهاد کشاورزی"],
                    -5,
                ),
            ],
        ),
        (
            "کمبودها و ملزومات روابط عمومی ادارات",
            "معاون فرماندار با اشاره به نبود چارت سازمانی روابط عمومی و نیروی انسانی مربوط در بیشتر ادارات، روابط "
            "عمومی‌ها را بازوان توانا و چشمان بینای رؤسای ادارات دانست.",
            [
                (
                    "مشکلات چارت سازمانی و نیروی انسانی روابط عمومی ادارات در جلسه شورای اداری شهرستان طرح و "
                    "پیگیری شود.",
                    ["فرمانداری"],
                    20,
                ),
            ],
        ),
        (
            "دوره‌های آموزشی پیشنهادی",
            "پیشنهادهای ادارات برای دوره‌های خبرنویسی، عکاسی خبری و مدیریت شبکه‌های اجتماعی بررسی شد.",
            [("دوره آموزشی خبرنویسی و عکاسی خبری برای رابطان روابط عمومی برگزار شود.", ["فرهنگ و ارشاد"], 45)],
        ),
        (
            "تقویت شبکه اطلاع‌رسانی و تعامل ادارات",
            "افزایش تعامل ادارات با یکدیگر و برقراری ارتباط دوسویه میان مردم و ادارات از الزامات کار روابط عمومی‌ها "
            "دانسته شد.",
            [],
        ),
        (
            "انتخابات پیش رو و بی‌طرفی دستگاه‌ها",
            "رئیس ستاد انتخابات شهرستان بر چهار راهبرد امنیت، سلامت، مشارکت و رقابت تأکید کرد و خواستار رعایت کامل "
            "بی‌طرفی در همه فرایندها شد.",
            [
                (
                    "همه ادارات بی‌طرفی کامل را رعایت کنند و همه نامزدها طبق قانون از امکانات برابر برخوردار باشند.",
                    ["فرمانداری", "شهرداری"],
                    60,
                ),
            ],
        ),
    ],
    "upcoming": [
        ("گزارش ادارات از اطلاع‌رسانی ماه گذشته", "بهداشت و درمان"),
        ("برنامه دوره آموزشی رابطان", "فرهنگ و ارشاد"),
    ],
    "progress": "گزارش ماه نخست ارسال شد و در کانال شهرستان منتشر شد.",
    "delegate": "معاون اداره",
    "statement": (
        "برگزاری جلسه شورای هماهنگی روابط عمومی‌های شهرستان پردیس",
        "جلسه شورای هماهنگی روابط عمومی‌های شهرستان پردیس با حضور مسئولان و رابطان روابط عمومی ادارات در محل "
        "فرمانداری برگزار شد. حاضران پیرامون وضعیت اطلاع‌رسانی، کمبودها و ملزومات روابط عمومی ادارات و دوره‌های "
        "آموزشی پیشنهادی گفت‌وگو کردند و مصوبات جلسه برای پیگیری به ادارات ابلاغ شد.",
    ),
}

GJILAN = {
    "title": "Mbledhja e Këshillit për Informim Publik",
    "place": "Salla e mbledhjeve, Komuna e Gjilanit",
    "items": [
        (
            "Publikimi i akteve komunale në ueb-faqe",
            "U diskutua publikimi në afat i vendimeve, raporteve, rregulloreve, procesverbaleve dhe njoftimeve në "
            "faqen zyrtare të Komunës.",
            [
                (
                    "Çdo drejtori i dërgon ZIP-it aktet e miratuara brenda tri ditëve pune për publikim.",
                    ["ZIP", "DAP", "DUP"],
                    -3,
                )
            ],
        ),
        (
            "Transmetimi i drejtpërdrejtë i seancave të Kuvendit",
            "Seancat e Kuvendit Komunal vazhdojnë të transmetohen drejtpërdrejt në kanalin zyrtar; videot e plota "
            "publikohen në ueb-faqe.",
            [("Videot e plota të seancave publikohen në ueb-faqe brenda 48 orëve.", ["ZIP"], 30)],
        ),
        (
            "Informata për media pas çdo seance",
            "Pas çdo mbledhjeje ZIP përgatit informatë për media që i jep hapësirë debatit pozitë-opozitë.",
            [],
        ),
        (
            "Qasja në dokumente publike",
            "U rishikua procedura e kërkesave për qasje në dokumente publike nga qytetarët, shoqëria civile "
            "dhe mediat.",
            [("Hartohet udhëzuesi për qasje në dokumente publike.", ["DAP"], 40)],
        ),
    ],
    "upcoming": [
        ("Raporti tremujor i informimit publik", "ZIP"),
        ("Plani i konferencave për media", "DKRS"),
    ],
    "progress": "Aktet e muajit të kaluar u publikuan në faqen zyrtare.",
    "delegate": "Zëvendësdrejtori",
    "statement": (
        "Këshilli për Informim Publik shqyrtoi publikimin e akteve komunale",
        "Në mbledhjen e Këshillit për Informim Publik u diskutua publikimi në afat i akteve komunale, transmetimi "
        "i seancave të Kuvendit dhe qasja e qytetarëve në dokumente publike. Në debat morën pjesë edhe përfaqësues "
        "të pozitës dhe të opozitës; vendimet u dërguan te drejtoritë për zbatim.",
        # Serbian, the municipality's other official language
        "Савет за јавно информисање размотрио је објављивање општинских аката",
        "На седници Савета за јавно информисање разговарало се о благовременом објављивању општинских аката, "
        "преносу седница Скупштине и приступу грађана јавним документима. У расправи су учествовали и "
        "представници позиције и опозиције; одлуке су упућене управама на спровођење.",
    ),
}


def _at(council: Council, days: int, hour: int):
    local_day = council.today() + timedelta(days=days)
    return datetime.combine(local_day, time(hour, 0), tzinfo=council.tzinfo)


DEMO_MEETINGS = {"pardis": PARDIS, "gjilan": GJILAN}


def seed_meetings(council: Council, spec: dict) -> None:
    """Idempotent: a council that has meetings already is left alone."""
    if council.meetings.exists():
        return
    departments = {d.short_name: d for d in council.departments.all()}
    chair = council.memberships.select_related("user").get(role=Role.CHAIR).user
    secretary = council.memberships.select_related("user").get(role=Role.SECRETARY).user

    held_at = _at(council, -40, 10)
    held = Meeting.objects.create(
        council=council,
        year=services.council_year(council, held_at),
        number=1,
        title=spec["title"],
        starts_at=held_at,
        place=spec["place"],
        state=Meeting.State.MINUTES_DRAFTED,
        chaired_by=chair,
        recorded_by=secretary,
        created_by=secretary,
        agenda_published_at=held_at - timedelta(days=7),
    )
    for position, (title, discussion, decisions) in enumerate(spec["items"]):
        item = AgendaItem.objects.create(meeting=held, position=position, title=title, discussion=discussion)
        for order, (text, responsible, due_in) in enumerate(decisions):
            decision = Decision.objects.create(
                council=council,
                item=item,
                position=order,
                text=text,
                due_date=timezone.localdate() + timedelta(days=due_in),
            )
            decision.departments.set([departments[name] for name in responsible])
    memberships = list(council.memberships.all())

    # Most came; every fifth sent a deputy, every seventh was excused.
    def outcome(n):
        if n % 7 == 6:
            return Attendance.Reply.NOT_ATTENDING, Attendance.Status.EXCUSED, ""
        if n % 5 == 4:
            return Attendance.Reply.DELEGATE, Attendance.Status.DELEGATE, spec["delegate"]
        return Attendance.Reply.ATTENDING, Attendance.Status.PRESENT, ""

    attendances = []
    for n, membership in enumerate(memberships):
        reply, status, delegate = outcome(n)
        attendances.append(
            Attendance(
                meeting=held,
                membership=membership,
                reply=reply,
                reply_delegate=delegate,
                status=status,
                delegate_name=delegate,
                mail_status=Attendance.Mail.SENT,
            )
        )
    Attendance.objects.bulk_create(attendances)
    services.minutes_approve(meeting=held, by=chair)
    services.meeting_publish(meeting=held, by=chair)
    statement = Statement.objects.create(
        council=council,
        meeting=held,
        title=spec["statement"][0],
        body=spec["statement"][1],
        state=Statement.State.PUBLISHED,
        published_at=timezone.now(),
        created_by=secretary,
        approved_by=chair,
    )
    statement.decisions.set(Decision.objects.filter(item__meeting=held))
    if len(spec["statement"]) > 2:
        title, body = spec["statement"][2:]
        StatementVersion.objects.create(statement=statement, language="sr", title=title, body=body, added_by=secretary)

    actions = list(ActionItem.objects.filter(decision__item__meeting=held).select_related("department"))
    liaisons = {m.department_id: m.user for m in council.memberships.filter(role=Role.LIAISON)}
    for action in actions[:2]:
        services.progress_post(action_item=action, author=liaisons.get(action.department_id), text=spec["progress"])
    if len(actions) > 2:
        services.progress_post(
            action_item=actions[2],
            author=liaisons.get(actions[2].department_id),
            text=spec["progress"],
            proposes_done=True,
        )

    upcoming = services.meeting_create(
        council=council, created_by=secretary, starts_at=_at(council, 10, 10), place=spec["place"], title=spec["title"]
    )
    for title, presenter in spec["upcoming"]:
        services.agenda_item_add(meeting=upcoming, title=title, presenter=departments.get(presenter))
    services.meeting_publish_agenda(meeting=upcoming, by=chair)
