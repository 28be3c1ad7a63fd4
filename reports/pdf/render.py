"""A document described as plain data (blocks of text and tables) rendered to PDF bytes. No database here."""

import io
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, SimpleDocTemplate, Spacer

from reports.pdf.layout import MARGIN, PAGE_WIDTH, Direction, Paragraph, heading, numbered_canvas, table
from reports.pdf.text import BOLD, Run, register_fonts

CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN


@dataclass
class Heading:
    text: str
    size: float = 12.5


@dataclass
class Text:
    runs: list[Run] | str
    size: float = 10.5


@dataclass
class Grid:
    """A table: rows of cells (text, or a list of Runs); widths are fractions of the line."""

    rows: list[list]
    widths: list[float]


@dataclass
class Signatures:
    """Signature lines, side by side: (role, name)."""

    people: list[tuple[str, str]]


@dataclass
class DocumentSpec:
    title: str
    author: str
    language: str
    rtl: bool
    letterhead: list[str]
    blocks: list
    footer: str  # with %(page)s and %(pages)s
    # Localises page numbers; left out of repr (and so of the fingerprint): it is fixed by the language.
    digits: object = field(default=str, repr=False)
    watermark: str = ""  # e.g. DRAFT, across every page
    logo: str = ""  # path of an image printed above the letterhead
    subject: str = ""
    keywords: list[str] = field(default_factory=list)


def render(spec: DocumentSpec, on_page=lambda: None) -> bytes:
    """The PDF's bytes; `on_page` is called as each page is laid out (a long build's sign of life)."""
    register_fonts()
    direction = Direction(spec.rtl)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=spec.title,
        author=spec.author,
        subject=spec.subject,
        keywords=spec.keywords,
        lang=spec.language,
        creator="Hamahang",
    )
    story = [Image(spec.logo, width=20 * mm, height=20 * mm, kind="proportional")] if spec.logo else []
    story += [
        Paragraph([Run(line, BOLD)], direction, size=11.5, align="center", space_after=1) for line in spec.letterhead
    ]
    story.append(Spacer(1, 4 * mm))
    for block in spec.blocks:
        story += _flowables(block, direction)
    document.build(
        story,
        onFirstPage=lambda canvas, doc: on_page(),
        onLaterPages=lambda canvas, doc: on_page(),
        canvasmaker=numbered_canvas(
            footer=spec.footer, watermark=spec.watermark, direction=direction, digits=spec.digits
        ),
    )
    return buffer.getvalue()


def _flowables(block, direction: Direction) -> list:
    if isinstance(block, Heading):
        return [heading(block.text, direction, size=block.size, space_before=2 * mm)]
    if isinstance(block, Text):
        return [Paragraph(block.runs, direction, size=block.size)]
    if isinstance(block, Grid):
        widths = [CONTENT_WIDTH * w for w in block.widths]
        return [table(block.rows, direction, widths), Spacer(1, 3 * mm)]
    if isinstance(block, Signatures):
        roles = [[Run(role, BOLD)] for role, _name in block.people]
        names = [name for _role, name in block.people]
        lines = ["……………………………"] * len(names)
        widths = [CONTENT_WIDTH / len(names)] * len(names)
        grid = table([roles, names, lines], direction, widths, header=False)
        grid.setStyle([("GRID", (0, 0), (-1, -1), 0, "white"), ("TOPPADDING", (0, 2), (-1, 2), 14)])
        return [Spacer(1, 8 * mm), KeepTogether([grid])]
    raise TypeError(f"unknown block {block!r}")
