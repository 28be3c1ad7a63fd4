"""Typed text made consistent: Arabic letters that look like Persian ones become Persian, spaces are tidied."""

import re

_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_SPACES = re.compile(r"[ \t\u00a0]+")


def normalize_line(text: str) -> str:
    """One line of text (a name, a title): Persian letters, single spaces, no spaces at the ends."""
    return _SPACES.sub(" ", text.translate(_PERSIAN_LETTERS)).strip()


def normalize_letters(text: str) -> str:
    """Longer text (keeps its lines and spacing): only the letters are made consistent."""
    return text.translate(_PERSIAN_LETTERS)
