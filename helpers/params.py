"""Single values read from a query string or a posted form where a whole form would be too much: which button was
pressed, which export, a page number, a list of ticked ids. Views read request.GET and request.POST only through
forms or these helpers. A malformed value reads as absent, never as an error page."""

import re

from helpers.l10n.digits import to_latin_digits
from helpers.l10n.text import normalize_line

# Up to 18 digits: any id or year fits a database integer (a 64-bit one takes 19).
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def whole_number(value: str) -> int | None:
    """Latin, Persian or Arabic-Indic digits only; "²" and "١٢³" pass str.isdigit() but are no number here."""
    value = to_latin_digits(value).strip()
    return int(value) if _WHOLE_NUMBER.fullmatch(value) else None


def choice(data, name: str, choices, default=None):
    """The value if it is one of `choices` (any container of strings), else `default`."""
    value = data.get(name)
    return value if value in choices else default


def integer(data, name: str) -> int | None:
    """A whole number ≥ 0, or None."""
    return whole_number(data.get(name) or "")


def integers(data, name: str) -> list[int]:
    """Every whole number given under `name` (ticked checkboxes), the malformed ones left out."""
    numbers = (whole_number(value) for value in data.getlist(name))
    return [number for number in numbers if number is not None]


def text(data, name: str, *, max_length: int) -> str:
    """One line of text, normalised like a form's (Persian letters, no control characters), cut to `max_length`."""
    return normalize_line(data.get(name) or "")[:max_length]
