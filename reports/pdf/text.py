"""Paragraphs of any script for ReportLab, which itself lays text out left to right only.

A paragraph is prepared once: its characters' bidirectional levels come from ICU (the full Unicode algorithm:
isolates, bracket pairs, the paragraph's direction from its first strong letter), each character gets the first
font that has it, and each run of one font and direction is shaped by HarfBuzz (joining, marks placed by the font,
kerning, ligatures, mirrored brackets). Lines are then broken in logical order where ICU's line breaker allows
(spaces, after hyphens and slashes), falling back to after a ZWNJ, inside URLs, at a hyphenation point (pyphen) or
between letters that do not join. Each line is reordered for display (rules L1 and L2) and its glyphs placed left
to right, but written in reading order, so that extractors that follow the content (pdfminer, copy and paste)
read the text as typed; the line's visual string goes in an ActualText span for those that read by position
(poppler), which put it back in reading order themselves.
"""

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, groupby

import icu
import pyphen
from reportlab.lib.rl_accel import escapePDF

from helpers.l10n.text import strip_controls
from reports.pdf.fonts import BOLD, MISSING, REGULAR, font, font_for, missing, register_fonts, shape

__all__ = ["BOLD", "REGULAR", "Line", "Prepared", "Run", "break_lines", "draw_line", "prepare", "register_fonts"]

FSI, PDI, ZWNJ, SHY = "\u2068", "\u2069", "\u200c", "\u00ad"
_SPACES = str.maketrans("\t\n\r\u2028\u2029", "     ")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_HYPHEN_LANGUAGES = {"sq": "sq_AL", "sr": "sr", "sr-latn": "sr_Latn", "en": "en_US"}  # Serbian: Cyrillic, Latin


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one style. `isolate` keeps user text from reordering the labels around it."""

    text: str
    font: str = REGULAR
    isolate: bool = False


@dataclass
class Prepared:
    """A paragraph ready to break into lines: its text, its runs of one font and level, its widths and breaks.
    Kept compact (arrays, not lists of objects): a long document holds thousands until it is built."""

    text: str  # what the text layer says, isolates included
    drawn: str  # what is shaped: the text with characters no font has replaced by MISSING
    rtl: bool
    language: str
    items: list[tuple[int, int, str, int]]  # runs of one font and one level: (start, end, font, level)
    widths_to: array  # width of text[:i], in thousandths of the font size
    breaks: array  # where a line may start (after a space, a hyphen, a slash), then len(text)
    soft_breaks: frozenset[int]  # where it may start if a word is wider than the line: after a ZWNJ, in a URL
    urls: list[range]  # never hyphenated

    def font_at(self, index: int) -> str:
        return next(font_name for start, end, font_name, _level in self.items if start <= index < end)


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # trailing spaces excluded
    hyphen: bool = False
    last: bool = False  # the paragraph's last line (never stretched when justifying)


def _clean(text: str) -> str:
    return strip_controls(text).translate(_SPACES).replace(SHY, "")


def _level_text(runs: list[Run]) -> tuple[str, list[str]]:
    text, styles = "", []
    for run in runs:
        part = _clean(run.text)
        if run.isolate and part:
            part = FSI + part + PDI
        text += part
        styles += [run.font] * len(part)
    return text, styles


def prepare(runs, *, rtl: bool, language: str = "") -> Prepared:
    """Levels, fonts, widths and break opportunities of one paragraph; `rtl` is its direction when it has no
    strong letter of its own. Remembered: table cells and labels repeat."""
    return _prepare(tuple(runs), rtl, language)


@lru_cache(maxsize=4096)
def _prepare(runs: tuple[Run, ...], rtl: bool, language: str) -> Prepared:
    text, styles = _level_text(runs)
    levels, base_rtl = _levels(text, rtl)
    drawn, fonts = _fonts(text, styles)
    items = list(_items(text, fonts, levels))
    advances = [0.0] * len(text)
    for start, end, font_name, level in items:
        units = font(font_name).units
        for _glyph, cluster, _end, x_advance, _dx, _dy in shape(drawn[start:end], font_name, level & 1):
            advances[start + cluster] += x_advance * 1000 / units
    urls = [range(url.start(), url.end()) for url in _URL.finditer(text)]
    breaks, soft = _breaks(text, language, urls)
    widths_to = array("d", [0.0, *accumulate(advances)])
    return Prepared(text, drawn, base_rtl, language, items, widths_to, breaks, soft, urls)


def _fonts(text: str, styles: list[str]) -> tuple[str, list[str]]:
    """The text as drawn (a character no font has becomes MISSING) and each character's font."""
    fonts, drawn = list(styles), list(text)
    if len(set(styles)) == 1 and all(font(styles[0]).has(char) for char in set(text)):
        return text, fonts  # the usual case: one style, all in its first font
    for i, (char, style) in enumerate(zip(text, styles, strict=True)):
        if not font(style).has(char):
            if missing(char, style):
                drawn[i] = char = MISSING
            fonts[i] = font_for(char, style)
    return "".join(drawn), fonts


