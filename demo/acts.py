"""Gjilan's register of acts, from the list in the Albanian seed: decisions, reports, regulations, minutes, notices,
competitions, announcements and contracts with operators, published on the municipality's site within the legal
delays (Kosovo: in force 15 days after publication). Some are in force, one is amended, one repealed, one overdue
for publication, one still a draft. Pardis gets the types only."""

from datetime import timedelta
from decimal import Decimal

from acts import services
from acts.models import Act, ActType
from council.models import Council

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
    if council.acts.exists():
        return
    today = council.today()
    by_title = {}
    for kind, title, body, adopted_ago, published_after, links in GJILAN_ACTS:
        act = Act(council=council, type=types[kind])
        fields = {"type": types[kind], "title": title, "body": body}
        fields |= {k: v for k, v in links.items() if k in ("counterparty", "value")}
        amends = [by_title[links["amends"]]] if "amends" in links else []
        repeals = [by_title[links["repeals"]]] if "repeals" in links else []
        act = services.act_save(act=act, fields=fields, decisions=[], amends=amends, repeals=repeals, by=secretary)
        if adopted_ago is not None:
            services.act_approve(act=act, adopted_on=today - timedelta(days=adopted_ago), by=secretary)
            if published_after is not None:
                published_on = today - timedelta(days=adopted_ago - published_after)
                services.act_publish(act=act, published_on=published_on, by=secretary)
        by_title[title] = act
