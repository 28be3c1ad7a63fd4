"""Demo election neutrality for seed_demo: the default checklist in three languages, and Pardis's election.

The checklist follows the Persian seed document: security, integrity, participation and fair
competition; no public resource used for any candidate; every candidate given lawful, equal access.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction

from council.models import Council
from demo.submissions import People, acting, at
from elections import services
from elections.models import AccessRequest, ChecklistTemplate, Complaint

# (section, item, guidance, evidence required) per language
CHECKLISTS = {
    "fa": (
        "چک‌لیست بی‌طرفی ادارات در انتخابات",
        [
            (
                "منابع عمومی",
                "هیچ خودرو، سالن، تلفن یا تجهیزات اداره در اختیار هیچ نامزد یا ستادی قرار نگرفته است.",
                "شامل استفاده‌ی موقت و خارج از ساعت اداری هم می‌شود.",
                False,
            ),
            (
                "منابع عمومی",
                "درخواست‌های همه‌ی نامزدها برای سالن یا امکانات با یک ضابطه‌ی مکتوب واحد پاسخ داده شده است.",
                "ضابطه‌ی مکتوب و فهرست درخواست‌ها را پیوست کنید.",
                True,
            ),
            (
                "مجاری رسمی اطلاع‌رسانی",
                "پایگاه اینترنتی و حساب‌های رسمی اداره هیچ محتوای تبلیغاتی نامزدها را منتشر نکرده‌اند.",
                "بازنشر، پسندیدن و برچسب‌زدن هم تبلیغ به شمار می‌آید.",
                False,
            ),
            (
                "کارکنان",
                "قوانین بی‌طرفی به‌صورت مکتوب به همه‌ی کارکنان ابلاغ شده است.",
                "نامه‌ی ابلاغ یا صورت‌جلسه‌ی توجیهی را پیوست کنید.",
                True,
            ),
            (
                "کارکنان",
                "هیچ کارمندی در ساعت اداری یا با عنوان رسمی خود برای نامزدی فعالیت تبلیغاتی نکرده است.",
                "",
                False,
            ),
            ("شکایات", "دفتر ثبت شکایات انتخاباتی نگهداری می‌شود و به همه‌ی شکایات پاسخ داده شده است.", "", False),
        ],
    ),
    "sq": (
        "Lista e kontrollit të paanshmërisë zgjedhore",
        [
            (
                "Burimet publike",
                "Asnjë automjet, sallë, telefon apo pajisje e drejtorisë nuk u është dhënë kandidatëve apo shtabeve.",
                "Përfshin edhe përdorimin e përkohshëm jashtë orarit të punës.",
                False,
            ),
            (
                "Burimet publike",
                "Kërkesat e çdo kandidati për salla apo lehtësira janë trajtuar me të njëjtin rregull të shkruar.",
                "Bashkëngjitni rregullin e shkruar dhe listën e kërkesave.",
                True,
            ),
            (
                "Kanalet zyrtare",
                "Ueb-faqja dhe llogaritë zyrtare të drejtorisë nuk kanë publikuar përmbajtje fushate.",
                "Edhe rishpërndarja, pëlqimi dhe etiketimi llogariten si fushatë.",
                False,
            ),
            (
                "Stafi",
                "Rregullat e paanshmërisë u janë komunikuar me shkrim të gjithë punonjësve.",
                "Bashkëngjitni shkresën ose procesverbalin e takimit informues.",
                True,
            ),
            (
                "Stafi",
                "Asnjë punonjës nuk ka bërë fushatë gjatë orarit të punës apo me titullin e tij zyrtar.",
                "",
                False,
            ),
            ("Ankesat", "Mbahet regjistri i ankesave zgjedhore dhe çdo ankesë ka marrë përgjigje.", "", False),
        ],
    ),
    "en": (
        "Election neutrality checklist",
        [
            (
                "Public resources",
                "No department vehicle, hall, phone or equipment was given to any candidate or campaign.",
                "This includes temporary use outside working hours.",
                False,
            ),
            (
                "Public resources",
                "Every candidate's request for a hall or facilities was handled by the same written rule.",
                "Attach the written rule and the list of requests.",
                True,
            ),
            (
                "Official channels",
                "The department's website and official accounts published no campaign content.",
                "Sharing, liking and tagging count as campaigning too.",
                False,
            ),
            (
                "Staff",
                "All staff have been briefed in writing on the neutrality rules.",
                "Attach the letter or the minutes of the briefing.",
                True,
            ),
            ("Staff", "No member of staff campaigned during working hours or under their official title.", "", False),
            (
                "Complaints",
                "A register of election complaints is kept and every complaint has been answered.",
                "",
                False,
            ),
        ],
    ),
}


HALL_RULE = 1  # the item (by order) on hall requests: not applicable where no candidate asked
BRIEFING_LETTER = b"%PDF-1.4\n% demo: the letter briefing staff on the neutrality rules\n%%EOF\n"


def install_checklists() -> dict[str, ChecklistTemplate]:
    """The default checklist in Persian, Albanian and English, offered to every council (once)."""
    templates = {}
    for language, (name, items) in CHECKLISTS.items():
        template, created = ChecklistTemplate.objects.get_or_create(council=None, language=language, name=name)
        if created:
            for order, (section, text, guidance, evidence) in enumerate(items):
                template.items.create(
                    section=section, text=text, guidance=guidance, evidence_required=evidence, order=order
                )
        templates[language] = template
    return templates


@transaction.atomic
def seed_elections(council: Council) -> None:
    """Pardis: an election in its campaign, two cycles past with one "not compliant" and one missing attestation."""
    templates = install_checklists()
    if council.slug != "pardis" or council.election_periods.exists():
        return
    people = People(council)
    today = council.today()
    period = services.election_period_create(
        council=council,
        name="انتخابات میان‌دوره‌ای شورای اسلامی شهر پردیس",
        announced_on=today - timedelta(days=60),
        registration_starts_on=today - timedelta(days=45),
        campaign_starts_on=today - timedelta(days=20),
        campaign_ends_on=today + timedelta(days=5),
        election_day=today + timedelta(days=6),
        results_on=today + timedelta(days=8),
        cadence_days=7,
        template=templates["fa"],
    )
    first, second, current = period.cycles.all()[:3]
    shorts = sorted(people.liaisons)
    silent, offender = shorts[0], shorts[1]
    for cycle in (first, second, current):
        for index, short in enumerate(shorts):
            if cycle == current and index % 3:
                continue  # the running cycle: only some have attested yet
            if cycle == second and short == silent:
                continue  # the missing attestation
            department, liaison = people.departments[short], people.liaisons[short]
            moment = at(council, min(cycle.ends_on, today), 10 + index % 6)
            with acting(liaison, moment):
                attestation = services.attestation_start(cycle=cycle, department=department)
                answers = {}
                for answer in attestation.answers.all():
                    answers[answer.pk] = {"value": "compliant", "note": ""}
                    if answer.evidence_required and answer.order == HALL_RULE:
                        answers[answer.pk] = {"value": "not_applicable", "note": "درخواستی در این نوبت نرسید."}
                    elif answer.evidence_required:
                        letter = ContentFile(BRIEFING_LETTER, name=f"ablagh-{department.short_name}.pdf")
                        answers[answer.pk] = {
                            "value": "compliant",
                            "note": "نامه‌ی ابلاغ پیوست است.",
                            "evidence": letter,
                        }
                if cycle == second and short == offender:
                    first_item = attestation.answers.first().pk
                    answers[first_item] = {
                        "value": "not_compliant",
                        "note": "خودروی اداره یک روز برای جابه‌جایی اقلام تبلیغاتی یک ستاد به کار رفت؛ راننده توبیخ شد.",
                    }
                services.attestation_save(
                    attestation=attestation,
                    base_version=attestation.version,
                    answers=answers,
                    co_signer=department.head_name,
                    by=liaison,
                    submit=True,
                )
    services.missing_attestations_escalate()
    seed_registers(council, period, people, today)


def seed_registers(council, period, people, today) -> None:
    """Hall requests from two lists, one department answering them differently; one complaint."""
    shorts = sorted(people.liaisons)
    unequal, fair = people.departments[shorts[2]], people.departments[shorts[3]]
    requests = [
        (unequal, "فهرست «امید پردیس»", "granted", "سالن اجتماعات برای نشست انتخاباتی، پنج‌شنبه عصر", ""),
        (
            unequal,
            "فهرست «پردیس آینده»",
            "refused",
            "سالن اجتماعات برای نشست انتخاباتی، جمعه عصر",
            "سالن برای برنامه‌ی دیگری رزرو شده بود.",
        ),
        (fair, "فهرست «امید پردیس»", "granted", "سالن کوچک برای دیدار با کشاورزان", ""),
        (fair, "فهرست «پردیس آینده»", "granted", "سالن کوچک برای دیدار با کشاورزان", ""),
    ]
    for offset, (department, candidate, outcome, details, reason) in enumerate(requests):
        AccessRequest.objects.create(
            period=period,
            department=department,
            candidate=candidate,
            kind=AccessRequest.Kind.HALL,
            details=details,
            requested_on=today - timedelta(days=12 - offset),
            outcome=outcome,
            reason=reason,
            answered_on=today - timedelta(days=10 - offset),
            recorded_by=people.liaisons[shorts[2 if department == unequal else 3]],
        )
    Complaint.objects.create(
        period=period,
        department=unequal,
        received_on=today - timedelta(days=8),
        complainant="ستاد فهرست «پردیس آینده»",
        text="درخواست سالن ما رد شد در حالی که فهرست رقیب همان هفته از سالن استفاده کرد.",
        handling="موضوع از اداره استعلام شد؛ پاسخ مکتوب خواسته شده است.",
        recorded_by=people.secretary,
    )
