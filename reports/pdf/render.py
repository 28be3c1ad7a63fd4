"""A document described as plain data (blocks of text and tables) rendered to PDF bytes. No database here."""

import io
from dataclasses import dataclass, field
from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Image, KeepTogether, SimpleDocTemplate, Spacer

from reports.pdf.layout import (
    BOTTOM_MARGIN,
    FRAME_HEIGHT,
    LEADING,
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
    _add_blocks(story, spec.blocks, direction)
    document.build(
        story,
        onFirstPage=lambda canvas, doc: on_page(),
        onLaterPages=lambda canvas, doc: on_page(),
        canvasmaker=numbered_canvas(
            footer=spec.footer, header=spec.title, watermark=spec.watermark, direction=direction, digits=spec.digits
        ),
    )
    return buffer.getvalue()


def _add_blocks(story: list, blocks: list, direction: Direction) -> None:
    built = [_flowables(block, direction) for block in blocks]
    for n, (block, flowables) in enumerate(zip(blocks, built, strict=True)):
        if isinstance(block, Heading):
            # Never alone at the foot of a page: a heading goes to the next page unless the start of what follows
            # (two lines of text, a table's first rows) fits under it.
            following = (blocks[n + 1], built[n + 1]) if n + 1 < len(blocks) else (None, [])
            story.append(RoomFor(partial(_heading_room, flowables[0], *following)))
        if isinstance(block, Signatures):
            flowables = [KeepTogether([*_last_words(story), *flowables])]
        story += flowables


class RoomFor(CondPageBreak):
    """A page break unless there is room for a height worked out when the page is laid out (so that what it
    measures is shaped just before it is drawn, not all at once)."""

    _SPACETRANSFER = True  # the space after the flowable before it goes on to the one after it

    def __init__(self, needed):
        super().__init__(0)
        self.needed = needed

    def wrap(self, avail_width, avail_height):
        self.height = self.needed()
        return super().wrap(avail_width, avail_height)


def _heading_room(heading_flowable, block, flowables: list) -> float:
    return _height(heading_flowable) + _start_height(block, flowables)


def _height(flowable) -> float:
    return flowable.wrap(CONTENT_WIDTH, FRAME_HEIGHT)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _start_height(block, flowables: list) -> float:
    """The height of the start of a block: what a paragraph can leave at the foot of a page, a table's header and
    first two rows."""
    if isinstance(block, Heading):
        return _height(flowables[0]) + 2 * Text.size * LEADING
    if isinstance(block, Text):
        flowables[0].wrap(CONTENT_WIDTH, FRAME_HEIGHT)
        return flowables[0].least_height() + flowables[0].getSpaceBefore()
    if isinstance(block, Grid):
        return sum(flowables[0].row_heights()[:3])
    return 0


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
        # Room to sign: 16 mm above the dotted line.
        grid = table([roles, names, lines], direction, widths, header=False, rules=False, top_padding={2: 16 * mm})
        return [Spacer(1, 6 * mm), grid]
    raise TypeError(f"unknown block {block!r}")
