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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, groupby, pairwise
from operator import itemgetter
from typing import NamedTuple

import icu
import pyphen

from helpers.l10n.text import CONTROLS_PATTERN, strip_controls
from reports.pdf.fonts import BOLD, MISSING, REGULAR, Shaped, font, font_for, missing, record, register_fonts, shape

__all__ = ["BOLD", "REGULAR", "Line", "Prepared", "Run", "break_lines", "draw_line", "prepare", "register_fonts"]

FSI, PDI, ZWNJ, SHY = "\u2068", "\u2069", "\u200c", "\u00ad"
_SPACES = str.maketrans("\t\n\r\u2028\u2029", "     ")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_ZWNJ = re.compile(ZWNJ)
_UNCLEAN = re.compile(f"{CONTROLS_PATTERN}|[\t\n\r\u2028\u2029{SHY}]")
_HYPHEN_LANGUAGES = {"sq": "sq_AL", "sr": "sr", "sr-latn": "sr_Latn", "en": "en_US"}  # Serbian: Cyrillic, Latin


class Run(NamedTuple):  # a tuple: paragraphs are remembered by their runs, hashed many times a document
    """A piece of a paragraph in one style. `isolate` keeps user text from reordering the labels around it."""

    text: str
    font: str = REGULAR
    isolate: bool = False


@dataclass
class Prepared:
    """A paragraph ready to break into lines: its text, its runs of one font and level shaped, its widths and
    breaks. Kept compact (arrays, not lists of objects): a long document holds thousands until it is built."""

    text: str  # what the text layer says, isolates included
    drawn: str  # what is shaped: the text with characters no font has replaced by MISSING
    rtl: bool
    language: str
    # runs of one font and one level: (start, end, font, level, first glyph, end of glyphs)
    items: list[tuple[int, int, str, int, int, int]]
    glyphs: array  # every item's glyph records, item after item, each in reading order
    clusters: array  # where each glyph's characters start, counted from its item's start
    widths_to: array  # width of text[:i], in thousandths of the font size
    urls: list[range]  # never hyphenated
    _breaks: tuple[array, frozenset[int]] | None = None  # found when a paragraph is wider than its column

    @property
    def breaks(self) -> array:
        """Where a line may start (after a space, a hyphen, a slash), then len(text)."""
        return self._opportunities()[0]

    @property
    def soft_breaks(self) -> frozenset[int]:
        """Where a line may start if a word is wider than the line: after a ZWNJ, in a URL."""
        return self._opportunities()[1]

    def _opportunities(self) -> tuple[array, frozenset[int]]:
        if self._breaks is None:
            self._breaks = _breaks(self.text, self.language, self.urls)
        return self._breaks

    def font_at(self, index: int) -> str:
        return next(item[2] for item in self.items if item[0] <= index < item[1])


class Line(NamedTuple):
    start: int
    end: int  # trailing spaces excluded
    hyphen: bool = False
    last: bool = False  # the paragraph's last line (never stretched when justifying)


def _clean(text: str) -> str:
    if not _UNCLEAN.search(text):
        return text  # the usual case: nothing to translate, character by character
    return strip_controls(text).translate(_SPACES).replace(SHY, "")


def _level_text(runs: list[Run]) -> tuple[str, list[tuple[int, int, str]]]:
    """The paragraph's text (user text between isolate marks where asked) and its spans of one style."""
    text, spans = "", []
    for run in runs:
        part = _clean(run.text)
        if run.isolate and part:
            part = FSI + part + PDI
        if part:
            spans.append((len(text), len(text) + len(part), run.font))
        text += part
    return text, spans


def prepare(runs, *, rtl: bool, language: str = "") -> Prepared:
    """Levels, fonts, widths and break opportunities of one paragraph; `rtl` is its direction when it has no
    strong letter of its own. Remembered: table cells and labels repeat."""
    return _prepare(tuple(runs), rtl, language)


@lru_cache(maxsize=64)
def _prepare(runs: tuple[Run, ...], rtl: bool, language: str) -> Prepared:
    text, styles = _level_text(runs)
    levels, base_rtl = _levels(text, rtl)
    drawn, fonts = _fonts(text, styles)
    items, glyphs, clusters, advances = [], array("I"), array("i"), array("d")
    for start, end, font_name, level in _items(text, fonts, levels):
        shaped = shape(drawn[start:end], font_name, level & 1, text[start:end])
        items.append((start, end, font_name, level, len(glyphs), len(glyphs) + len(shaped.glyphs)))
        glyphs += shaped.glyphs
        clusters += shaped.clusters
        advances.extend([0.0] * (start - len(advances)))  # isolate marks are not drawn
        advances += shaped.advances
    advances.extend([0.0] * (len(text) - len(advances)))
    urls = [range(url.start(), url.end()) for url in _URL.finditer(text)]
    widths_to = array("f", [0.0, *accumulate(advances)])
    return Prepared(text, drawn, base_rtl, language, items, glyphs, clusters, widths_to, urls)


