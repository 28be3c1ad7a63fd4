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
from dataclasses import dataclass
from functools import lru_cache

import icu
import pyphen
from reportlab.lib.rl_accel import escapePDF

from council.l10n.text import strip_controls
from reports.pdf.fonts import BOLD, MISSING, REGULAR, font, font_for, missing, register_fonts, shape

__all__ = ["BOLD", "REGULAR", "Line", "Prepared", "Run", "break_lines", "draw_line", "prepare", "register_fonts"]

FSI, PDI, ZWNJ, SHY = "\u2068", "\u2069", "\u200c", "\u00ad"
_SPACES = str.maketrans("\t\n\r\u2028\u2029", "     ")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_HYPHEN_LANGUAGES = {"sq": "sq_AL", "sr": "sr_Latn", "en": "en_US"}


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph in one style. `isolate` keeps user text from reordering the labels around it."""

    text: str
    font: str = REGULAR
    isolate: bool = False


@dataclass
class Prepared:
    """A paragraph ready to break into lines: its text, each character's style, font and level, its widths."""

    text: str  # what the text layer says, isolates included
    drawn: str  # what is shaped: the text with characters no font has replaced by MISSING
    styles: list[str]
    fonts: list[str]
    levels: list[int]
    rtl: bool
    language: str
    widths_to: list[float]  # width of text[:i], in thousandths of the font size
    breaks: dict[int, int]  # index a line may start at -> how good a break it is (0 best)
    urls: list[range]  # never hyphenated


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


def prepare(runs: list[Run], *, rtl: bool, language: str = "") -> Prepared:
    """Levels, fonts, widths and break opportunities of one paragraph; `rtl` is its direction when it has no
    strong letter of its own."""
    text, styles = _level_text(runs)
    levels, base_rtl = _levels(text, rtl)
    drawn = "".join(MISSING if missing(char, style) else char for char, style in zip(text, styles, strict=True))
    fonts = [font_for(char, style) for char, style in zip(drawn, styles, strict=True)]
    advances = [0.0] * len(text)
    for start, end, font_name, odd in _items(text, fonts, levels):
        units = font(font_name).units
        for _glyph, cluster, _end, x_advance, _dx, _dy in shape(drawn[start:end], font_name, odd):
            advances[start + cluster] += x_advance * 1000 / units
    widths_to = [0.0]
    for advance in advances:
        widths_to.append(widths_to[-1] + advance)
    urls = [range(url.start(), url.end()) for url in _URL.finditer(text)]
    breaks = _breaks(text, language, urls)
    return Prepared(text, drawn, styles, fonts, levels, base_rtl, language, widths_to, breaks, urls)


def _levels(text: str, rtl: bool) -> tuple[list[int], bool]:
    """Each character's embedding level (Python indices; ICU counts UTF-16 units) and the paragraph's direction."""
    if not text:
        return [], rtl
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), icu.Bidi.DEFAULT_RTL if rtl else icu.Bidi.DEFAULT_LTR)
    units = bidi.getLevels()
    levels, unit = [], 0
    for char in text:
        levels.append(units[unit])
        unit += 2 if ord(char) > 0xFFFF else 1
    return levels, bool(bidi.getParaLevel() & 1)


def _items(text: str, fonts: list[str], levels: list[int], start: int = 0, end: int | None = None):
    """Maximal runs of one font and one level: (start, end, font, right to left). Isolate marks are not drawn."""
    end = len(text) if end is None else end
    item_start = None
    for i in range(start, end + 1):
        boundary = i == end or text[i] in (FSI, PDI)
        if item_start is not None and (boundary or fonts[i] != fonts[item_start] or levels[i] != levels[item_start]):
            yield item_start, i, fonts[item_start], bool(levels[item_start] & 1)
            item_start = None
        if item_start is None and not boundary:
            item_start = i


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


