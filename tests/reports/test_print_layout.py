"""Pages a typesetter would sign: where tables, headings and signatures fall, numbers and mixed-script lines."""

import io
import re
import unicodedata

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from reports import documents
from reports.pdf.render import DocumentSpec, Grid, Heading, Signatures, Text, render
from reports.pdf.text import register_fonts
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.reports.pdf_helpers import page_glyphs, pdf_text


@pytest.fixture(autouse=True)
def fonts():
    register_fonts()


def spec(blocks, *, rtl=False, language="en", title="Minutes of meeting 3/2026") -> DocumentSpec:
    return DocumentSpec(
        title=title,
        author="Council",
        language=language,
        rtl=rtl,
        letterhead=["Municipality"],
        blocks=blocks,
        footer="Page %(page)s of %(pages)s",
    )


def pages(data: bytes) -> list[str]:
    """Each page's text, one string per page (pdfminer, whole lines)."""
    return pdf_text(data)[1].split("\f")[: len(PdfReader(io.BytesIO(data)).pages)]


def attendance(rows: int) -> Grid:
    return Grid([["Member", "Role"], *[[f"Member {n:02d}", "Liaison"] for n in range(rows)]], [0.5, 0.5])


def test_a_heading_keeps_with_the_first_rows_of_its_table_not_the_whole_table():
    """A 70-row attendance table after a short introduction starts on page 1 under its heading."""
    data = render(spec([Text("Introduction. " * 20), Heading("Attendance"), attendance(70)]))
    first = pages(data)[0]
    assert "Attendance" in first and "Member 00" in first and "Member 10" in first


def test_a_heading_goes_to_the_next_page_when_its_first_rows_would_not_fit():
    for filler in range(34, 44):
        data = render(spec([*[Text(f"Line {n}") for n in range(filler)], Heading("Attendance"), attendance(30)]))
        for page in pages(data):
            if "Attendance" in page:
                assert "Member 00" in page and "Member 01" in page, filler


def test_a_table_never_leaves_one_row_alone_on_a_page():
    for filler, rows in [*((filler, 45) for filler in range(0, 40, 3)), *((0, rows) for rows in range(58, 66))]:
        data = render(spec([*[Text(f"Line {n}") for n in range(filler)], attendance(rows)]))
        for page in pages(data):
            found = re.findall(r"Member \d\d+", page)
            assert not found or len(found) >= 2, (filler, rows, found)


def test_the_last_words_and_the_signatures_share_a_page():
    for filler in range(30, 46):
        blocks = [*[Text(f"Line {n}") for n in range(filler)], Text("Approved on 3 December 2026.")]
        blocks.append(Signatures([("Chair", "Arben Krasniqi"), ("Secretary", "Drita Berisha")]))
        last = pages(render(spec(blocks)))[-1]
        assert "Approved on" in last and "Arben Krasniqi" in last, filler


def test_signature_rows_leave_room_to_sign():
    data = render(spec([Signatures([("Chair", "Arben Krasniqi")])]))
    glyphs = page_glyphs(data)[0]
    name_y = min(c.y0 for c in glyphs if c.get_text() == "K")
    dots_y = max(c.y0 for c in glyphs if c.get_text() == "…")
    assert name_y - dots_y > 40  # points: about 15 mm to sign in


def test_pages_from_the_second_carry_the_documents_title():
    data = render(spec([Text(f"Line {n}") for n in range(120)]))
    texts = pages(data)
    assert len(texts) >= 3
    assert "Minutes of meeting 3/2026" not in texts[0]
    assert all("Minutes of meeting 3/2026" in page for page in texts[1:])


def test_the_facts_table_has_no_header_row(world):
    meeting = MeetingFactory(council=world.council, starts_at=timezone.now())
    facts = documents._meeting_facts(meeting, documents.Context(world.council, "en"))
    assert facts.header is False


def test_numbers_are_grouped_and_budgets_carry_their_currency(world):
    world.council.currency = "IRR"
    ctx = documents.Context(world.council, "fa")
    assert ctx.number(15770000000) == "۱۵٬۷۷۰٬۰۰۰٬۰۰۰"
    assert ctx.money(15770000000) == "۱۵٬۷۷۰٬۰۰۰٬۰۰۰ ریال ایران"
    world.council.currency = "EUR"
    assert documents.Context(world.council, "sq").money(15770) == "15\u00a0770 euro"
    assert documents.Context(world.council, "en").money(15770) == "15,770 euros"
    # The largest budget the database holds, every digit exact (a float would round it).
    assert documents.Context(world.council, "en").number(9223372036854775807) == "9,223,372,036,854,775,807"


def test_an_english_agenda_of_persian_items_keeps_each_title_whole_with_its_number(world):
    meeting = MeetingFactory(council=world.council, starts_at=timezone.now())
    AgendaItemFactory(meeting=meeting, title="گزارش روابط عمومی (پردیس)", minutes_allotted=15, presenter=None)
    data = render(documents.agenda(meeting, "en"))
    assert "1. گزارش روابط عمومی (پردیس) (15 min)" in " ".join(pdf_text(data)[1].split())
    # Drawn left to right as an English line: the number first, the title (right to left), then its minutes.
    glyphs = page_glyphs(data)[0]
    baseline = next(c.y0 for c in glyphs if c.get_text() == "گ")
    x = {}
    for c in glyphs:
        if abs(c.y0 - baseline) < 1:
            x.setdefault(c.get_text(), c.x0)  # where each character is first written (in reading order)
    assert x["1"] < x["س"] < x["گ"] < x["m"]