def _fonts(text: str, styles: list[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """The text as drawn (a character no font has becomes MISSING) and its spans of one font."""
    drawn, spans = list(text), []
    for start, end, style in styles:
        if font(style).has_all(text[start:end]):  # the usual case: the style's own font has them all
            spans.append((start, end, style))
            continue
        for i in range(start, end):
            char, name = text[i], style
            if char not in (FSI, PDI) and not font(style).has(char):
                if missing(char, style):
                    drawn[i] = char = MISSING
                name = font_for(char, style)
            if spans and spans[-1][1] == i and spans[-1][2] == name:
                spans[-1] = (spans[-1][0], i + 1, name)
            else:
                spans.append((i, i + 1, name))
    return "".join(drawn), spans


_RTL_OR_CONTROL = re.compile(
    "[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_ISOLATES = re.compile(f"[{FSI}{PDI}]")
# Arabic-script letters (not digits, nor the signs that go with numbers), spaces, ZWNJ and punctuation whose
# direction follows the letters around them.
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06fa-\u06fc\u06ff]")
_ONLY_ARABIC = re.compile(
    "[\u0608\u060b-\u065f\u066d-\u06dc\u06de-\u06ed\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
    " \u200c.,:;!?()\\[\\]«»\"'\\-]*"
)


def _levels(text: str, rtl: bool) -> tuple[list[tuple[int, int, int]], bool]:
    """The paragraph's runs of one embedding level, (start, end, level) in Python indices (ICU counts UTF-16
    units), and its direction."""
    if not text:
        return [], rtl
    if not rtl and not _RTL_OR_CONTROL.search(text):
        return [(0, len(text), 0)], False  # nothing to reorder: ICU would say the same
    if _ARABIC_LETTER.search(text) and _ONLY_ARABIC.fullmatch(text):
        return [(0, len(text), 1)], True  # Arabic-script letters, spaces and punctuation: one right-to-left run
    return _icu_levels(text, rtl)


def _icu_levels(text: str, rtl: bool) -> tuple[list[tuple[int, int, int]], bool]:
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), icu.Bidi.DEFAULT_RTL if rtl else icu.Bidi.DEFAULT_LTR)
    runs, unit = [], 0
    while unit < bidi.getLength():
        limit, level = bidi.getLogicalRun(unit)
        runs.append((unit, limit, level))
        unit = limit
    if bidi.getLength() != len(text):  # astral characters count twice in ICU
        index = _utf16_to_index(text)
        runs = [(index[start], index[end], level) for start, end, level in runs]
    return runs, bool(bidi.getParaLevel() & 1)


def _items(text: str, fonts: list[tuple[int, int, str]], levels: list[tuple[int, int, int]]):
    """Maximal runs of one font and one level: (start, end, font, level). Isolate marks are not drawn."""
    isolates = [i for mark in _ISOLATES.finditer(text) for i in (mark.start(), mark.end())]
    if len(fonts) == 1 and len(levels) == 1 and not isolates:
        yield 0, len(text), fonts[0][2], levels[0][2]
        return
    cuts = sorted({0, len(text), *(span[0] for span in fonts), *(run[0] for run in levels), *isolates})
    font_starts, level_starts = [span[0] for span in fonts], [run[0] for run in levels]
    for start, end in pairwise(cuts):
        if text[start] not in (FSI, PDI):
            font_name = fonts[bisect_right(font_starts, start) - 1][2]
            yield start, end, font_name, levels[bisect_right(level_starts, start) - 1][2]


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
    soft = {joiner.end() for joiner in _ZWNJ.finditer(text, 0, len(text) - 1)}
    for url in urls:
        soft.update(i + 1 for i in url[1:-1] if text[i] in "/-.?&=" and text[i + 1] != "/")
    return array("i", [*positions, len(text)]), frozenset(soft)


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
    start = _skip_spaces(text, 0)
    if start < n and _span(paragraph, start, n) <= limit:
        return [Line(start, _rstrip(text, start, n), last=True)]  # the usual case for a cell, a title, a label
    good = paragraph.breaks
    lines: list[Line] = []
    while start < n:
        # The last break whose line fits (a line's width grows with its end).
        first = bisect_right(good, start)
        fits = bisect_right(good, limit, first, len(good), key=lambda end: _span(paragraph, start, end)) - 1
        fit = good[fits] if fits >= first else None
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
    lines[-1] = lines[-1]._replace(last=True)
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
    hyphen = sum(_hyphen(paragraph.font_at(word_start)).advances)
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


