"""Every printed document, as the Hamahang engine prints it and as Chromium prints the same DocumentSpec, side by side.

For each registered kind in Persian (Pardis's data), Albanian (Gjilan's) and English (Pardis's, for mixed
directions), built from a throw-away SQLite database seeded with the demo councils, it renders the engine's PDF
(reports.pdf.render) and the same spec as plain HTML printed by headless Chromium with the same fonts, page size and
margins, turns both into PNGs (pdftoppm -r 80) and writes var/test-artifacts/print/<kind>-<language>-p<N>.png
(engine left, Chromium right) and an INDEX.md listing them. Needs /usr/bin/chromium and pdftoppm.

Run: .venv/bin/python scripts/print_compare.py  (or `make print-compare`)
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "test-artifacts" / "print"
FONTS = ROOT / "reports" / "fonts"
TMP = Path(tempfile.mkdtemp(prefix="print-compare-"))
LANGUAGES = {"fa": "pardis", "sq": "gjilan", "sr": "gjilan", "en": "pardis"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

sys.path.insert(0, str(ROOT))
os.environ.pop("DATABASE_URL", None)
os.environ["HAMAHANG_VAR_DIR"] = str(TMP / "var")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamahang.settings")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402

from council.models import Council  # noqa: E402
from helpers.l10n import calendars  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from reports import documents  # noqa: E402, F401  (registers the kinds)
from reports.models import Document  # noqa: E402
from reports.pdf.layout import BOTTOM_MARGIN, MARGIN  # noqa: E402
from reports.pdf.render import Grid, Heading, Signatures, Text, render  # noqa: E402
from reports.pdf.text import BOLD  # noqa: E402
from reports.registry import PRINTABLES  # noqa: E402

CSS = """
@font-face { font-family: Vazirmatn; src: url(FONTS/Vazirmatn-Regular.ttf); }
@font-face { font-family: Vazirmatn; font-weight: bold; src: url(FONTS/Vazirmatn-Bold.ttf); }
@font-face { font-family: "Noto Sans"; src: url(FONTS/NotoSans-Regular.ttf); }
@font-face { font-family: "Noto Sans"; font-weight: bold; src: url(FONTS/NotoSans-Bold.ttf); }
@font-face { font-family: "Noto Sans Symbols 2"; src: url(FONTS/NotoSansSymbols2-Regular.ttf); }
body { margin: 0; font: 10.5pt/1.65 Vazirmatn, "Noto Sans", "Noto Sans Symbols 2"; }
.letterhead { text-align: center; font-weight: bold; font-size: 11.5pt; margin: 0 0 1pt; }
header { margin-bottom: 4mm; }
h2 { font-weight: bold; margin: 2mm 0 6pt; line-height: 1.65; break-after: avoid; }
p { margin: 0 0 4pt; }
body.rtl p { text-align: justify; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 9.5pt; margin-bottom: 3mm; }
th, td { border: 0.4pt solid #9aa4b1; padding: 3pt 6pt; vertical-align: top; text-align: start; }
th { background: #e8edf3; }
tr { break-inside: avoid; }
table.signatures { margin-top: 6mm; break-inside: avoid; }
table.signatures td { border: none; }
.line { padding-top: 16mm; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; font: bold 96pt Vazirmatn, "Noto Sans";
  color: rgba(192, 57, 43, 0.12); transform: rotate(-35deg); }
"""


def runs(value) -> str:
    if not isinstance(value, list):
        return escape(str(value))
    html = ""
    for run in value:
        part = f"<b>{escape(run.text)}</b>" if run.font == BOLD else escape(run.text)
        html += f"<bdi>{part}</bdi>" if run.isolate else part
    return html


def block_html(block) -> str:
    if isinstance(block, Heading):
        return f'<h2 dir="auto" style="font-size: {block.size}pt">{runs(block.text)}</h2>'
    if isinstance(block, Text):
        return f'<p dir="auto" style="font-size: {block.size}pt">{runs(block.runs)}</p>'
    if isinstance(block, Grid):
        columns = "".join(f'<col style="width: {w * 100:.2f}%">' for w in block.widths)
        rows = [
            "<tr>" + "".join(f'<{tag} dir="auto">{runs(cell)}</{tag}>' for cell in row) + "</tr>"
            for tag, row in ((("th" if block.header and n == 0 else "td"), row) for n, row in enumerate(block.rows))
        ]
        head = f"<thead>{rows.pop(0)}</thead>" if block.header else ""
        return f"<table><colgroup>{columns}</colgroup>{head}<tbody>{''.join(rows)}</tbody></table>"
    if isinstance(block, Signatures):
        cells = "".join(
            f'<td><div dir="auto"><b>{escape(role)}</b></div><div dir="auto">{escape(name)}</div>'
            '<div class="line">……………………………</div></td>'
            for role, name in block.people
        )
        return f'<table class="signatures"><tr>{cells}</tr></table>'
    raise TypeError(f"unknown block {block!r}")


def spec_html(spec) -> str:
    direction = "rtl" if spec.rtl else "ltr"
    body = "".join(f'<div class="letterhead" dir="auto">{escape(line)}</div>' for line in spec.letterhead)
    body = f"<header>{body}</header>"
    body += "".join(block_html(block) for block in spec.blocks)
    if spec.watermark:
        body += f'<div class="watermark">{escape(spec.watermark)}</div>'
    css = CSS.replace("FONTS", FONTS.as_uri())
    return (
        f'<!doctype html><html lang="{spec.language}" dir="{direction}"><head><meta charset="utf-8">'
        f"<title>{escape(spec.title)}</title><style>{css}</style></head><body class={direction}>{body}</body></html>"
    )


def pages(pdf: Path) -> list[Path]:
    """The PDF's pages as PNGs at 80 dpi, in order."""
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    return sorted(pdf.parent.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def side_by_side(left: Path | None, right: Path | None, out: Path, number: int) -> None:
    images = [Image.open(p).convert("RGB") if p else None for p in (left, right)]
    width = max(i.width for i in images if i)
    height = max(i.height for i in images if i)
    strip, gap = 30, 12
    sheet = Image.new("RGB", (2 * width + 3 * gap, height + strip + gap), "#d0d4da")
    draw = ImageDraw.Draw(sheet)
    label = ImageFont.truetype(str(FONTS / "NotoSans-Bold.ttf"), 16)
    for n, (image, name) in enumerate(zip(images, ("Hamahang engine", "Chromium"), strict=True)):
        x = gap + n * (width + gap)
        draw.text((x, 5), f"{name} · page {number}", fill="black", font=label)
        if image:
            sheet.paste(image, (x, strip))
        else:
            draw.text((x + 20, strip + 20), f"(no page {number})", fill="#a00", font=label)
    sheet.save(out)


def subject(model, council):
    """What a kind is about: the council, its held meeting with minutes, its latest survey round or period."""
    if model is Council:
        return council
    found = model.objects.filter(council=council)
    if model is Meeting:
        found = found.filter(state=Meeting.State.PUBLISHED)
    # Gjilan has no election period in the demo: fall back to any council's.
    return found.order_by("-pk").first() or model.objects.order_by("-pk").first()


def compare(page, kind: str, language: str, council: Council) -> list[str]:
    """Both prints of one document, side by side page by page; the document's lines for INDEX.md."""
    printable = PRINTABLES[kind]
    about = subject(printable.subject_model, council)
    fields = {printable.subject_field: about, "council": about.council} if printable.subject_field else {}
    if printable.yearly:
        fields["year"] = calendars.year_of(council.today(), calendar=council.calendar)
    spec = printable.build(Document(kind=kind, language=language, **({"council": council} | fields)))
    name = f"{kind}-{language}"
    engine, chromium, html = TMP / f"{name}-engine.pdf", TMP / f"{name}-chromium.pdf", TMP / f"{name}.html"
    engine.write_bytes(render(spec))
    html.write_text(spec_html(spec), encoding="utf-8")
    page.goto(html.as_uri())
    page.evaluate("document.fonts.ready.then(() => true)")
    margin = dict.fromkeys(("top", "left", "right"), f"{MARGIN / mm}mm") | {"bottom": f"{BOTTOM_MARGIN / mm}mm"}
    page.pdf(path=str(chromium), format="A4", margin=margin, print_background=True)
    left, right = pages(engine), pages(chromium)
    print(f"{name}: engine {len(left)} pages, Chromium {len(right)}")
    where = about.council.slug if printable.subject_field else council.slug
    lines = [f"\n## {printable.label} ({kind}), {language}, {where}\n\n"]
    lines.append(f"Engine {len(left)} pages, Chromium {len(right)} pages.\n\n")
    for n in range(max(len(left), len(right))):
        out = OUT / f"{name}-p{n + 1}.png"
        side_by_side(left[n] if n < len(left) else None, right[n] if n < len(right) else None, out, n + 1)
        lines.append(f"- [{out.name}]({out.name})\n")
    return lines


def main() -> None:
    started = time.monotonic()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # a throw-away database
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
    for command in ("migrate", "createcachetable"):
        call_command(command, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    index = ["# Hamahang engine (left) and Chromium (right), the same DocumentSpec\n"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        for kind in PRINTABLES:
            for language, slug in LANGUAGES.items():
                index += compare(page, kind, language, Council.objects.get(slug=slug))
        browser.close()
    (OUT / "INDEX.md").write_text("".join(index), encoding="utf-8")
    pairs = len(list(OUT.glob("*.png")))
    print(f"{pairs} pairs in {OUT.relative_to(ROOT)} in {time.monotonic() - started:.0f} s; see INDEX.md")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