def _breaks(text: str, language: str, urls: list[range]) -> dict[int, int]:
    """Where a line may start: 0 where ICU's line breaker allows (after a space, a hyphen, a slash), 1 after a ZWNJ
    or inside a URL after / - . (used when a word alone is wider than the line)."""
    breaks: dict[int, int] = {}
    breaker = _line_breaker(language)
    breaker.setText(icu.UnicodeString(text))
    positions = _utf16_to_index(text)
    for unit in breaker:
        if 0 < positions[unit] < len(text):
            breaks[positions[unit]] = 0
    for i, char in enumerate(text[:-1]):
        if char == ZWNJ:
            breaks.setdefault(i + 1, 1)
    for url in urls:
        for i in url[1:-1]:
            if text[i] in "/-.?&=" and text[i + 1] not in "/":
                breaks.setdefault(i + 1, 1)
    return breaks


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
    good = [*sorted(position for position, quality in paragraph.breaks.items() if quality == 0), n]
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
    """A hyphenation point of the word at word_start that fills a line now less than two-thirds full, or None."""
    hyphenator = _hyphenator(paragraph.language)
    if hyphenator is None or (word_start > start and _span(paragraph, start, word_start) > limit * 2 / 3):
        return None
    if any(word_start in url for url in paragraph.urls):
        return None
    text = paragraph.text
    word_end = word_start
    while word_end < len(text) and text[word_end].isalpha():
        word_end += 1
    word = text[word_start:word_end]
    if len(word) < 5:
        return None
    hyphen = advances_of("-", paragraph.fonts[word_start])
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
    soft = [i for i in range(start + 1, end + 1) if paragraph.breaks.get(i) == 1]
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
    hyphen = advances_of("-", paragraph.fonts[line.end - 1]) if line.hyphen else 0
    return (paragraph.widths_to[line.end] - paragraph.widths_to[line.start] + hyphen) * size / 1000


def _visual_items(paragraph: Prepared, line: Line) -> list[tuple[int, int, str, bool]]:
    """The line's items (runs of one font and level) in display order: rule L1 puts trailing spaces at the
    paragraph's level, rule L2 reverses every run of items at or above each odd level."""
    levels = paragraph.levels[line.start : line.end]
    base = 1 if paragraph.rtl else 0
    trailing = line.end
    while trailing > line.start and paragraph.text[trailing - 1].isspace():
        trailing -= 1
    levels = [base if line.start + i >= trailing else level for i, level in enumerate(levels)]
    full = list(paragraph.levels)
    full[line.start : line.end] = levels
    items = list(_items(paragraph.text, paragraph.fonts, full, line.start, line.end))
    item_levels = [full[start] for start, *_rest in items]
    if not items:
        return []
    highest, lowest_odd = max(item_levels), min(level for level in item_levels) | 1
    order = list(range(len(items)))
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if item_levels[order[i]] >= level:
                j = i
                while j < len(order) and item_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [(items[k][0], items[k][1], items[k][2], bool(item_levels[k] & 1)) for k in order]


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
    pen = {"left": x, "right": x + column - natural, "center": x + (column - natural) / 2}[align]
    placed = []  # (logical index, font, code, x, y)
    visual_text = []
    text = paragraph.text
    for start, end, font_name, rtl in _visual_items(paragraph, line):
        shaped_font = font(font_name)
        scale = size / shaped_font.units
        for glyph, first, last, x_advance, x_offset, y_offset in shape(paragraph.drawn[start:end], font_name, rtl):
            source = text[start + first : start + last]
            code = shaped_font.code(glyph, source)
            placed.append((start + first, font_name, code, pen + x_offset * scale, y + y_offset * scale))
            pen += x_advance * scale
            if stretch and source == " ":
                pen += stretch
        visual_text.append(text[start:end][::-1] if rtl else text[start:end])
    if line.hyphen:
        hyphen_font = paragraph.fonts[line.end - 1]
        code = font(hyphen_font).code(shape("-", hyphen_font, False)[0][0], "-")
        placed.append((line.end, hyphen_font, code, pen, y))
        visual_text.append("-")
    placed.sort(key=lambda glyph: glyph[0])
    _write(canvas, placed, size, "".join(visual_text))


def _write(canvas, placed, size: float, actual: str) -> None:
    """Glyphs in reading order, each where it belongs; one ActualText span with the line as seen."""
    if not placed:
        return
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

    for _index, font_name, char, x, y in placed:
        resource, data, advance = encoded(font_name, char)
        if resource != current_font:
            flush()
            out.append(f"{resource} {size:.2f} Tf")
            current_font = resource
        if y != current_y or abs(x - pen_x) > size * 4:
            flush()
            out.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
            current_y, pen_x = y, x
        elif abs(x - pen_x) > 0.005:
            if literal:
                array.append(f"({''.join(literal)})")
                literal.clear()
            array.append(f"{(pen_x - x) * 1000 / size:.1f}")
        literal.append(data)
        pen_x = x + advance * size
    flush()
    out.append("EMC ET")
    canvas._code.append(" ".join(out))


def _encoder(doc):
    """(font, character) -> (the font subset's resource name, the character's escaped byte, its advance per unit
    of size), remembered for the document (each document numbers its subsets' characters itself)."""
    cache = doc.__dict__.setdefault("_hamahang_codes", {})

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
