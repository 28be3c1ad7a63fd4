"""Persian (۰–۹) and Arabic-Indic (٠–٩) digits in, Latin digits stored; Persian digits shown on Persian pages."""

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
