"""Typed text made consistent: Arabic letters that look like Persian ones become Persian, spaces are tidied."""

import re
import unicodedata

_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_SPACES = re.compile(r"[ \t\u00a0]+")


def normalize_line(text: str) -> str:
    """One line of text (a name, a title, a search): Persian letters, single spaces, no control characters."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cc" or c in "\t ")
    return _SPACES.sub(" ", text.translate(_PERSIAN_LETTERS)).strip()


def normalize_letters(text: str) -> str:
    """Longer text (keeps its lines and spacing): only the letters are made consistent."""
    return text.translate(_PERSIAN_LETTERS)


_PERSIAN_ORDER = "آاأإءبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ"
_PERSIAN_RANK = {letter: rank for rank, letter in enumerate(_PERSIAN_ORDER)}


def persian_sort_key(text: str) -> tuple:
    """Sort Persian names in the Persian alphabet (code points put پ چ ژ گ after ی); Latin text after."""
    normalized = normalize_line(text)
    return tuple((0, _PERSIAN_RANK[c]) if c in _PERSIAN_RANK else (1, ord(c)) for c in normalized)