@lru_cache(maxsize=64)
def _hyphen(font_name: str) -> Shaped:
    return shape("-", font_name, False)


def width(paragraph: Prepared, line: Line, size: float) -> float:
    hyphen = sum(_hyphen(paragraph.font_at(line.end - 1)).advances) if line.hyphen else 0
    return (paragraph.widths_to[line.end] - paragraph.widths_to[line.start] + hyphen) * size / 1000


def _visual_items(paragraph: Prepared, line: Line) -> list[tuple]:
    """The line's items in display order: rule L2 reverses every run of items at or above each odd level (a line
    ends before its spaces, so rule L1 has nothing to reset)."""
    items = [item for item in paragraph.items if item[0] < line.end and item[1] > line.start]
    if len(items) < 2:
        return items
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


def _line_glyphs(paragraph: Prepared, item: tuple, line: Line) -> tuple[array, float]:
    """The glyphs of the part of an item on a line, and their width. A line that starts or ends inside a word (a
    hyphen, a cut) has that word shaped again, as its own run; otherwise the paragraph's glyphs are taken."""
    start, end, font_name, level, first_glyph, end_glyph = item
    text = paragraph.text
    first, last = max(start, line.start), min(end, line.end)
    if (first == start or text[first - 1] == " ") and (last == end or text[last] == " "):
        clusters = paragraph.clusters
        glyphs = paragraph.glyphs[  # clusters count from the item's start
            bisect_left(clusters, first - start, first_glyph, end_glyph) : bisect_left(
                clusters, last - start, first_glyph, end_glyph
            )
        ]
        return glyphs, paragraph.widths_to[last] - paragraph.widths_to[first]
    shaped = shape(paragraph.drawn[first:last], font_name, level & 1, text[first:last])
    return shaped.glyphs, sum(shaped.advances)


def draw_line(canvas, paragraph: Prepared, line: Line, *, x: float, y: float, size: float, align: str, column=0.0):
    """Draw one line in the column from x to x + column: 'left', 'right', 'center', 'start' (the paragraph's own
    start: right for a right-to-left paragraph), or 'justify' (every line but the last spread to both edges).

    Each item's glyphs are written in reading order, so that extractors that follow the content (pdfminer, copy
    and paste) read the text as typed, each glyph moved to where it stands; the line as seen goes in an ActualText
    span for those that read by position (poppler). A justified line's spaces are widened by word spacing (Tw)."""
    natural = width(paragraph, line, size)
    stretch = 0.0
    if align == "justify":
        # Word spacing widens the space alone: a no-break space keeps its width (it is not drawn as byte 32).
        spaces = paragraph.text.count(" ", line.start, line.end)
        if not line.last and spaces and column > natural:
            stretch = (column - natural) / spaces
        align = "left" if stretch else "start"
    if align == "start":
        align = "right" if paragraph.rtl else "left"
    left = x if align == "left" else x + column - natural if align == "right" else x + (column - natural) / 2
    runs, seen, at = [], [], 0.0  # (logical start, glyphs, rtl, left edge, width), in thousandths of the size
    stretch_units = stretch * 1000 / size
    text = paragraph.text
    for item in _visual_items(paragraph, line):
        start, end = max(item[0], line.start), min(item[1], line.end)
        glyphs, run_width = _line_glyphs(paragraph, item, line)
        rtl = item[3] & 1
        if stretch:
            run_width += stretch_units * text.count(" ", start, end)
        runs.append((start, glyphs, rtl, at, run_width))
        at += run_width
        seen.append(text[start:end][::-1] if rtl else text[start:end])
        if line.hyphen and end == line.end:  # right after the hyphenated word, wherever its run stands
            hyphen = _hyphen(item[2])
            runs.append((line.end, hyphen.glyphs, False, at, sum(hyphen.advances)))
            at += sum(hyphen.advances)
            seen.append("-")
    if len(runs) > 1:
        runs.sort(key=itemgetter(0))
    operators = _line_operators(canvas._doc, runs, "".join(seen), left, y, size, stretch)
    if operators:
        canvas._code.append(operators)


