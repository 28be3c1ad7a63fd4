"""Right-to-left and mixed-script text for ReportLab, which lays out text left to right only.

ReportLab's own right-to-left mode needs `rlbidi` (not on PyPI) and fails silently
without it, and reordering a whole wrapped paragraph reverses its lines. So a paragraph
is broken into lines in logical order first, measuring each word as it will be drawn
(shaped by arabic_reshaper), and only then is each line reordered for display with the
Unicode bidirectional algorithm (python-bidi's reference implementation, which gives
each character's level). Every character keeps its font through the reordering, so bold
words inside a Persian sentence stay bold and in place.
"""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import arabic_reshaper
from bidi import algorithm as uba
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from council.l10n.text import strip_controls

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD = "Vazirmatn", "Vazirmatn-Bold"
_SPACES = str.maketrans("\t\n\r", "   ")
_reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def register_fonts() -> None:
    """Vazirmatn covers Persian, Albanian (ë, ç), English, digits and punctuation: one family for every language."""
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, FONTS_DIR / "Vazirmatn-Regular.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, FONTS_DIR / "Vazirmatn-Bold.ttf"))


@dataclass(frozen=True)
class Run:
    """A piece of text in one font: a paragraph is a list of runs."""

    text: str
    font: str = REGULAR


@lru_cache(maxsize=20000)
def shape(text: str) -> str:
    """Arabic-script letters in their joined (presentation) forms; other text unchanged.

    Control characters and explicit bidi embeddings, overrides and isolates are dropped (text stored before the
    forms removed them), and a tab or line break inside a line is a space: python-bidi's algorithm fails on them,
    and the paragraph's own direction is what orders a line.
    """
    return _reshaper.reshape(strip_controls(text).translate(_SPACES))


@lru_cache(maxsize=50000)
def _run_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(shape(text), font, size)


def width(runs: list[Run], size: float) -> float:
    return sum(_run_width(run.text, run.font, size) for run in runs)


def break_lines(runs: list[Run], max_width: float, size: float) -> list[list[Run]]:
    """Lines in logical order, each a list of runs, none wider than max_width (a longer word is cut)."""
    words: list[Run] = []
    for run in runs:
        for n, part in enumerate(run.text.split(" ")):
            if n:
                words.append(Run(" ", run.font))
            if part:
                words.append(Run(part, run.font))
    lines: list[list[Run]] = [[]]
    used = 0.0  # width of the current line, trailing spaces included
    for word in words:
        line = lines[-1]
        word_width = width([word], size)
        if word.text == " ":
            if line:
                line.append(word)
                used += word_width
            continue
        if line and used + word_width > max_width:
            while line and line[-1].text == " ":
                line.pop()
            lines.append(line := [])
            used = 0.0
        while word_width > max_width and len(word.text) > 1:  # a word longer than the line
            cut = len(word.text)
            while cut > 1 and width([Run(word.text[:cut], word.font)], size) > max_width:
                cut -= 1
            lines[-1].append(Run(word.text[:cut], word.font))
            lines.append(line := [])
            word = Run(word.text[cut:], word.font)
            word_width = width([word], size)
        line.append(word)
        used += word_width
    return [line for line in lines if line] or [[]]


def _is_arabic_script(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff" or "\ufb50" <= char <= "\ufeff"


def base_rtl(text: str, document_rtl: bool) -> bool:
    """A line's base direction: the document's, unless the text is all of the other script.

    A Latin-only cell in a Persian table ("Member (guest)") reads left to right, and a
    Persian-only one in an Albanian document right to left, as dir="auto" would do.
    """
    has_rtl = any(_is_arabic_script(c) for c in text)
    has_ltr = any(c.isalpha() and not _is_arabic_script(c) for c in text)
    if document_rtl and has_ltr and not has_rtl:
        return False
    if not document_rtl and has_rtl and not has_ltr:
        return True
    return document_rtl


def visual(line: list[Run], rtl: bool) -> list[Run]:
    """One line's runs in drawing order (left to right), shaped, reordered and mirrored, each in its font."""
    shaped = [(shape(run.text), run.font) for run in line]
    text = "".join(part for part, _font in shaped)
    if not text:
        return []
    rtl = base_rtl(text, rtl)
    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(text, storage, False, False)
    fonts = [font for part, font in shaped for _char in part]
    for char, font in zip(storage["chars"], fonts, strict=True):
        char["font"] = font
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    runs: list[Run] = []
    for char in storage["chars"]:
        if runs and runs[-1].font == char["font"]:
            runs[-1] = Run(runs[-1].text + char["ch"], char["font"])
        else:
            runs.append(Run(char["ch"], char["font"]))
    return runs


def draw_line(canvas, line: list[Run], *, x: float, y: float, size: float, rtl: bool, align: str) -> None:
    """Draw one line; x is the left edge for 'left', the right edge for 'right', the middle for 'center'."""
    runs = visual(line, rtl)
    total = sum(pdfmetrics.stringWidth(run.text, run.font, size) for run in runs)
    start = {"left": x, "right": x - total, "center": x - total / 2}[align]
    for run in runs:
        canvas.setFont(run.font, size)
        canvas.drawString(start, y, run.text)
        start += pdfmetrics.stringWidth(run.text, run.font, size)
