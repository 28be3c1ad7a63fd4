"""Write the Serbian Latin catalogue (locale/sr_Latn) from the Cyrillic one (locale/sr), letter for letter.

Serbian is one language in two scripts with a one-to-one transliteration, so only the Cyrillic catalogue is
translated; run this (or `make messages`) after changing it. tests/test_translations.py checks the two agree.
"""

import sys
from pathlib import Path

import cyrtranslit
import polib

ROOT = Path(__file__).resolve().parent.parent


def to_latin(text: str) -> str:
    return cyrtranslit.to_latin(text, "sr") if text else text


def latin_catalogue(cyrillic: polib.POFile) -> polib.POFile:
    latin = polib.POFile(wrapwidth=cyrillic.wrapwidth)
    latin.header = cyrillic.header
    latin.metadata = {**cyrillic.metadata, "Language": "sr_Latn", "Language-Team": "Serbian (Latin)"}
    for entry in cyrillic:
        if entry.obsolete:
            continue
        copy = polib.POEntry(
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgctxt=entry.msgctxt,
            msgstr=to_latin(entry.msgstr),
            msgstr_plural={n: to_latin(text) for n, text in entry.msgstr_plural.items()},
            flags=list(entry.flags),
            comment=entry.comment,
            tcomment=entry.tcomment,
        )
        latin.append(copy)
    return latin


def main(root: Path = ROOT) -> None:
    for base in ("locale", "locale_vendor"):
        source = root / base / "sr" / "LC_MESSAGES" / "django.po"
        if source.exists():
            target = root / base / "sr_Latn" / "LC_MESSAGES" / "django.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            latin_catalogue(polib.pofile(str(source))).save(str(target))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
