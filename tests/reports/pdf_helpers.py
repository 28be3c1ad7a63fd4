"""Reading generated PDFs back in tests."""

import io
import re
import unicodedata
from collections import defaultdict

from bidi import get_display
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from pypdf import PdfReader


def squash(text: str) -> str:
    """NFKC (presentation forms back to letters), without spaces, joiners and brackets, to compare text."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u200c\u200d()]", "", text)


def pdf_text(data: bytes, rtl: bool = False) -> tuple[PdfReader, str]:
    """The document's text in reading order, read back from where each glyph was drawn.

    Glyphs on one line, sorted left to right, give the line as seen; the bidirectional
    algorithm turns it back into reading order. (pypdf's own extraction reverses a mixed
    Persian/Latin line wholesale, numbers and Latin words included.)
    """
    lines = []
    for page in extract_pages(io.BytesIO(data)):
        rows = defaultdict(list)
        for char in glyphs(page):
            rows[round(char.y0)].append(char)
        for y in sorted(rows, reverse=True):
            seen = "".join(c.get_text() for c in sorted(rows[y], key=lambda c: c.x0))
            lines.append(get_display(seen, base_dir="R" if rtl else "L"))
    return PdfReader(io.BytesIO(data)), "\n".join(lines)


def glyphs(item):
    if isinstance(item, LTChar):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from glyphs(child)