_RTL_OR_CONTROL = re.compile(
    "[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def _levels(text: str, rtl: bool) -> tuple[list[int], bool]:
    """Each character's embedding level (Python indices; ICU counts UTF-16 units) and the paragraph's direction."""
    if not text:
        return [], rtl
    if not rtl and not _RTL_OR_CONTROL.search(text):
        return [0] * len(text), False  # nothing to reorder: ICU would say the same
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), icu.Bidi.DEFAULT_RTL if rtl else icu.Bidi.DEFAULT_LTR)
    units = bidi.getLevels()
    if len(units) != len(text):  # astral characters count twice in ICU
        units = [units[unit] for unit in list(_utf16_to_index(text))[:-1]]
    return list(units), bool(bidi.getParaLevel() & 1)


def _items(text: str, fonts: list[str], levels: list[int]):
    """Maximal runs of one font and one level: (start, end, font, level). Isolate marks are not drawn."""
    if len(set(fonts)) == 1 and len(set(levels)) == 1 and FSI not in text and PDI not in text:
        if text:
            yield 0, len(text), fonts[0], levels[0]
        return
    start = 0
    for key, group in groupby(range(len(text)), lambda i: None if text[i] in (FSI, PDI) else (fonts[i], levels[i])):
        end = start + len(list(group))
        if key is not None:
            yield start, end, key[0], key[1]
        start = end


def _utf16_to_index(text: str) -> dict[int, int]:
    positions, unit = {}, 0
    for i, char in enumerate(text):
        positions[unit] = i
        unit += 2 if ord(char) > 0xFFFF else 1
    positions[unit] = len(text)
    return positions


@lru_cache(maxsize=8)
def _line_breaker(language: str):
    return icu.BreakIterator.createLineInstance(icu.Locale(language or "en"))


@lru_cache(maxsize=8)
def _hyphenator(language: str):
    dictionary = _HYPHEN_LANGUAGES.get(language)
    return pyphen.Pyphen(lang=dictionary) if dictionary else None


def _breaks(text: str, language: str, urls: list[range]) -> tuple[array, frozenset[int]]:
    """Where a line may start: where ICU's line breaker allows (after a space, a hyphen, a slash), then the end;
    and, for a word wider than a line, after a ZWNJ or inside a URL after / - . ? & =."""
    breaker, units = _line_breaker(language), icu.UnicodeString(text)
    breaker.setText(units)
    if len(text) == units.length():
        positions = [unit for unit in breaker if 0 < unit < len(text)]
    else:
        index = _utf16_to_index(text)
        positions = [index[unit] for unit in breaker if 0 < index[unit] < len(text)]
    soft = {i + 1 for i, char in enumerate(text[:-1]) if char == ZWNJ}
    for url in urls:
        soft.update(i + 1 for i in url[1:-1] if text[i] in "/-.?&=" and text[i + 1] != "/")
    return array("l", [*positions, len(text)]), frozenset(soft)


def _joined(before: str, after: str) -> bool:
    """Whether two letters are drawn joined (a cut between them would break the word's shape)."""
    joining = icu.UProperty.JOINING_TYPE
    causing, dual, right = 1, 2, 4  # ICU's UJoiningType
    return icu.Char.getIntPropertyValue(before, joining) in (causing, dual) and icu.Char.getIntPropertyValue(
        after, joining
    ) in (causing, dual, right)


def break_lines(paragraph: Prepared, max_width: float, size: float) -> list[Line]:
    """Lines in logical order, none wider than max_width where it can be helped: words go whole onto the line
    they fit; a narrow column hyphenates a word (Albanian, Serbian, English) rather than leave a line mostly
    empty; a word wider than a line is cut at its best opportunity."""
    text, n = paragraph.text, len(paragraph.text)
    limit = max_width * 1000 / size if size else 0
    good = paragraph.breaks
    lines: list[Line] = []
    start = _skip_spaces(text, 0)
    while start < n:
        fit = None
        for position in good:
            if position <= start:
                continue
            if _span(paragraph, start, position) > limit:
                break
            fit = position
        if fit == n:
            lines.append(Line(start, _rstrip(text, start, n)))
            break
        hyphenated = _hyphenate(paragraph, start, fit or start, limit)
        if hyphenated:
            lines.append(Line(start, hyphenated, hyphen=True))
            end = hyphenated
        elif fit:
            end = fit
            lines.append(Line(start, _rstrip(text, start, end)))
        else:
            end = _forced_cut(paragraph, start, limit)
            lines.append(Line(start, end))
        start = _skip_spaces(text, end)
    if not lines:
        return [Line(0, 0, last=True)]
    lines[-1] = Line(lines[-1].start, lines[-1].end, lines[-1].hyphen, last=True)
    return lines


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position] == " ":
        position += 1
    return position


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


