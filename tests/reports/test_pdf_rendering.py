"""The PDF engine alone (no database): text read back from the PDF is the text given, in every language."""

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab import rl_config

from helpers.l10n.digits import to_persian_digits
from reports.pdf.render import DocumentSpec, Grid, Heading, Signatures, Text, render
from reports.pdf.text import BOLD, Run, _icu_levels, _levels, break_lines, prepare, register_fonts
from tests.reports.pdf_helpers import page_glyphs, pdf_text, pdfminer_text, poppler_text, squash

PERSIAN_LONG = (
    "حاضران در این جلسه پیرامون وضعیت اطلاع‌رسانی در سطح شهرستان، کمبودها و ملزومات روابط عمومی ادارات، "
    "دوره‌های آموزشی پیشنهادی و تقویت شبکه اطلاع‌رسانی به گفت‌وگو و تبادل نظر پرداختند و بر طرح و پیگیری "
    "مشکلات روابط عمومی‌ها در جلسه شورای اداری شهرستان تأکید شد."
)
MIXED = "انتشار گزارش در Facebook و Instagram با ۲۵% بودجه (طبق بند ۲) تا ۲۲ آذر ۱۴۰۵"
ALBANIAN = "Çdo drejtori i dërgon ZIP-it aktet e miratuara brenda tri ditëve; përgjegjëse: Zyra për Informim."


def spec(blocks, *, rtl, language, footer="Page %(page)s of %(pages)s", watermark="", digits=str):
    return DocumentSpec(
        title="Minutes of meeting 1/1405",
        author="Pardis council",
        language=language,
        rtl=rtl,
        letterhead=["Governorate"],
        blocks=blocks,
        footer=footer,
        watermark=watermark,
        digits=digits,
    )


@pytest.fixture(autouse=True)
def fonts():
    register_fonts()


def test_the_shipped_fonts_have_every_character_we_draw():
    sample = PERSIAN_LONG + MIXED + "۰۱۲۳۴۵۶۷۸۹" + ALBANIAN + "ëËçÇ()/-%:—،؛؟«»0123456789" + "ЋћЂђЉљЊњЏџЖж✓"
    paragraph = prepare([Run(sample)], rtl=True)
    assert "\u25a1" not in paragraph.drawn  # nothing replaced by the missing-glyph box


def test_a_character_no_font_has_is_a_visible_box_logged_and_kept_in_the_text(caplog):
    data = render(spec([Text("Pin \U0001f4cc here")], rtl=False, language="en"))
    assert "U+1F4CC" in caplog.text
    assert "Pin \U0001f4cc here" in pdf_text(data)[1]  # the text layer keeps the character


def test_a_long_persian_paragraph_is_broken_in_logical_order():
    paragraph = prepare([Run(PERSIAN_LONG)], rtl=True, language="fa")
    lines = break_lines(paragraph, 300, 10.5)
    assert len(lines) >= 3
    assert " ".join(paragraph.text[line.start : line.end] for line in lines) == PERSIAN_LONG  # nothing lost
    assert all(paragraph.text[line.end - 1] != " " for line in lines)


def test_persian_text_comes_back_out_of_the_pdf_in_reading_order_whatever_reads_it():
    data = render(spec([Text(PERSIAN_LONG), Text(MIXED)], rtl=True, language="fa"))
    for text in (pdf_text(data)[1], pdfminer_text(data), poppler_text(data)):
        # Words in reading order, with their zero-width non-joiners, across line breaks.
        assert squash(PERSIAN_LONG) in squash(text)
        assert "اطلاع‌رسانی" in text and "دوره‌های" in text
    # poppler's -raw reads a line without punctuation in order; it keeps a line's commas and full stops where
    # they are drawn (its own reordering, not the PDF's): every word still reads as typed.
    raw = poppler_text(data, "-raw")
    assert all(word.strip("،.") in raw for word in PERSIAN_LONG.split())
    assert any(line.strip() in PERSIAN_LONG and len(line) > 60 for line in raw.splitlines())
    assert squash(MIXED) in squash(pdf_text(data)[1])  # Persian, Latin words, numbers and brackets on one line
    assert "(طبق بند ۲)" in pdf_text(data)[1]  # brackets as typed, not mirrored