def test_an_albanian_header_word_is_hyphenated_in_a_narrow_column():
    data = render(spec([Grid([["Marrëdhëniet", "Emri"], ["a", "b"]], [0.1, 0.9])], language="sq"))
    text = pdf_text(data)[1]
    assert re.search(r"Marr\w*-\n", text)  # cut with a hyphen, where the Albanian dictionary allows


@pytest.mark.parametrize(("language", "word"), [("sr", "Општинских"), ("sr-latn", "Opštinskih")])
def test_a_serbian_header_word_is_hyphenated_in_its_script_in_a_narrow_column(language, word):
    data = render(spec([Grid([[word, "Име"], ["a", "b"]], [0.1, 0.9])], language=language))
    text = pdf_text(data)[1]
    assert re.search(rf"{word[:2]}\w*-\n", text)  # the Cyrillic and the Latin dictionaries both cut it


# Any text a user could type: letters of every script, marks, controls, isolates, astral symbols, long words.
user_text = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs",), include_characters="\u200c\u200d\u2066\u2067\u2068\u2069\u202e"
    ),
    max_size=300,
)


def letters_and_digits(text: str) -> str:
    kept = unicodedata.normalize("NFC", "".join(c for c in text if c.isalnum()))
    return "".join(c for c in kept if c.isalnum())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=user_text, body=user_text, cell=user_text, rtl=st.booleans())
def test_any_input_builds_and_every_letter_and_digit_reads_back_in_order(title, body, cell, rtl):
    blocks = [
        Heading(title),
        Text(body),
        Grid([["Name", "Role"], [cell, body]], [0.3, 0.7]),
        Signatures([(cell, title)]),
    ]
    data = render(spec(blocks, rtl=rtl, language="fa" if rtl else "sq", title=title or "x"))
    text = letters_and_digits(pdf_text(data)[1])
    for field in (title, body, cell):
        assert letters_and_digits(field) in text


def test_persian_body_text_is_justified_to_both_edges_but_its_last_line():
    """No-break spaces included (word spacing widens the space alone)."""
    words = [
        "شورا",
        "درباره",
        "اطلاع‌رسانی",
        "و",
        "انتشار",
        "منظم",
        "گزارش‌ها",
        "(۲۵٪",
        "بودجه)",
        "Google\u00a0Meet",
        "کرد",
    ]
    body = " ".join(words[n % len(words)] for n in range(160))
    (glyphs,) = page_glyphs(render(spec([Text(body)], rtl=True, language="fa")))
    lines = []  # the body's glyphs (10.5 pt, not the letterhead or page number) by baseline, top line first
    for glyph in sorted((g for g in glyphs if round(g.size, 1) == 10.5), key=lambda g: -g.matrix[5]):
        if not lines or lines[-1][-1].matrix[5] - glyph.matrix[5] > 8:
            lines.append([])
        lines[-1].append(glyph)
    extents = [(min(g.x0 for g in line), max(g.x1 for g in line)) for line in lines]
    assert len(extents) > 5
    right, left = max(end for _, end in extents), min(start for start, _ in extents)
    for start, end in extents[:-1]:
        assert abs(end - right) < 1.5 and abs(start - left) < 1.5, (start, end, left, right)
    assert extents[-1][0] > left + 20  # the last line is not stretched: it ends short of the left edge


def test_a_heading_keeps_with_a_paragraph_too_short_to_split():
    """A three-line paragraph cannot leave two lines on each page; its heading goes with the whole of it."""
    text = " ".join(["A decision that takes three lines of the page to say in full, word after word."] * 3)
    for filler in range(27, 30):
        for size in range(6, 20):  # the room left under the filler, point by point
            blocks = [Text(f"Line {n}") for n in range(filler)] + [Text("Filler", size=size)]
            blocks += [Heading("1. Publication", size=11.5), Text(text)]
            (with_heading,) = [page for page in pages(render(spec(blocks))) if "1. Publication" in page]
            assert with_heading.count("word after word") == 3, (filler, size)


def test_a_table_row_taller_than_a_page_runs_on_to_the_next_page():
    words = [f"word{n}" for n in range(2800)]
    data = render(
        spec([Grid([["Field", "Value"], ["Text of the act", " ".join(words)], ["After", "the end"]], [0.3, 0.7])])
    )
    text = pdf_text(data)[1]
    assert len(pages(data)) > 3
    assert "word0 " in text and "word2799" in text and "the end" in text
    assert text.count("Field") == len(pages(data))  # the header on every page


def test_a_hyphen_follows_its_word_in_a_line_that_reads_right_to_left():
    """An Albanian cell that starts with a Persian name reads right to left; the hyphen stays with its word."""
    cell = "سلام Ndërmarrjeshoqërore publike e komunës"
    data = render(spec([Grid([["Emri"], [cell]], [0.12])], language="sq"))
    (glyphs,) = page_glyphs(data)
    text = [g for g in glyphs if round(g.size, 1) == 9.5]
    hyphens = [n for n, g in enumerate(text) if g.get_text() == "-"]
    assert hyphens
    for n in hyphens:
        before = text[n - 1]  # the last letter of the hyphenated piece, written just before its hyphen
        assert before.get_text().isalpha() and abs(text[n].x0 - before.x1) < 1, (
            before.get_text(),
            before.x1,
            text[n].x0,
        )
