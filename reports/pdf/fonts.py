"""The fonts every document is printed in, shaped by HarfBuzz, with a text layer that reads back as the text.

Vazirmatn draws Persian, Albanian and English; Noto Sans adds what it lacks (Cyrillic for Serbian), Noto Sans
Symbols 2 the symbols (✓). A character none of them has is drawn as a visible box, logged, and kept in the text
layer.

ReportLab writes each glyph as a character code whose ToUnicode entry says which text it stands for. A shaped
glyph often has no character of its own (a Persian letter's joined form, a mirrored bracket, a zero-width
non-joiner drawn as an empty space glyph), so each (glyph, text) pair gets a private code whose ToUnicode entry is
the text the glyph was shaped from: copy, search and extraction give back the letters, the ZWNJ and the bracket
as typed.
"""

import logging
import re
import threading
from array import array
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

import uharfbuzz as hb
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

logger = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
REGULAR, BOLD = "Vazirmatn", "Vazirmatn-Bold"
FILES = {
    REGULAR: "Vazirmatn-Regular.ttf",
    BOLD: "Vazirmatn-Bold.ttf",
    "NotoSans": "NotoSans-Regular.ttf",
    "NotoSans-Bold": "NotoSans-Bold.ttf",
    "NotoSansSymbols2": "NotoSansSymbols2-Regular.ttf",
}
# Where each style looks for a character, in order.
FALLBACKS = {
    REGULAR: (REGULAR, "NotoSans", "NotoSansSymbols2"),
    BOLD: (BOLD, "NotoSans-Bold", "NotoSansSymbols2"),
}
MISSING = "\u25a1"  # □, drawn for a character no font has
_FIRST_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: never typed by users, never in these fonts


class ShapedFont(TTFont):
    """A TrueType font that HarfBuzz shapes and whose glyphs carry the text they were shaped from."""

    def __init__(self, name, filename):
        super().__init__(name, filename, shapable=False)  # ReportLab's own shaping stays off: we place glyphs
        self.hb_font = hb.Font(hb.Face(hb.Blob(self.face._ttf_data)))
        self.units = self.face.unitsPerEm
        self.characters = frozenset(map(chr, self.face.charToGlyph))  # before any private code is added
        self._lacks = re.compile(f"[^{_ranges(self.characters)}\u2068\u2069]")  # isolate marks are never drawn
        self._codes: dict[tuple[int, str], str] = {}
        self._text_of: dict[int, str] = {}
        self._lock = threading.Lock()

    def has(self, char: str) -> bool:
        return char in self.characters

    def has_all(self, text: str) -> bool:
        """Whether the font draws every character of the text."""
        return not self._lacks.search(text)

    def code(self, glyph: int, text: str) -> str:
        """The character code that draws `glyph` and reads back as `text`."""
        try:
            return self._codes[glyph, text]
        except KeyError:
            pass
        with self._lock:
            if (glyph, text) in self._codes:
                return self._codes[glyph, text]
            if len(text) == 1 and self.face.charToGlyph.get(ord(text)) == glyph:
                code = text
            elif not text:  # a character's second glyph: the first one carries the character
                code = self._private(glyph, "\u200b")
            else:
                code = self._private(glyph, text)
            self._codes[glyph, text] = code
            return code

    def _private(self, glyph: int, text: str) -> str:
        point = _FIRST_PRIVATE + len(self._text_of)
        self.face.charToGlyph[point] = glyph
        self.face.charWidths[point] = self.face.hmetrics[glyph][0] * 1000 / self.units
        self._text_of[point] = text
        return chr(point)

    def width(self, code: str) -> float:
        """The advance a PDF viewer applies after `code`, in thousandths of the font size."""
        return self.face.charWidths.get(ord(code), self.face.defaultWidth)

    def addObjects(self, doc):
        """ReportLab's subsets, with a ToUnicode map that gives each private code its text."""
        state = self._assignState(doc)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_name = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray([self.face.getCharWidth(code) for code in subset])
            cmap = pdfdoc.PDFStream()
            cmap.content = _to_unicode(base_name, [self._text_of.get(code, chr(code)) for code in subset])
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


def _ranges(characters) -> str:
    """A regular expression's character class (without brackets) for a set of characters, range by range."""
    points = sorted(map(ord, characters))
    starts = [point for n, point in enumerate(points) if n == 0 or points[n - 1] != point - 1]
    ends = [point for n, point in enumerate(points) if n == len(points) - 1 or points[n + 1] != point + 1]
    return "".join(f"{re.escape(chr(start))}-{re.escape(chr(end))}" for start, end in zip(starts, ends, strict=True))