def test_a_mixed_line_is_drawn_in_the_order_a_browser_draws_it():
    data = render(
        spec(
            [Text([Run("Item: ", BOLD), Run("جلسه شورای (پردیس)", isolate=True), Run(" (15 min)")])],
            rtl=False,
            language="en",
        )
    )
    chars = [c for c in page_glyphs(data)[0] if c.get_text().strip()]
    x = {c.get_text(): c.x0 for c in chars}
    # Left to right: the label, the Persian title (read right to left), then "(15 min)" after it, whole.
    assert x["I"] < x["ج"] and x["ج"] > x["پ"] and x["پ"] < x["5"] < x["m"]
    assert "Item: جلسه شورای (پردیس) (15 min)" in " ".join(pdf_text(data)[1].split())


def test_a_paragraph_keeps_its_direction_on_every_line():
    """A Persian paragraph whose later line starts with a Latin word still starts at the right."""
    text = "جلسه " * 30 + "Facebook Instagram " + "جلسه " * 30
    data = render(spec([Text(text)], rtl=False, language="en"))
    lines = {}
    for c in page_glyphs(data)[0]:
        if c.get_text().strip():
            lines.setdefault(round(c.y0), []).append(c.x1)
    right_edges = [max(xs) for y, xs in sorted(lines.items(), reverse=True)[1:-1]]  # body lines
    assert len(right_edges) >= 2 and max(right_edges) - min(right_edges) < 1  # flush right, each one


def test_a_letter_with_its_mark_and_a_zwnj_read_back_as_typed():
    data = render(spec([Text("مادهٔ‌واحده")], rtl=True, language="fa"))
    assert "مادهٔ‌واحده" in pdf_text(data)[1]


def test_bold_words_inside_persian_keep_their_font():
    data = render(spec([Text([Run("مصوبه ۱۴۰۵/۰۳: ", BOLD), Run("گزارش ماهانه ارسال شود")])], rtl=True, language="fa"))
    fonts = {c.get_text(): c.fontname for c in page_glyphs(data)[0] if c.get_text() in "مصوبهگزارش"}
    assert "Bold" in fonts["ص"] and "Bold" not in fonts["گ"]
    assert "مصوبه ۱۴۰۵/۰۳: گزارش ماهانه ارسال شود" in pdf_text(data)[1]


def test_long_words_and_urls_break_where_they_may():
    url = "https://pardis.example.ir/news/2026/the-council-approved-the-publication-plan"
    albanian = "Marrëdhëniet me publikun"
    data = render(
        spec([Grid([[albanian, "x"]], [0.12, 0.88]), Grid([["URL"], [url]], [0.25])], rtl=False, language="sq")
    )
    text = pdf_text(data)[1]
    assert re.search(r"Marr\w*-\n\n\w*niet\n", text)  # hyphenated where the dictionary allows, with a hyphen
    url_lines = [line.strip() for line in text.splitlines() if re.fullmatch(r"[\w:/.-]{8,}", line.strip())]
    url_lines = [line for line in url_lines if re.search("[/.-]", line)]
    assert len(url_lines) >= 3
    for line in url_lines:
        assert line[-1] in "/-." or line.endswith("plan")  # cut after / - or ., never inside a word


def test_persian_words_are_never_cut_between_joined_letters():
    word = "بیبیبیدار" * 12  # one word, no space: it must be cut, after a letter that does not join
    paragraph = prepare([Run(word)], rtl=True, language="fa")
    lines = break_lines(paragraph, 120, 10.5)
    assert len(lines) >= 2
    assert all(paragraph.text[line.end - 1] in "ادر" or line.last for line in lines)


def test_albanian_and_english_come_back_out_exactly():
    data = render(
        spec(
            [Heading("Procesverbali i mbledhjes"), Text(ALBANIAN), Text("Decision 2026/03: report.")],
            rtl=False,
            language="sq",
        )
    )
    _reader, text = pdf_text(data)
    assert squash(ALBANIAN) in squash(text)
    assert "dërgon" in text and "Çdo" in text and "ditëve" in text
    assert squash("Decision 2026/03: report.") in squash(text)


def test_tables_and_signatures_render_in_both_directions():
    blocks = [
        Grid([["Name", "Role"], ["Arben Krasniqi", "Chair"], ["علیرضا محمدی", "رئیس شورا"]], [0.6, 0.4]),
        Signatures([("Chair", "Arben Krasniqi"), ("Secretary", "Drita Berisha")]),
    ]
    for rtl in (True, False):
        _reader, text = pdf_text(render(spec(blocks, rtl=rtl, language="fa" if rtl else "en")), rtl=rtl)
        assert "Arben Krasniqi" in text and "Drita Berisha" in text
        assert squash("رئیس شورا") in squash(text) and squash("علیرضا محمدی") in squash(text)


