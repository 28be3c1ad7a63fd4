"""Reading generated PDFs back in tests, the way people's tools do."""

import io
import re
import subprocess
import unicodedata

from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LAParams, LTChar
from pypdf import PdfReader


def squash(text: str) -> str:
    """NFC, without spaces and joiners, to compare text whatever the line breaks."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[\s\u200c\u200d\u00ad-]", "", text)


def pdf_text(data: bytes, rtl: bool = False) -> tuple[PdfReader, str]:
    """The document's text as pdfminer reads it, each line whole (the glyphs are written in reading order).

    `rtl` is kept for the callers' sake: the text layer no longer depends on the reader knowing the direction.
    """
    whole_lines = LAParams(char_margin=1000)
    return PdfReader(io.BytesIO(data)), extract_text(io.BytesIO(data), laparams=whole_lines)


def pdfminer_text(data: bytes) -> str:
    """pdfminer with its default settings."""
    return extract_text(io.BytesIO(data))


def poppler_text(data: bytes, *options: str) -> str:
    """poppler's pdftotext (its default layout analysis, or `-raw` for content order)."""
    result = subprocess.run(["pdftotext", *options, "-", "-"], input=data, capture_output=True, check=True)
    # poppler marks the direction of what it reordered with embedding controls; they are not text.
    return re.sub("[\u202a-\u202e]", "", result.stdout.decode())


def glyphs(item):
    if isinstance(item, LTChar):
        yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from glyphs(child)


def page_glyphs(data: bytes) -> list[list[LTChar]]:
    """Every glyph of every page, in the order they were written."""
    return [list(glyphs(page)) for page in extract_pages(io.BytesIO(data))]