def _line_operators(doc, runs: list, seen: str, left: float, y: float, size: float, stretch: float) -> str:
    """Runs in reading order, each placed from its reading start (a right-to-left run from its right end)."""
    written = _Written.of(doc)
    out, current_font, spacing, pen = [], None, 0.0, None
    scale = size / 1000
    for _start, glyphs, rtl, run_left, run_width in runs:
        if not glyphs:
            continue
        cursor = run_left + run_width if rtl else run_left
        word_spacing = -stretch if rtl else stretch  # a right-to-left run's spaces widen leftwards
        if word_spacing != spacing:
            out.append(f"{word_spacing:.3f} Tw")
            spacing = word_spacing
        move = ""
        if pen is None or abs(pen - cursor) > 4000:  # far (a run elsewhere on the line): place it afresh
            x_at = round(left + cursor * scale, 2)
            out.append(f"1 0 0 1 {x_at:.2f} {y:.2f} Tm")
            cursor = (x_at - left) / scale
        elif round(pen - cursor):
            move = f"{round(pen - cursor)} "
            cursor = pen - round(pen - cursor)
        for resource, tokens in written.runs(glyphs, rtl, size):
            if resource != current_font:
                out.append(f"{resource} {size:.2f} Tf")
                current_font = resource
            out.append(f"[{move}{tokens}] TJ")
            move = ""
        pen = cursor - run_width if rtl else cursor + run_width
    if not out:
        return ""
    if spacing:
        out.append("0 Tw")
    actual = _literal(("\ufeff" + seen).encode("utf-16-be", "surrogatepass"))
    return f"BT /Span <</ActualText ({actual})>> BDC {' '.join(out)} EMC ET"


class _Written:
    """What one document knows of each glyph record it writes: its font subset's resource name, its advance and the
    TJ elements that draw it in each direction and size (each document numbers its font subsets' characters)."""

    def __init__(self, doc):
        self.doc = doc
        self.resources: dict[int, str] = {}
        self.widths: dict[int, float] = {}  # the advance the reader moves the pen by (thousandths of the size)
        self.data: dict[int, str] = {}
        self._tokens: dict[tuple[bool, float], dict[int, str]] = {}

    @classmethod
    def of(cls, doc) -> "_Written":
        if "_hamahang_written" not in doc.__dict__:
            doc._hamahang_written = cls(doc)
        return doc._hamahang_written

    def runs(self, glyphs, rtl: bool, size: float) -> list[tuple[str, str]]:
        """The glyphs' tokens, joined, in runs of one font subset: (resource name, tokens)."""
        tokens = self._tokens.setdefault((rtl, size), {})
        try:
            return [(font, " ".join(map(tokens.__getitem__, run))) for font, run in groupby(glyphs, self.resources.get)]
        except KeyError:  # a glyph this document has not written yet in this direction and size
            for glyph in set(glyphs).difference(tokens):
                tokens[glyph] = self._token(glyph, rtl, size)
            return self.runs(glyphs, rtl, size)

    def _token(self, number: int, rtl: bool, size: float) -> str:
        """A glyph written from the pen at its reading start (right edge when right to left, left edge otherwise),
        leaving the pen at its reading end."""
        if number not in self.resources:
            font_name, glyph, text, *_position = record(number)
            shaped_font = font(font_name)
            code = shaped_font.code(glyph, text)
            ((subset, data),) = shaped_font.splitString(code, self.doc)
            self.resources[number] = shaped_font.getSubsetInternalName(subset, self.doc)
            self.data[number] = _literal(data)
            self.widths[number] = shaped_font.width(code)
        font_name, _glyph, _text, dx, dy, advance, _y_advance = record(number)
        per_unit = 1000 / font(font_name).units
        advance, dx, dy, drawn = advance * per_unit, dx * per_unit, dy * per_unit, self.widths[number]
        # TJ numbers move the pen left by thousandths of the size.
        before, after = (advance - dx, drawn + dx) if rtl else (-dx, drawn + dx - advance)
        glyph = f"({self.data[number]})"
        if dy:
            glyph = f"] TJ {dy * size / 1000:.2f} Ts [{glyph}] TJ 0 Ts ["
        return " ".join(part for part in (_number(before), glyph, _number(after)) if part)


def _literal(data: bytes) -> str:
    """The inside of a PDF literal string holding the bytes. A content stream is bytes, here written as Latin-1
    characters: the bytes go in as they are, but for the three that delimit a string and CR (read as LF)."""
    text = data.decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("\r", "\\r")


def _number(value: float) -> str:
    return str(round(value) or "")


def draw_text(canvas, runs: list[Run], *, x: float, y: float, size: float, rtl: bool, align: str, column=0.0):
    """One line of text (a page number, a running header, a watermark), not broken."""
    paragraph = prepare(runs, rtl=rtl)
    line = Line(0, _rstrip(paragraph.text, 0, len(paragraph.text)), last=True)
    draw_line(canvas, paragraph, line, x=x, y=y, size=size, align=align, column=column)
