"""PDF benchmark: Persian minutes of a 60-item, 150-decision meeting, against plain ReportLab with the same text.

Prints CPU seconds per document (the best of several runs, the two builds taking turns, so that a busy machine
slows both alike) and peak Python memory for each, and their ratio. Twice: with the issue's minutes, whose items
repeat one discussion and one decision (a document's repeated words, runs and table cells are shaped once), and
with every discussion and decision different, as real minutes are. Run with `make bench`.
"""

import os
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamahang.settings")

import django

django.setup()

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from helpers.l10n.digits import to_persian_digits  # noqa: E402
from reports.pdf import fonts, text  # noqa: E402
from reports.pdf.render import DocumentSpec, Grid, Heading, Signatures, Text, render  # noqa: E402
from reports.pdf.text import BOLD, REGULAR, Run, register_fonts  # noqa: E402

DISCUSSION = (
    "حاضران درباره وضعیت اطلاع‌رسانی در شهرستان گفت‌وگو کردند و بر انتشار منظم گزارش‌ها در Facebook و "
    "Instagram و پیگیری مشکلات روابط عمومی‌ها در جلسه شورای اداری شهرستان با ۲۵% بودجه تأکید شد."
)

DECISION = "هر اداره گزارش ماهانه اقدامات خود را تا پنجم هر ماه برای دبیرخانه شورا ارسال کند."


def big_minutes(items=60, decisions=150, varied=False) -> DocumentSpec:
    """The minutes; `varied` makes each discussion and decision different (the same words, in another order)."""

    def text(sentence: str, n: int) -> str:
        if not varied:
            return sentence
        words = sentence.split()
        shift = n % len(words)
        return " ".join(words[shift:] + words[:shift])

    blocks = [Heading("صورتجلسه جلسه ۷ سال ۱۴۰۵")]
    blocks.append(
        Grid(
            [["عضو", "نقش", "حضور"]]
            + [[f"عضو {to_persian_digits(str(n))}", "رابط روابط عمومی", "حاضر"] for n in range(30)],
            [0.4, 0.4, 0.2],
        )
    )
    per_item = [decisions // items + (1 if n < decisions % items else 0) for n in range(items)]
    number = 0
    for n in range(items):
        blocks.append(Heading(f"{to_persian_digits(str(n + 1))}. دستور {to_persian_digits(str(n + 1))}", size=11.5))
        blocks.append(Text(text(DISCUSSION, n)))
        for _ in range(per_item[n]):
            number += 1
            ref = to_persian_digits(f"1405/{number:02d}")
            blocks.append(Text([Run(f"مصوبه {ref}: ", BOLD), Run(text(DECISION, number), REGULAR)]))
    blocks.append(Signatures([("رئیس شورا", "علیرضا محمدی"), ("دبیر شورا", "زهرا کاظمی‌پور")]))
    return DocumentSpec(
        title="صورتجلسه",
        author="شورا",
        language="fa",
        rtl=True,
        letterhead=["فرمانداری شهرستان پردیس"],
        blocks=blocks,
        footer="صفحه %(page)s از %(pages)s",
        digits=to_persian_digits,
        watermark="پیش‌نویس",
    )


def plain(spec: DocumentSpec) -> bytes:
    """The same text drawn line by line with ReportLab, no shaping, bidi or layout: the floor."""
    import io

    lines = []
    for block in spec.blocks:
        if isinstance(block, (Heading, Text)):
            text = block.text if isinstance(block, Heading) else block.runs
            lines.append(text if isinstance(text, str) else "".join(r.text for r in text))
        elif isinstance(block, Grid):
            lines += [" | ".join(str(c) for c in row) for row in block.rows]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    for line in lines:
        for start in range(0, len(line), 90):
            pdf.setFont(REGULAR, 10.5)
            pdf.drawString(40, y, line[start : start + 90])
            y -= 17
            if y < 40:
                pdf.showPage()
                y = 800
    pdf.save()
    return buffer.getvalue()


def cold():
    """Every run starts cold: no shaping or font choice remembered from the last."""
    for cache in (fonts.shape, fonts.font_for, fonts.missing, text._prepare, text._hyphen):
        cache.cache_clear()


def measure(builds: dict, repeat=10) -> dict:
    """Each build's best CPU time over `repeat` rounds (the builds take turns), then its peak memory, traced in a
    separate run (tracing slows Python)."""
    timings = {label: [] for label in builds}
    for _ in range(repeat):
        for label, build in builds.items():
            cold()
            started = time.process_time()
            build()
            timings[label].append(time.process_time() - started)
    figures = {}
    for label, build in builds.items():
        cold()
        tracemalloc.start()
        size = len(build())
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        best = min(timings[label])
        print(f"{label:<42} {best:7.3f} s/document   peak {peak / 1024 / 1024:6.1f} MiB   {size / 1024:7.0f} KiB")
        figures[label] = best, peak
    return figures


def main():
    register_fonts()
    for title, spec in (
        ("Persian minutes, 60 agenda items, 150 decisions, 30 attendees", big_minutes()),
        ("the same, every discussion and decision different", big_minutes(varied=True)),
    ):
        print(f"{title} (best of 10, CPU time):")
        builds = {"Hamahang (HarfBuzz, ICU bidi, layout)": render, "plain ReportLab, same text, no layout": plain}
        figures = measure({label: partial(build, spec) for label, build in builds.items()})
        (laid_out, laid_out_peak), (floor, floor_peak) = figures.values()
        print(f"ratio: {laid_out / floor:.1f}× the time, {laid_out_peak / max(floor_peak, 1):.1f}× the peak memory\n")


if __name__ == "__main__":
    main()
