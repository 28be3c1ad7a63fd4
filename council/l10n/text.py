"""Typed text made consistent: Arabic letters that look like Persian ones become Persian, spaces are tidied."""

import re
import unicodedata

# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) pasted in from other programs reorder
# whatever follows them on a page and break the PDF layout. ZWNJ and ZWJ (Persian words) and LRM/RLM stay.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_CONSISTENT = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"}) | BIDI_CONTROLS
_SPACES = re.compile(r"[ \t\u00a0]+")


def normalize_line(text: str) -> str:
    """One line of text (a name, a title, a search): Persian letters, single spaces, no control characters
    (nor stray bidi controls)."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cc" or c in "\t ")
    return _SPACES.sub(" ", text.translate(_CONSISTENT)).strip()


def normalize_letters(text: str) -> str:
    """Longer text (keeps its lines and spacing): only the letters are made consistent, stray bidi controls go."""
    return text.translate(_CONSISTENT)


_PERSIAN_ORDER = "آاأإءبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ"
_PERSIAN_RANK = {letter: rank for rank, letter in enumerate(_PERSIAN_ORDER)}


def persian_sort_key(text: str) -> tuple:
    """Sort Persian names in the Persian alphabet (code points put پ چ ژ گ after ی); Latin text after."""
    normalized = normalize_line(text)
    return tuple((0, _PERSIAN_RANK[c]) if c in _PERSIAN_RANK else (1, ord(c)) for c in normalized)