def test_pages_are_numbered_x_of_y_in_the_documents_digits():
    blocks = [Text(PERSIAN_LONG) for _ in range(40)]
    data = render(spec(blocks, rtl=True, language="fa", footer="صفحه %(page)s از %(pages)s", digits=to_persian_digits))
    reader, text = pdf_text(data, rtl=True)
    pages = len(reader.pages)
    assert pages >= 3
    for page in range(1, pages + 1):
        assert squash(f"صفحه {to_persian_digits(str(page))} از {to_persian_digits(str(pages))}") in squash(text)


def test_the_draft_watermark_is_there_only_when_asked():
    def page_text(watermark):
        data = render(spec([Text("Minutes")], rtl=False, language="en", watermark=watermark))
        return PdfReader(io.BytesIO(data)).pages[0].extract_text()  # pypdf reads the rotated word whole

    assert "DRAFT" in page_text("DRAFT")
    assert "DRAFT" not in page_text("")


def test_the_pdf_carries_title_author_and_language():
    reader = PdfReader(io.BytesIO(render(spec([Text("x")], rtl=True, language="fa"))))
    assert reader.metadata.title == "Minutes of meeting 1/1405"
    assert reader.metadata.author == "Pardis council"
    assert reader.trailer["/Root"]["/Lang"] == "fa"


def test_headings_are_never_left_alone_at_the_foot_of_a_page():
    """Wherever the page ends, the two headings before a decision start a page with it, never end one."""
    for filler in range(28, 44):
        blocks = [Text(f"Line {n}") for n in range(filler)]
        blocks += [Heading("Discussion and decisions"), Heading("1. Publication", size=11.5), Text("Decision text")]
        pages = [
            page.extract_text() for page in PdfReader(io.BytesIO(render(spec(blocks, rtl=False, language="en")))).pages
        ]
        (with_decision,) = [page for page in pages if "Decision text" in page]
        assert "Discussion and decisions" in with_decision and "1. Publication" in with_decision, filler


def test_bidi_controls_already_stored_never_break_a_pdf():
    """Text saved before the forms stripped them: embeddings, overrides and isolates in every kind of block."""
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    persian = f"\u2067بند ۲\u2069 تصویب شد \u2066EDU-12\u2069 و \u202bادامه\u202c{controls}"
    albanian = f"\u2068Vendimi\u2069 nr. \u202d12\u202c miratohet\u202e{controls}"
    for rtl, language, text in ((True, "fa", persian), (False, "sq", albanian)):
        data = render(
            spec(
                [Heading(text), Text(text), Grid([[text, "x"], [text, text]], [0.5, 0.5]), Signatures([(text, text)])],
                rtl=rtl,
                language=language,
            )
        )
        _reader, read_back = pdf_text(data, rtl=rtl)
        assert squash(text.translate(dict.fromkeys(map(ord, controls)))) in squash(read_back)


ARABIC_SCRIPT = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" \u200c.,:;!?()[]«»\"'-")


@settings(max_examples=300, deadline=None)
@given(st.text(ARABIC_SCRIPT, min_size=1, max_size=30), st.booleans())
def test_text_of_arabic_letters_alone_skips_icu_only_when_icu_would_find_one_right_to_left_run(text, rtl):
    assert _levels(text, rtl) == _icu_levels(text, rtl)


def test_pages_written_without_compression_read_back_the_same(monkeypatch):
    """Pages are compressed as they end unless compression is off; either way the text, brackets and all, reads
    back (a string's bytes are written as they are, but for ( ) and backslash)."""
    monkeypatch.setattr(rl_config, "pageCompression", 0)
    odd = r"(طبق بند ۲) \ (C:\path)"
    data = render(spec([Text(PERSIAN_LONG), Text(odd)], rtl=True, language="fa", watermark="پیش‌نویس"))
    assert b"BDC" in data  # the page's content is there as text
    for text in (pdfminer_text(data), poppler_text(data)):
        assert squash(PERSIAN_LONG) in squash(text)
    assert odd in pdf_text(data)[1]
