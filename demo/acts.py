"""Gjilan's register of acts, from the list in the Albanian seed (decisions, reports, regulations, minutes, notices,
competitions, announcements, contracts with operators; in force 15 days after publication, as Kosovo's acts are):
some in force, one amended, one repealed, one overdue for publication, one still a draft. And its requests for
public documents under Kosovo's Law No. 06/L-081, one in each of the law's states. Pardis gets the types only."""

from datetime import timedelta
from decimal import Decimal

from acts import services
from acts.models import KOSOVO, Act, ActType, LegalProfile
from council.models import Council
from portal import services as requests
from portal.models import DocumentRequest

GJILAN_TYPES = [  # name, days to publish, days to entry into force, contract
    ("Vendim i Kuvendit Komunal", 7, 15, False),
    ("Rregullore", 7, 15, False),
    ("Raport", 30, 0, False),
    ("Procesverbal", 15, 0, False),
    ("Njoftim", 3, 0, False),
    ("Konkurs", 3, 0, False),
    ("Shpallje", 3, 0, False),
    ("Kontratë me operator", 7, 0, True),
]
PARDIS_TYPES = [("مصوبه شورا", 10, 0, False), ("آیین‌نامه", 10, 15, False), ("گزارش", 30, 0, False)]

# type, title, body, days ago adopted, days after adoption published (None: not yet), extra fields
GJILAN_ACTS = [
    (
        "Rregullore",
        "Rregullore për informimin publik dhe qasjen në dokumente zyrtare",
        "Neni 1. Zyra për Informim Publik publikon çdo akt komunal në faqen zyrtare.\n"
        "Neni 2. Kërkesat për qasje në dokumente publike trajtohen brenda afateve ligjore.",
        200,
        3,
        {},
    ),
    (
        "Vendim i Kuvendit Komunal",
        "Vendim për miratimin e planit të komunikimit me qytetarët për vitin 2026",
        "Miratohet plani i komunikimit: komunikata për media, ftesa për aktivitete publike dhe njoftime.",
        120,
        2,
        {},
    ),
    (
        "Vendim i Kuvendit Komunal",
        "Vendim për ndryshimin e planit të komunikimit: transmetimi i drejtpërdrejtë i seancave",
        "Seancat e Kuvendit Komunal transmetohen drejtpërdrejt në faqen zyrtare dhe në Facebook.",
        40,
        2,
        {"amends": "Vendim për miratimin e planit të komunikimit me qytetarët për vitin 2026"},
    ),
    (
        "Raport",
        "Raport i punës së Zyrës për Informim Publik, janar–qershor",
        "Komunikata për media, konferenca, kërkesa për qasje në dokumente dhe përgjigjet e tyre.",
        90,
        10,
        {},
    ),
    ("Procesverbal", "Procesverbal i seancës së Kuvendit Komunal, tetor", "", 50, 5, {}),
    ("Njoftim", "Njoftim për dëgjimin publik për buxhetin komunal 2027", "", 20, 1, {}),
    ("Konkurs", "Konkurs për zyrtar të informimit në Drejtorinë e Arsimit", "", 12, 1, {}),
    ("Shpallje", "Shpallje për takimin e kryetarit me qytetarët në lagje", "", 6, 1, {}),
    (
        "Kontratë me operator",
        "Kontratë për mirëmbajtjen e faqes zyrtare të Komunës",
        "",
        70,
        5,
        {"counterparty": "Operatori Web Sh.p.k.", "value": Decimal("14800.00")},
    ),
    (
        "Rregullore",
        "Rregullore e vjetër për publikimin e akteve komunale",
        "Aktet publikoheshin në tabelën e shpalljeve.",
        900,
        5,
        {},
    ),
    (
        "Rregullore",
        "Rregullore për publikimin e akteve komunale në faqen zyrtare",
        "Aktet komunale publikohen në faqen zyrtare brenda shtatë ditëve nga miratimi.",
        60,
        4,
        {"repeals": "Rregullore e vjetër për publikimin e akteve komunale"},
    ),
    ("Vendim i Kuvendit Komunal", "Vendim për ndarjen e mjeteve për Ditën e Rinisë", "", 10, None, {}),  # overdue
    ("Njoftim", "Njoftim për orarin e punës gjatë festave", "", None, None, {}),  # a draft
]


def _types(council: Council, specs) -> dict[str, ActType]:
    types = {}
    for position, (name, publish, in_force, contract) in enumerate(specs):
        types[name], _created = ActType.objects.update_or_create(
            council=council,
            name=name,
            defaults={
                "publish_within_days": publish,
                "in_force_after_days": in_force,
                "is_contract": contract,
                "position": position,
            },
        )
    return types


