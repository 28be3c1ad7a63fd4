"""Typed text made consistent: Arabic letters that look like Persian ones become Persian, spaces are tidied,
control characters go."""

import re
import unicodedata

# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) pasted in from other programs reorder
# whatever follows them on a page and break the PDF layout. ZWNJ and ZWJ (Persian words) and LRM/RLM stay.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# C0 and C1 control characters (and U+FFFE/U+FFFF) are refused by XML 1.0, so by Atom feeds and XLSX files, and NUL
# by PostgreSQL. Word's line break (vertical tab), form feed and NEL become newlines; tab, newline and CR stay.
_CONTROLS = (
    dict.fromkeys(c for c in range(0xA0) if unicodedata.category(chr(c)) == "Cc" and chr(c) not in "\t\n\r")
    | dict.fromkeys([0xFFFE, 0xFFFF])
    | {0x0B: "\n", 0x0C: "\n", 0x85: "\n"}
    | BIDI_CONTROLS
)
# The same characters for a database regex (Python's re on SQLite, PostgreSQL's on PostgreSQL; NUL never got there).
CONTROLS_PATTERN = r"[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
_CONSISTENT = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"}) | _CONTROLS
_SPACES = re.compile(r"[ \t\u00a0]+")


def strip_controls(text: str) -> str:
    """Text as every output can carry it (pages, feeds, spreadsheets, PDFs): no control characters but tab, newline
    and CR, no stray bidi controls. For text stored before the forms cleaned it."""
    return text.translate(_CONTROLS)


def normalize_line(text: str) -> str:
    """One line of text (a name, a title, a search): Persian letters, single spaces, no control characters
    (nor stray bidi controls)."""
    text = text.translate(_CONSISTENT).replace("\r", " ").replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def normalize_letters(text: str) -> str:
    """Longer text (keeps its lines and spacing): the letters are made consistent, control characters but tab and
    newline go, and stray bidi controls."""
    return text.translate(_CONSISTENT)


_PERSIAN_ORDER = "آاأإءبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ"
_PERSIAN_RANK = {letter: rank for rank, letter in enumerate(_PERSIAN_ORDER)}


def persian_sort_key(text: str) -> tuple:
    """Sort Persian names in the Persian alphabet (code points put پ چ ژ گ after ی); Latin text after."""
    normalized = normalize_line(text)
    return tuple((0, _PERSIAN_RANK[c]) if c in _PERSIAN_RANK else (1, ord(c)) for c in normalized)