def _span(paragraph: Prepared, start: int, end: int) -> float:
    """Width of text[start:end] without its trailing spaces, in thousandths of the font size."""
    return paragraph.widths_to[_rstrip(paragraph.text, start, end)] - paragraph.widths_to[start]


def _hyphenate(paragraph: Prepared, start: int, word_start: int, limit: float) -> int | None:
    """Where to hyphenate the word at word_start if it is wider than a whole line (a narrow column), or None."""
    hyphenator = _hyphenator(paragraph.language)
    if hyphenator is None:
        return None
    if any(word_start in url for url in paragraph.urls):
        return None
    text = paragraph.text
    word_end = word_start
    while word_end < len(text) and text[word_end].isalpha():
        word_end += 1
    word = text[word_start:word_end]
    if len(word) < 5 or _span(paragraph, word_start, word_end) <= limit:
        return None
    hyphen = advances_of("-", paragraph.font_at(word_start))
    fitting = [
        word_start + position
        for position in hyphenator.positions(word)
        if _span(paragraph, start, word_start + position) + hyphen <= limit
    ]
    return fitting[-1] if fitting else None


def _forced_cut(paragraph: Prepared, start: int, limit: float) -> int:
    """Where to end a line whose first word is wider than the line: the last ZWNJ or URL break that fits, else the
    last place between two letters that do not join, else the last character that fits (at least one)."""
    text, widths_to = paragraph.text, paragraph.widths_to
    end = start + 1
    while end < len(text) and widths_to[end + 1] - widths_to[start] <= limit:
        end += 1
    soft = [i for i in range(start + 1, end + 1) if i in paragraph.soft_breaks]
    if soft:
        return soft[-1]
    unjoined = [i for i in range(start + 1, end) if not _joined(text[i - 1], text[i]) and not _is_mark(text[i])]
    return unjoined[-1] if unjoined and end < len(text) else end


def _is_mark(char: str) -> bool:
    return icu.Char.charType(char) in (icu.UCharCategory.NON_SPACING_MARK, icu.UCharCategory.ENCLOSING_MARK)


@lru_cache(maxsize=1024)
def advances_of(text: str, font_name: str) -> float:
    units = font(font_name).units
    return sum(glyph[3] for glyph in shape(text, font_name, False)) * 1000 / units


def width(paragraph: Prepared, line: Line, size: float) -> float:
    hyphen = advances_of("-", paragraph.font_at(line.end - 1)) if line.hyphen else 0
    return (paragraph.widths_to[line.end] - paragraph.widths_to[line.start] + hyphen) * size / 1000


def _visual_items(paragraph: Prepared, line: Line) -> list[tuple[int, int, str, int]]:
    """The line's items in display order: rule L2 reverses every run of items at or above each odd level (a line
    ends before its spaces, so rule L1 has nothing to reset)."""
    items = [
        (max(start, line.start), min(end, line.end), font_name, level)
        for start, end, font_name, level in paragraph.items
        if start < line.end and end > line.start
    ]
    if not items:
        return []
    levels = [item[3] for item in items]
    for level in range(max(levels), (min(levels) | 1) - 1, -1):
        i = 0
        while i < len(items):
            if levels[i] < level:
                i += 1
                continue
            j = i
            while j < len(items) and levels[j] >= level:
                j += 1
            items[i:j], levels[i:j] = items[i:j][::-1], levels[i:j][::-1]
            i = j
    return items


def draw_line(canvas, paragraph: Prepared, line: Line, *, x: float, y: float, size: float, align: str, column=0.0):
    """Draw one line in the column from x to x + column: 'left', 'right', 'center', 'start' (the paragraph's own
    start: right for a right-to-left paragraph), or 'justify' (every line but the last spread to both edges)."""
    natural = width(paragraph, line, size)
    stretch = 0.0
    if align == "justify":
        spaces = paragraph.text[line.start : line.end].count(" ")
        if not line.last and spaces and column > natural:
            stretch = (column - natural) / spaces
        align = "left" if stretch else "start"
    if align == "start":
        align = "right" if paragraph.rtl else "left"
    left = {"left": x, "right": x + column - natural, "center": x + (column - natural) / 2}[align]
    items = _visual_items(paragraph, line)
    # A line is drawn from its left end: the same words in the same fonts and size give the same operators,
    # wherever they stand (repeated cells, labels, phrases), so each document writes them once and reuses them.
    key = (
        paragraph.text[line.start : line.end],
        paragraph.drawn[line.start : line.end],
        tuple((start - line.start, end - line.start, font_name, level) for start, end, font_name, level in items),
        line.hyphen,
        size,
        round(stretch, 3),
    )
    fragments = _document_cache(canvas._doc, "fragments")
    if key not in fragments:
        fragments[key] = _line_operators(canvas, paragraph, line, items, size, stretch)
    if fragments[key]:
        canvas._code += [f"q 1 0 0 1 {left:.2f} {y:.2f} cm", fragments[key], "Q"]