def seed_acts(council: Council, secretary) -> None:
    if council.slug == "pardis":
        _types(council, PARDIS_TYPES)
        return
    types = _types(council, GJILAN_TYPES)
    council.official_languages = "sq,sr"
    council.save(update_fields=["official_languages"])
    if council.acts.exists():
        return
    chair = council.memberships.get(role="chair").user
    today = council.today()
    by_title = {}
    for kind, title, body, adopted_ago, published_after, links in GJILAN_ACTS:
        act = Act(council=council, type=types[kind])
        fields = {"type": types[kind], "title": title, "body": body}
        fields |= {k: v for k, v in links.items() if k in ("counterparty", "value")}
        amends = [by_title[links["amends"]]] if "amends" in links else []
        repeals = [by_title[links["repeals"]]] if "repeals" in links else []
        act = services.act_save(act=act, fields=fields, decisions=[], amends=amends, repeals=repeals, by=secretary)
        if title in SERBIAN_TITLES:
            services.act_version_save(act=act, language="sr", title=SERBIAN_TITLES[title], body="", by=secretary)
        if adopted_ago is not None:
            services.act_approve(act=act, adopted_on=today - timedelta(days=adopted_ago), by=secretary)
            if published_after is not None:
                published_on = today - timedelta(days=adopted_ago - published_after)
                missing = title not in SERBIAN_TITLES
                services.act_publish(
                    act=act,
                    published_on=published_on,
                    by=chair if missing else secretary,
                    without_missing_versions=missing,
                )
        by_title[title] = act


SERBIAN_TITLES = {  # the acts' Serbian versions; one published act has none (the chair published it without)
    "Rregullore për informimin publik dhe qasjen në dokumente zyrtare": (
        "Правилник о јавном информисању и приступу службеним документима"
    ),
    "Vendim për miratimin e planit të komunikimit me qytetarët për vitin 2026": (
        "Одлука о усвајању плана комуникације са грађанима за 2026. годину"
    ),
    "Vendim për ndryshimin e planit të komunikimit: transmetimi i drejtpërdrejtë i seancave": (
        "Одлука о измени плана комуникације: пренос седница уживо"
    ),
    "Raport i punës së Zyrës për Informim Publik, janar–qershor": (
        "Извештај о раду Канцеларије за јавно информисање, јануар–јун"
    ),
    "Procesverbal i seancës së Kuvendit Komunal, tetor": "Записник са седнице Скупштине општине, октобар",
    "Njoftim për dëgjimin publik për buxhetin komunal 2027": "Обавештење о јавној расправи о буџету општине за 2027.",
    "Konkurs për zyrtar të informimit në Drejtorinë e Arsimit": (
        "Конкурс за службеника за информисање у Дирекцији за образовање"
    ),
    "Kontratë për mirëmbajtjen e faqes zyrtare të Komunës": "Уговор о одржавању званичне интернет странице Општине",
    "Rregullore e vjetër për publikimin e akteve komunale": "Стари правилник о објављивању општинских аката",
    "Rregullore për publikimin e akteve komunale në faqen zyrtare": (
        "Правилник о објављивању општинских аката на званичној интернет страници"
    ),
    "Vendim për ndarjen e mjeteve për Ditën e Rinisë": "Одлука о додели средстава за Дан младих",
}


# name, contact, text, what happened to it
GJILAN_REQUESTS = [
    ("Arta Krasniqi", "arta@example.org", "Kontratat e mirëmbajtjes së rrugëve për vitin 2026.", "received"),
    ("Milan Jovanović", "milan@example.org", "Записници седница Скупштине општине за 2026. годину.", "extended"),
    (
        "Besa Hoxha",
        "+383 44 111 222",
        "Leja e ndërtimit për shtëpinë e fqinjit, e nevojshme për procedurën e strehimit emergjent.",
        "urgent",
    ),
    (
        "Driton Berisha",
        "driton@example.org",
        "Raporti i auditimit të Ministrisë së Financave për komunën.",
        "transferred",
    ),
    ("Valon Gashi", "valon@example.org", "Të dhënat personale të punonjësve të drejtorisë së arsimit.", "refused"),
]


def seed_requests(council: Council, secretary) -> None:
    """Gjilan answers under Kosovo's Law No. 06/L-081; its queue holds a request in each of the law's states."""
    if council.slug != "gjilan":
        return
    LegalProfile.objects.update_or_create(council=council, defaults=KOSOVO)
    if council.document_requests.exists():
        return
    for name, contact, text, fate in GJILAN_REQUESTS:
        request = requests.request_create(
            council=council, name=name, contact=contact, text=text, urgent=fate == "urgent", language=council.language
        )
        if fate == "extended":
            requests.request_extend(
                request=request, days=10, reason="Procesverbalet duhet të kërkohen në arkivin e komunës.", by=secretary
            )
        elif fate == "urgent":
            requests.request_answer(
                request=request,
                answer="Leja e ndërtimit gjendet bashkëngjitur.",
                outcome=DocumentRequest.Outcome.FULL,
                by=secretary,
            )
        elif fate == "transferred":
            requests.request_transfer(
                request=request, to="Zyra Kombëtare e Auditimit", note="Raporti mbahet nga auditori.", by=secretary
            )
        elif fate == "refused":
            requests.request_refuse(
                request=request,
                reason="Të dhënat personale të punonjësve mbrohen me ligj.",
                ground=DocumentRequest.Ground.PRIVACY,
                by=secretary,
            )
            requests.request_appeal(request=request, on=council.today(), by=secretary)
