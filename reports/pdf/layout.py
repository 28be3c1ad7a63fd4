"""ReportLab building blocks that respect the document's direction: paragraphs, tables, page furniture."""

import zlib
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import Flowable

from reports.pdf.text import BOLD, REGULAR, Run, break_lines, draw_line, draw_text, prepare

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BOTTOM_MARGIN = MARGIN + 6 * mm
# A flowable offered (nearly) this much height is at the top of an empty page: it must split there, whatever
# its keep rules say, or the build would stop with "too large".
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN - BOTTOM_MARGIN
LEADING = 1.65  # line height, as a multiple of the font size
MIN_LINES = 2  # lines of a paragraph at least on each page it is split across


@dataclass(frozen=True)
class Direction:
    """Where a document's lines start (right for Persian, left otherwise) and its language (for line breaking)."""

    rtl: bool
    language: str = ""

    @property
    def start(self) -> str:
        return "right" if self.rtl else "left"

    def columns(self, cells: list) -> list:
        """A table row in reading order, laid out from the line's start."""
        return list(reversed(cells)) if self.rtl else list(cells)


class Paragraph(Flowable):
    """Text broken into lines in logical order, each line drawn in visual order; splits across pages, never
    leaving one line alone at the foot or the head of a page."""

    def __init__(
        self,
        runs,
        direction: Direction,
        *,
        size=10.5,
        leading=None,
        align=None,
        space_before=0,
        space_after=4,
        lines=None,
        prepared=None,
    ):
        super().__init__()
        self.runs = [Run(runs)] if isinstance(runs, str) else list(runs)
        self.direction = direction
        self.size = size
        self.leading = leading or size * LEADING
        self.align = align or "start"
        self.space_before = space_before
        self.space_after = space_after
        self.lines = lines
        self.prepared = prepared

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        if self.prepared is None:
            self.prepared = prepare(self.runs, rtl=self.direction.rtl, language=self.direction.language)
        if self.lines is None:
            self.lines = break_lines(self.prepared, avail_width, self.size)
        self.height = len(self.lines) * self.leading
        return avail_width, self.height

    def getSpaceBefore(self):
        return self.space_before

    def getSpaceAfter(self):
        return self.space_after

    def least_height(self) -> float:
        """The least of the (wrapped) paragraph a page can end with: all of it if it is too short to split."""
        lines = len(self.lines)
        return self.leading * (lines if lines < 2 * MIN_LINES else MIN_LINES)

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        fits = int(avail_height // self.leading)
        if avail_height < FRAME_HEIGHT * 0.9:
            fits = min(fits, len(self.lines) - MIN_LINES)
            if fits < MIN_LINES:
                return []
        if fits <= 0 or fits >= len(self.lines):
            return [] if fits <= 0 else [self]
        kwargs = {
            "size": self.size,
            "leading": self.leading,
            "align": self.align,
            "space_after": self.space_after,
            "prepared": self.prepared,
        }
        return [
            Paragraph(self.runs, self.direction, lines=self.lines[:fits], space_before=self.space_before, **kwargs),
            Paragraph(self.runs, self.direction, lines=self.lines[fits:], **kwargs),
        ]

    def drawOn(self, canvas, x, y, _sW=0):
        # Lines are placed where they stand, without ReportLab's save-translate-restore around each flowable.
        for n, line in enumerate(self.lines):
            baseline = y + self.height - (n + 1) * self.leading + self.leading * 0.3
            draw_line(canvas, self.prepared, line, x=x, y=baseline, size=self.size, align=self.align, column=self.width)


def heading(text, direction: Direction, size=13, align=None, space_before=0) -> Paragraph:
    """A bold paragraph; `text` is a string or runs (numbering and an isolated title, say)."""
    runs = [Run(text, BOLD)] if isinstance(text, str) else [Run(run.text, BOLD, run.isolate) for run in text]
    return Paragraph(runs, direction, size=size, align=align, space_before=space_before, space_after=6)


def table(rows: list[list], direction: Direction, widths: list[float], header=True, size=9.5, **style) -> "Table":
    """A table whose cells are Paragraphs (text or runs), columns mirrored for right-to-left documents."""

    def cell(value, bold=False):
        runs = [Run(str(value), BOLD if bold else REGULAR)] if not isinstance(value, list) else value
        return Paragraph(runs, direction, size=size, space_after=0)

    data = [direction.columns([cell(v, bold=header and r == 0) for v in row]) for r, row in enumerate(rows)]
    return Table(data, direction.columns(widths), header=header, **style)


def _cell_heights(row: list, widths: list[float], padding: float):
    return (cell.wrap(width - 2 * padding, FRAME_HEIGHT)[1] for cell, width in zip(row, widths, strict=True))


class Table(Flowable):
    """Rows of cells (flowables, in the order they stand from the left), top-aligned and ruled, the header row
    shaded and repeated on every page the table runs onto, split with two body rows at least on each side (no
    widow or orphan row). ReportLab's Table does much more (spans, a style per cell), paid for on every row."""

    PADDING = 6, 3  # inside each cell: left and right, top and bottom
    RULE, SHADE = colors.HexColor("#9aa4b1"), colors.HexColor("#e8edf3")

    def __init__(self, rows: list[list], widths: list[float], *, header=True, rules=True, top_padding=None):
        super().__init__()
        self.rows, self.widths, self.header, self.rules = rows, widths, header, rules
        self.top_padding = top_padding or {}  # row -> its own top padding (room to sign, say)
        self._heights: list[float] | None = None

    def row_heights(self) -> list[float]:
        if self._heights is None:
            across, down = self.PADDING
            self._heights = [
                max(_cell_heights(row, self.widths, across)) + self.top_padding.get(n, down) + down
                for n, row in enumerate(self.rows)
            ]
        return self._heights

    def wrap(self, avail_width, avail_height):
        self.width, self.height = sum(self.widths), sum(self.row_heights())
        return self.width, self.height

    def split(self, avail_width, avail_height):
        heights, header = self.row_heights(), int(self.header)
        fits = next((n for n in range(len(heights)) if sum(heights[: n + 1]) > avail_height), len(heights))
        fits = min(fits, len(heights) - 2)  # never one row alone on the next page
        at_top = avail_height >= FRAME_HEIGHT * 0.9  # of a page: the table must split here
        if not at_top and fits - header < 2:  # nor one alone at the foot of this one
            return []
        if fits > header:
            return self._parts(self.rows[:fits], self.rows[fits:], fits, fits)
        if not at_top:
            return []
        # A row taller than a whole page: its cells' first lines here, the rest in a row of its own after.
        across, down = self.PADDING
        room = avail_height - sum(heights[:header]) - self.top_padding.get(header, down) - down
        here, after = [], []
        for cell, width in zip(self.rows[header], self.widths, strict=True):
            parts = cell.split(width - 2 * across, room)
            if len(parts) != 2:  # the cell fits (or cannot be split): whole here
                parts = [cell, Paragraph([], cell.direction, size=cell.size, space_after=0)]
            here.append(parts[0])
            after.append(parts[1])
        return self._parts([*self.rows[:header], here], [after, *self.rows[header + 1 :]], header, header + 1)

    def _parts(self, first_rows: list, rest_rows: list, start: int, kept_from: int) -> list:
        """The table in two: the header repeated on the second, whose rows are this one's from `start` (the
        first perhaps a row's continuation); the rows from `kept_from` keep their own top padding."""
        header, style = int(self.header), {"header": self.header, "rules": self.rules}
        first = Table(first_rows, self.widths, top_padding=self.top_padding, **style)
        rest = {header + n - start: pad for n, pad in self.top_padding.items() if n >= kept_from}
        return [first, Table(self.rows[:header] + rest_rows, self.widths, top_padding=rest, **style)]

    def drawOn(self, canvas, x, y, _sW=0):
        across, down = self.PADDING
        heights = self.row_heights()
        edges = [x, *(x + sum(self.widths[: n + 1]) for n in range(len(self.widths)))]
        top = y + sum(heights)
        if self.header:
            canvas.setFillColor(self.SHADE)
            canvas.rect(x, top - heights[0], edges[-1] - x, heights[0], stroke=0, fill=1)
            canvas.setFillColor(colors.black)
        row_top = top
        for n, (row, height) in enumerate(zip(self.rows, heights, strict=True)):
            for cell, left in zip(row, edges, strict=False):
                inner = row_top - self.top_padding.get(n, down)
                cell.drawOn(canvas, left + across, inner - cell.height)
            row_top -= height
        if self.rules:
            canvas.setStrokeColor(self.RULE)
            canvas.setLineWidth(0.4)
            rows = [top - sum(heights[:n]) for n in range(len(heights) + 1)]
            canvas.lines([(edges[0], at, edges[-1], at) for at in rows] + [(at, y, at, top) for at in edges])


def numbered_canvas(*, footer: str, header: str, watermark: str, direction: Direction, digits):
    """A canvas class that writes 'page X of Y' on every page once Y is known, the document's title at the head
    of every page from the second, and a watermark if asked.

    `footer` holds %(page)s and %(pages)s; `digits` localises the numbers.
    """

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []
            self._furniture = {}

        def showPage(self):
            # Until the page count is known, a page's drawing is kept compressed: a long document's pages would
            # otherwise all be held as text (ReportLab compresses them only when the file is written).
            drawn = _stream("\n".join([self._preamble, *self._code, ""]), self._pageCompression)
            self._code = []
            self._pages.append((dict(self.__dict__), drawn))
            self._startPage()

        def save(self):
            total = len(self._pages)
            while self._pages:  # each page's state is let go once it is written
                state, drawn = self._pages.pop(0)
                self.__dict__.update(state)
                if watermark:
                    self._draw_watermark()
                label = footer % {"page": digits(str(self._pageNumber)), "pages": digits(str(total))}
                self.setFillColor(colors.HexColor("#555555"))
                self._line(label, PAGE_WIDTH / 2, 10 * mm, 8.5, "center")
                if header and self._pageNumber > 1:
                    self._line(header, MARGIN, PAGE_HEIGHT - 11 * mm, 8.5, direction.start, PAGE_WIDTH - 2 * MARGIN)
                    self.setStrokeColor(colors.HexColor("#9aa4b1"))
                    self.setLineWidth(0.4)
                    self.line(MARGIN, PAGE_HEIGHT - 12.5 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 12.5 * mm)
                super().showPage()
                # The page's contents: its drawing, then what was just added (furniture on top of it).
                page = self._doc.Pages.pages[-1]
                page.Contents = pdfdoc.PDFArray([drawn, _stream(page.stream, page.compression)])
                page.stream = None
            super().save()

        def _line(self, text, x, y, size, align, column=0.0, font=REGULAR):
            """A line of furniture; the title and the watermark, the same on every page, are written once."""
            key = (text, x, y, size, align, column, font)
            if key not in self._furniture:
                start = len(self._code)
                draw_text(self, [Run(text, font)], x=x, y=y, size=size, rtl=direction.rtl, align=align, column=column)
                self._furniture[key] = self._code[start:]
            else:
                self._code += self._furniture[key]

        def _draw_watermark(self):
            self.saveState()
            self.setFillColor(colors.HexColor("#c0392b"))
            self.setFillAlpha(0.12)
            self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            self.rotate(35)
            self._line(watermark, 0, 0, 96, "center", font=BOLD)
            self.restoreState()

    return NumberedCanvas


def _stream(content: str, compress: bool) -> pdfdoc.PDFStream:
    """A page's content stream (its text's strings hold raw bytes: see text._literal), compressed now (not when
    the file is written) if asked."""
    data = content.encode("latin-1")
    if compress:
        return pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFName("FlateDecode")}), zlib.compress(data))
    return pdfdoc.PDFStream(content=data)