def _to_unicode(name: str, texts: list[str]) -> str:
    def utf16(text):
        return text.encode("utf-16-be", "surrogatepass").hex().upper() or "FFFD"

    entries = [f"<{n:02X}> <{utf16(text)}>" for n, text in enumerate(texts)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            "<00> <FF>",
            "endcodespacerange",
        ]
        # A bfchar block holds at most 100 entries.
        + [
            line
            for start in range(0, len(entries), 100)
            for line in (
                f"{len(entries[start : start + 100])} beginbfchar",
                *entries[start : start + 100],
                "endbfchar",
            )
        ]
        + ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    )


def register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(ShapedFont(name, FONTS_DIR / filename))


@lru_cache(maxsize=16)
def font(name: str) -> ShapedFont:
    return pdfmetrics.getFont(name)


@lru_cache(maxsize=4096)
def font_for(char: str, style: str) -> str:
    """The first font of the style's fallbacks that has the character; the style's own if none has it."""
    for name in FALLBACKS.get(style, (style,)):
        if font(name).has(char):
            return name
    return style


@lru_cache(maxsize=4096)
def missing(char: str, style: str) -> bool:
    found = any(font(name).has(char) for name in FALLBACKS.get(style, (style,)))
    if not found:
        logger.warning("No font can draw U+%04X; printed as %s", ord(char), MISSING)
    return not found


class Shaped(NamedTuple):
    """A run of text in one font and direction as HarfBuzz shaped it, in reading order."""

    glyphs: array  # each glyph's record number (see `record`)
    clusters: array  # the index of the first character each glyph stands for
    advances: array  # each character's advance, in thousandths of the font size


# Every glyph as shaped anywhere: (font, glyph, the text it stands for, x offset, y offset, x advance, y advance),
# positions in font units; a document writes each record it uses once and refers to it by number. The text is
# empty for the second glyph of a character drawn with two.
_RECORDS: list[tuple[str, int, str, int, int, int, int]] = []
_RECORD_NUMBERS: dict[tuple, int] = {}
_records_lock = threading.Lock()


def record(number: int) -> tuple[str, int, str, int, int, int, int]:
    return _RECORDS[number]


def _register(key: tuple) -> int:
    with _records_lock:
        if key not in _RECORD_NUMBERS:  # the record first: a number is read without the lock
            _RECORDS.append(key)
            _RECORD_NUMBERS[key] = len(_RECORDS) - 1
        return _RECORD_NUMBERS[key]


_MONOTONE_CHARACTERS = hb.BufferClusterLevel.MONOTONE_CHARACTERS  # a mark is a cluster of its own


@lru_cache(maxsize=4096)
def shape(drawn: str, font_name: str, rtl: bool, text: str | None = None) -> Shaped:
    """HarfBuzz's glyphs for one run of text in one font and direction (kerning and ligatures on, as HarfBuzz does
    by default). `drawn` is what is shaped, `text` what the glyphs stand for in the text layer (the same but where
    no font has a character). Remembered: labels, table cells and phrases repeat."""
    text = drawn if text is None else text
    buffer = hb.Buffer()
    buffer.add_str(drawn)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = _MONOTONE_CHARACTERS
    shaped_font = font(font_name)
    hb.shape(shaped_font.hb_font, buffer)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    if rtl:
        infos.reverse()
        positions.reverse()
    clusters = [info.cluster for info in infos]
    if clusters == list(range(len(drawn))):  # a glyph per character, the usual case
        sources = text
    else:  # the text goes with the first glyph of a cluster
        end_of = dict(pairwise([*sorted(set(clusters)), len(drawn)]))
        sources = [
            text[at : end_of[at]] if at != before else ""
            for at, before in zip(clusters, [-1, *clusters[:-1]], strict=True)
        ]
    keys = [
        (font_name, info.codepoint, source, *position.position)
        for info, position, source in zip(infos, positions, sources, strict=True)
    ]
    numbers = list(map(_RECORD_NUMBERS.get, keys))
    if None in numbers:
        numbers = [_register(key) if number is None else number for key, number in zip(keys, numbers, strict=True)]
    per_unit = 1000 / shaped_font.units
    advances = array("d", bytes(8 * len(drawn)))
    for at, key in zip(clusters, keys, strict=True):
        advances[at] += key[5] * per_unit
    return Shaped(array("I", numbers), array("i", clusters), advances)