def _line_operators(canvas, paragraph, line, items, size, stretch) -> str:
    """The operators that draw a line with its left end at the origin."""
    text, pen = paragraph.text, 0.0
    placed = {}  # item start -> its glyphs in reading order: (font, code, x, y)
    visual_text = []
    for start, end, font_name, level in items:
        shaped_font = font(font_name)
        scale = size / shaped_font.units
        glyphs = []
        for glyph, first, last, x_advance, x_offset, y_offset in shape(
            paragraph.drawn[start:end], font_name, level & 1
        ):
            source = text[start + first : start + last]
            glyphs.append((font_name, shaped_font.code(glyph, source), pen + x_offset * scale, y_offset * scale))
            pen += x_advance * scale
            if stretch and source == " ":
                pen += stretch
        placed[start] = glyphs[::-1] if level & 1 else glyphs
        visual_text.append(text[start:end][::-1] if level & 1 else text[start:end])
    if line.hyphen:
        hyphen_font = paragraph.font_at(line.end - 1)
        placed[line.end] = [(hyphen_font, font(hyphen_font).code(shape("-", hyphen_font, False)[0][0], "-"), pen, 0)]
        visual_text.append("-")
    glyphs = [glyph for start in sorted(placed) for glyph in placed[start]]
    return _operators(canvas, glyphs, size, "".join(visual_text))


def _operators(canvas, placed, size: float, actual: str) -> str:
    """Glyphs in reading order, each where it belongs; one ActualText span with the line as seen."""
    if not placed:
        return ""
    encoded = _encoder(canvas._doc)
    out = [f"BT /Span <</ActualText <FEFF{actual.encode('utf-16-be', 'surrogatepass').hex().upper()}>>> BDC"]
    current_font = current_y = None
    pen_x = 0.0
    array: list[str] = []  # the TJ array being written
    literal: list[str] = []  # the string being written into it

    def flush():
        if literal:
            array.append(f"({''.join(literal)})")
            literal.clear()
        if array:
            out.append(f"[{' '.join(array)}] TJ")
            array.clear()

    for font_name, char, x, y in placed:
        resource, data, advance = encoded(font_name, char)
        if resource != current_font:
            flush()
            out.append(f"{resource} {size:.2f} Tf")
            current_font = resource
        if y != current_y or abs(x - pen_x) > size * 4:
            flush()
            out.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
            current_y, pen_x = y, round(x, 2)
        else:
            move = round((pen_x - x) * 1000 / size)  # in thousandths of the size: 0.01 pt at 10 pt
            if move:
                if literal:
                    array.append(f"({''.join(literal)})")
                    literal.clear()
                array.append(str(move))
                pen_x -= move * size / 1000  # where the viewer's pen is, rounding included
        literal.append(data)
        pen_x += advance * size
    flush()
    out.append("EMC ET")
    return " ".join(out)


def _document_cache(doc, name: str) -> dict:
    """What one document remembers while it is built (each document numbers its font subsets' characters)."""
    return doc.__dict__.setdefault(f"_hamahang_{name}", {})


def _encoder(doc):
    """(font, character) -> (the font subset's resource name, the character's escaped byte, its advance per unit
    of size), remembered for the document."""
    cache = _document_cache(doc, "codes")

    def encoded(font_name, char):
        try:
            return cache[font_name, char]
        except KeyError:
            shaped_font = font(font_name)
            ((subset, data),) = shaped_font.splitString(char, doc)
            entry = (
                shaped_font.getSubsetInternalName(subset, doc),
                escapePDF(data),
                shaped_font.width(char) / 1000,
            )
            cache[font_name, char] = entry
            return entry

    return encoded


def draw_text(canvas, runs: list[Run], *, x: float, y: float, size: float, rtl: bool, align: str, column=0.0):
    """One line of text (a page number, a running header, a watermark), not broken."""
    paragraph = prepare(runs, rtl=rtl)
    line = Line(0, _rstrip(paragraph.text, 0, len(paragraph.text)), last=True)
    draw_line(canvas, paragraph, line, x=x, y=y, size=size, align=align, column=column)
