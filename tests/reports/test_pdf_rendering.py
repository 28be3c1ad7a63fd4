"""The PDF engine alone (no database): text read back from the PDF is the text given, in every language."""

import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from council.l10n.digits import to_persian_digits
from reports.pdf.render import DocumentSpec, Grid, Heading, Signatures, Text, render
from reports.pdf.text import BOLD, REGULAR, Run, break_lines, register_fonts, shape, visual
from tests.reports.pdf_helpers import pdf_text, squash

PERSIAN_LONG = (
    "حاضران در این جلسه پیرامون وضعیت اطلاع‌رسانی در سطح شهرستان، کمبودها و ملزومات روابط عمومی ادارات، "
    "دوره‌های آموزشی پیشنهادی و تقویت شبکه اطلاع‌رسانی به گفت‌وگو و تبادل نظر پرداختند و بر طرح و پیگیری "
    "مشکلات روابط عمومی‌ها در جلسه شورای اداری شهرستان تأکید شد."
)
MIXED = "انتشار گزارش در Facebook و Instagram با ۲۵% بودجه (طبق بند ۲) تا ۲۲ آذر ۱۴۰۵"
ALBANIAN = "Çdo drejtori i dërgon ZIP-it aktet e miratuara brenda tri ditëve; përgjegjëse: Zyra për Informim."


def drawn(runs, rtl) -> str:
    """What a line looks like on the page, left to right."""
    return "".join(run.text for run in visual(runs, rtl))


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


def test_the_shipped_font_has_every_character_we_draw():
    face = pdfmetrics.getFont(REGULAR).face
    sample = shape(PERSIAN_LONG + MIXED + "۰۱۲۳۴۵۶۷۸۹") + ALBANIAN + "ëËçÇ()/-%:—،؛؟«»0123456789"
    missing = {c for c in sample if ord(c) not in face.charToGlyph and c not in " \u200c"}
    assert missing == set()


def test_a_long_persian_paragraph_is_broken_in_logical_order_and_each_line_reads_right_to_left():
    lines = break_lines([Run(PERSIAN_LONG)], 300, 10.5)
    assert len(lines) >= 3
    assert " ".join("".join(r.text for r in line) for line in lines) == PERSIAN_LONG  # nothing lost or reordered
    first_line = "".join(r.text for r in lines[0])
    assert PERSIAN_LONG.startswith(first_line)
    # Drawn right to left: the line's first word is at its right end.
    assert drawn(lines[0], rtl=True).endswith(drawn([Run(first_line.split()[0])], rtl=True))


def test_persian_text_comes_back_out_of_the_pdf_in_reading_order():
    data = render(spec([Text(PERSIAN_LONG), Text(MIXED)], rtl=True, language="fa"))
    _reader, text = pdf_text(data, rtl=True)
    assert squash(PERSIAN_LONG) in squash(text)  # a paragraph long enough to wrap, across its lines
    assert squash(MIXED) in squash(text)  # Persian, Latin words and numbers on one line
    assert len(text.splitlines()) >= 5


def test_a_mixed_line_keeps_latin_words_numbers_and_brackets_in_reading_order():
    line = drawn([Run(MIXED)], rtl=True)
    # Left to right on the page: the date (the sentence's end) first, the first word last.
    assert line.index("Instagram") < line.index("Facebook")  # Persian order of the two words: Facebook first
    assert squash(line).endswith(squash(shape("انتشار"))[::-1])
    assert line.index("(") < line.index(")")  # seen from the left: the bracket that closes, drawn as "("
    assert "۱۴۰۵" in line  # numbers keep their own left-to-right order
    assert "%۲۵" in line  # after Persian digits the percent sign stands to their left, as in browsers


def test_bold_words_inside_persian_keep_their_font_and_place():
    runs = visual([Run("مصوبه ۱۴۰۵/۰۳: ", BOLD), Run("گزارش ماهانه ارسال شود")], rtl=True)
    assert runs[-1].font == BOLD and squash(runs[-1].text).endswith(squash(shape("مصوبه"))[::-1])
    assert any(run.font == REGULAR for run in runs[:-1])


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
