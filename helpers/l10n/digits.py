"""Persian (۰–۹) and Arabic-Indic (٠–٩) digits in, Latin digits stored; Persian digits shown on Persian pages."""

import re

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(
    PERSIAN_DIGITS + ARABIC_INDIC_DIGITS + "٫٬",  # Arabic decimal and thousands separators too
    LATIN_DIGITS + LATIN_DIGITS + ".,",
)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS)


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN)


def to_persian_digits(text: str) -> str:
    return text.translate(_TO_PERSIAN)


def localize_digits(text: str, language: str) -> str:
    """Persian digits for Persian text, the text unchanged otherwise."""
    return to_persian_digits(text) if language == "fa" else text


_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")


def localize_digits_in_html(html: str, language: str) -> str:
    """`localize_digits` for HTML: the text's digits, not those of its tags (addresses, ids) or entities (&#39;)."""
    if language != "fa":
        return html
    return "".join(part if _MARKUP.fullmatch(part) else to_persian_digits(part) for part in _MARKUP.split(html))
