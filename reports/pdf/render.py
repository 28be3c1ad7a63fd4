"""A document described as plain data (blocks of text and tables) rendered to PDF bytes. No database here."""

import io
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Image, KeepTogether, SimpleDocTemplate, Spacer

from reports.pdf.layout import (
    BOTTOM_MARGIN,
    MARGIN,
    PAGE_WIDTH,
    Direction,
    Paragraph,
    heading,
    numbered_canvas,
    table,
)
from reports.pdf.text import BOLD, Run, register_fonts

CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12  # inside the frame's padding (6 pt each side), as paragraphs are


@dataclass
class Heading:
    text: str | list[Run]
    size: float = 12.5


@dataclass
class Text:
    runs: list[Run] | str
    size: float = 10.5


@dataclass
class Grid:
    """A table: rows of cells (text, or a list of Runs); widths are fractions of the line. The first row is the
    columns' header unless `header` is False (a table of facts, say)."""

    rows: list[list]
    widths: list[float]
    header: bool = True


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
    direction = Direction(spec.rtl, spec.language)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM_MARGIN,
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
    for block, following in zip(spec.blocks, [*spec.blocks[1:], None], strict=True):
        flowables = _flowables(block, direction)
        if isinstance(block, Heading) and isinstance(following, Grid):
            # A heading keeps with its table's first rows, not with the whole table.
            first_rows = _flowables(Grid(following.rows[:3], following.widths, following.header), direction)[0]
            needed = flowables[0].wrap(CONTENT_WIDTH, 1e6)[1] + first_rows.wrap(CONTENT_WIDTH, 1e6)[1] + 4 * mm
            flowables[0].keepWithNext = False
            story.append(CondPageBreak(needed))
        if isinstance(block, Signatures):
            flowables = [KeepTogether([*_last_words(story), *flowables])]
        story += flowables
    document.build(
        story,
        onFirstPage=lambda canvas, doc: on_page(),
        onLaterPages=lambda canvas, doc: on_page(),
        canvasmaker=numbered_canvas(
            footer=spec.footer, header=spec.title, watermark=spec.watermark, direction=direction, digits=spec.digits
        ),
    )
    return buffer.getvalue()


def _last_words(story: list) -> list:
    """Take the story's last flowable (and the spaces after it), to keep it on the signatures' page."""
    taken = []
    while story and isinstance(story[-1], Spacer):
        taken.insert(0, story.pop())
    if story:
        taken.insert(0, story.pop())
    return taken


def _flowables(block, direction: Direction) -> list:
    if isinstance(block, Heading):
        return [heading(block.text, direction, size=block.size, space_before=2 * mm)]
    if isinstance(block, Text):
        # Persian body text is justified, as Persian typesetting expects.
        return [Paragraph(block.runs, direction, size=block.size, align="justify" if direction.rtl else None)]
    if isinstance(block, Grid):
        widths = [CONTENT_WIDTH * w for w in block.widths]
        return [table(block.rows, direction, widths, header=block.header), Spacer(1, 3 * mm)]
    if isinstance(block, Signatures):
        roles = [[Run(role, BOLD)] for role, _name in block.people]
        names = [name for _role, name in block.people]
        lines = ["……………………………"] * len(names)
        widths = [CONTENT_WIDTH / len(names)] * len(names)
        grid = table([roles, names, lines], direction, widths, header=False)
        # Room to sign: 16 mm above the dotted line.
        grid.setStyle([("GRID", (0, 0), (-1, -1), 0, "white"), ("TOPPADDING", (0, 2), (-1, 2), 16 * mm)])
        return [Spacer(1, 6 * mm), grid]
    raise TypeError(f"unknown block {block!r}")
