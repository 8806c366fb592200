"""Page layout for the printed sheets: flowables, pagination and the page frame.

Everything is laid out in one device-independent unit, a dot of 1/1200 inch, with fonts sized
in those dots (points converted once), and painted through a scale to whatever the device's
logical DPI is. So a sheet breaks into the same pages on a PDF writer, a 600-dpi printer and the
screen preview. Two passes: flowables are measured and split into pages first, then each page is
painted with its frame, so "第 N 页 共 M 页" knows M.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)

from goosetier.gui.printing.fonts import PrintError

DOTS_PER_INCH = 1200.0
MARGINS_MM = (18.0, 14.0, 15.0, 14.0)  # left, top, right, bottom
HEADER_MM, FOOTER_MM = 9.0, 9.0  # the page frame's bands inside the margins
DESIGN_WIDTH_MM = 210.0 - MARGINS_MM[0] - MARGINS_MM[2]  # the body width of A4 portrait

INK = QColor("#1a1a1a")
GREY = QColor("#555555")
RULE = QColor("#333333")
HEAD_FILL = QColor("#e6e9ee")
TOTAL_FILL = QColor("#f2f2f2")

Align = Qt.AlignmentFlag
ALIGN = {"left": Align.AlignLeft, "center": Align.AlignHCenter, "right": Align.AlignRight}


def mm(v: float) -> float:
    return v * DOTS_PER_INCH / 25.4


def pt(v: float) -> float:
    return v * DOTS_PER_INCH / 72.0


def page_layout(landscape: bool = False) -> QPageLayout:
    left, top, right, bottom = MARGINS_MM
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                       QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter)


class Ctx:
    """Fonts and text measurement in dots for one family; records the characters drawn."""

    def __init__(self, family: str) -> None:
        self.family = family
        self.chars: set[str] = set()
        self._fonts: dict[tuple[float, bool], QFont] = {}
        self._metrics: dict[tuple[float, bool], QFontMetricsF] = {}

    def font(self, size_pt: float, bold: bool = False) -> QFont:
        key = (size_pt, bold)
        font = self._fonts.get(key)
        if font is None:
            font = QFont(self.family)
            font.setPixelSize(round(pt(size_pt)))
            font.setBold(bold)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            font.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
            # Without this, digits next to a letter ("91350200776049653A") are shaped as Latin
            # and get localised glyphs that are not in the font's cmap: Qt then writes no text
            # for them and the PDF's credit codes cannot be searched or copied. The families
            # chosen are Chinese ones, whose Han glyphs 'locl' does not change.
            font.setFeature(QFont.Tag("locl"), 0)
            self._fonts[key] = font
        return font

    def metrics(self, size_pt: float, bold: bool = False) -> QFontMetricsF:
        key = (size_pt, bold)
        fm = self._metrics.get(key)
        if fm is None:
            fm = self._metrics[key] = QFontMetricsF(self.font(size_pt, bold))
        return fm

    def line_height(self, size_pt: float, bold: bool = False) -> float:
        return self.metrics(size_pt, bold).height()

    def width(self, text: str, size_pt: float, bold: bool = False) -> float:
        return self.metrics(size_pt, bold).horizontalAdvance(text)

    def wrap(self, text: str, size_pt: float, width: float, bold: bool = False,
             max_lines: int = 0) -> list[str]:
        """Lines of `text` within `width` dots (Chinese breaks between characters); past
        `max_lines` the last line is elided with “…”."""
        if "\n" not in text and self.width(text, size_pt, bold) <= width:
            return [text]  # the common case, without a text layout
        font = self.font(size_pt, bold)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        lines: list[str] = []
        for para in text.split("\n"):
            if not para:
                lines.append("")
                continue
            layout = QTextLayout(para, font)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(max(width, 1.0))
                lines.append(para[line.textStart():line.textStart() + line.textLength()].rstrip())
            layout.endLayout()
        if max_lines and len(lines) > max_lines:
            rest = "".join(lines[max_lines - 1:])
            lines = lines[:max_lines - 1] + [
                self.metrics(size_pt, bold).elidedText(rest, Qt.TextElideMode.ElideRight, width)]
        return lines or [""]

    def draw(self, p: QPainter, rect: QRectF, text: str, size_pt: float, bold: bool = False,
             align: str = "left", color: QColor = INK) -> None:
        """One line of text, vertically centred in `rect`."""
        if not text:
            return
        self.chars.update(text)
        fm = self.metrics(size_pt, bold)
        x = rect.left()
        if align != "left":
            free = rect.width() - fm.horizontalAdvance(text)
            x += free if align == "right" else free / 2
        p.setFont(self.font(size_pt, bold))
        p.setPen(color)
        # at a point, not in a rect: Qt then skips its layout pass (the bulk of a roster's time)
        p.drawText(QPointF(x, rect.top() + (rect.height() - fm.height()) / 2 + fm.ascent()), text)


class Flowable:
    """A block of the page body: measured at a width, split at a height, then drawn."""

    keep_with_next = False
    keep_together = False  # split only when taller than a whole page
    space_before = 0.0  # dots, dropped at the top of a page

    def height(self, ctx: Ctx, width: float) -> float:
        raise NotImplementedError

    def min_height(self, ctx: Ctx, width: float) -> float:
        """The smallest first piece: what a heading kept with this block needs below it."""
        return self.height(ctx, width)

    def split(self, ctx: Ctx, width: float, avail: float) -> tuple[Flowable | None,
                                                                   Flowable | None]:
        """A first piece no taller than `avail` and the rest; (None, self) if it cannot."""
        return None, self

    def draw(self, p: QPainter, ctx: Ctx, x: float, y: float, width: float) -> None:
        raise NotImplementedError


class Spacer(Flowable):
    def __init__(self, height_mm: float) -> None:
        self.h = mm(height_mm)

    def height(self, ctx: Ctx, width: float) -> float:
        return self.h

    def draw(self, p: QPainter, ctx: Ctx, x: float, y: float, width: float) -> None:
        pass


class Paragraph(Flowable):
    """Wrapped text; an optional marker ("①", "注：") hangs in front of the lines."""

    def __init__(self, text: str, size: float = 9.0, *, bold: bool = False, align: str = "left",
                 marker: str = "", color: QColor = INK, space_before_mm: float = 0.0,
                 keep_with_next: bool = False, leading: float = 1.0) -> None:
        self.text, self.size, self.bold, self.align = text, size, bold, align
        self.marker, self.color, self.leading = marker, color, leading
        self.space_before = mm(space_before_mm)
        self.keep_with_next = keep_with_next
        self._lines: tuple[float, list[str]] | None = None

    def _indent(self, ctx: Ctx) -> float:
        return ctx.width(self.marker, self.size, self.bold) if self.marker else 0.0

    def lines(self, ctx: Ctx, width: float) -> list[str]:
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, ctx.wrap(self.text, self.size, width - self._indent(ctx),
                                           self.bold))
        return self._lines[1]

    def height(self, ctx: Ctx, width: float) -> float:
        return len(self.lines(ctx, width)) * ctx.line_height(self.size, self.bold) * self.leading

    def draw(self, p: QPainter, ctx: Ctx, x: float, y: float, width: float) -> None:
        lh = ctx.line_height(self.size, self.bold) * self.leading
        indent = self._indent(ctx)
        if self.marker:
            ctx.draw(p, QRectF(x, y, indent, lh), self.marker, self.size, self.bold,
                     color=self.color)
        for i, line in enumerate(self.lines(ctx, width)):
            ctx.draw(p, QRectF(x + indent, y + i * lh, width - indent, lh), line, self.size,
                     self.bold, self.align, self.color)


class TwoSided(Flowable):
    """One line with text at the left and at the right (截至… / 打印日期：…)."""

    def __init__(self, left: str, right: str, size: float = 10.0, *,
                 space_before_mm: float = 0.0) -> None:
        self.left, self.right, self.size = left, right, size
        self.space_before = mm(space_before_mm)

    def height(self, ctx: Ctx, width: float) -> float:
        return ctx.line_height(self.size)

    def draw(self, p: QPainter, ctx: Ctx, x: float, y: float, width: float) -> None:
        rect = QRectF(x, y, width, self.height(ctx, width))
        ctx.draw(p, rect, self.left, self.size)
        ctx.draw(p, rect, self.right, self.size, align="right")


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float = 0.0  # 0 = share the rest by weight
    weight: float = 1.0
    align: str = "center"
    merge: bool = False  # equal neighbours in this column print as one cell
    max_lines: int = 0  # 0 = as many as needed
    shrink_to: float = 0.0  # a smaller size (pt) down to which a long value may shrink to fit


@dataclass
class _Row:
    cells: list[tuple[tuple[str, ...], float]]  # per column: lines and font size
    height: float
    kind: str


@dataclass
class Table(Flowable):
    """A ruled table whose header row repeats on every page it continues on."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    kinds: Sequence[str] = ()  # per row: "" or "total" (bold, shaded)
    size: float = 9.0
    pad_mm: tuple[float, float] = (1.3, 1.0)  # horizontal, vertical
    space_before_mm: float = 0.0
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.space_before = mm(self.space_before_mm)

    def widths(self, width: float) -> list[float]:
        """Column widths in dots: fixed widths are for the A4 portrait body and grow with a
        wider one (landscape) in proportion, so no column takes all the extra room."""
        k = width / mm(DESIGN_WIDTH_MM)
        fixed = sum(mm(c.width_mm) * k for c in self.columns if c.width_mm)
        weights = sum(c.weight for c in self.columns if not c.width_mm) or 1.0
        free = max(width - fixed, 0.0)
        return [mm(c.width_mm) * k if c.width_mm else free * c.weight / weights
                for c in self.columns]

    def _measure(self, ctx: Ctx, width: float) -> tuple[_Row, list[_Row]]:
        if width in self._cache:
            return self._cache[width]
        widths = self.widths(width)
        padx, pady = mm(self.pad_mm[0]), mm(self.pad_mm[1])

        def cell(text: str, width: float, col: Column, bold: bool) -> tuple[tuple[str, ...],
                                                                             float]:
            lines = ctx.wrap(text, self.size, width, bold, col.max_lines)
            size = self.size
            while len(lines) > 1 and "\n" not in text and size - 0.5 >= col.shrink_to > 0:
                size -= 0.5  # like Excel's shrink to fit: one line in a smaller size
                if ctx.width(text, size, bold) <= width:
                    return (text,), size
            return tuple(lines), self.size

        def row(values: Sequence[str], bold: bool, kind: str) -> _Row:
            cells = [cell(str(v), w - 2 * padx, c, bold)
                     for v, w, c in zip(values, widths, self.columns, strict=True)]
            tall = max((len(lines) * ctx.line_height(self.size, bold)
                        for (lines, _), col in zip(cells, self.columns, strict=True)
                        if not col.merge), default=ctx.line_height(self.size, bold))
            return _Row(cells, tall + 2 * pady, kind)

        head = row([c.title for c in self.columns], True, "head")
        kinds = list(self.kinds) + [""] * (len(self.rows) - len(self.kinds))
        body = [row(values, kind == "total", kind)
                for values, kind in zip(self.rows, kinds, strict=True)]
        self._cache[width] = (head, body)
        return head, body

    def height(self, ctx: Ctx, width: float) -> float:
        head, body = self._measure(ctx, width)
        return head.height + sum(r.height for r in body)

    def min_height(self, ctx: Ctx, width: float) -> float:
        head, body = self._measure(ctx, width)
        return head.height + (body[0].height if body else 0.0)

    def split(self, ctx: Ctx, width: float, avail: float) -> tuple[Flowable | None,
                                                                   Flowable | None]:
        head, body = self._measure(ctx, width)
        used, n = head.height, 0
        while n < len(body) and used + body[n].height <= avail:
            used += body[n].height
            n += 1
        if n == 0:
            return None, self
        kinds = list(self.kinds)
        first = Table(self.columns, self.rows[:n], kinds[:n], self.size, self.pad_mm)
        rest = Table(self.columns, self.rows[n:], kinds[n:], self.size, self.pad_mm)
        # the pieces keep the measured rows: measuring the rest again on every page would make
        # a long roster quadratic
        first._cache[width] = (head, body[:n])
        rest._cache[width] = (head, body[n:])
        return first, rest

    def draw(self, p: QPainter, ctx: Ctx, x: float, y: float, width: float) -> None:
        head, body = self._measure(ctx, width)
        widths = self.widths(width)
        lefts = [x + sum(widths[:i]) for i in range(len(widths))]
        pen = QPen(RULE, mm(0.2))
        rows = [head, *body]
        tops = [y]
        for r in rows:
            tops.append(tops[-1] + r.height)
        for i, r in enumerate(rows):
            if r.kind in ("head", "total"):
                p.fillRect(QRectF(x, tops[i], width, r.height),
                           HEAD_FILL if r.kind == "head" else TOTAL_FILL)
        for j, col in enumerate(self.columns):
            i = 0
            while i < len(rows):
                k = i + 1
                if col.merge and i > 0:  # the header is never merged into the body
                    while k < len(rows) and rows[k].cells[j] == rows[i].cells[j]:
                        k += 1
                self._cell(p, ctx, QRectF(lefts[j], tops[i], widths[j], tops[k] - tops[i]),
                           rows[i].cells[j], "center" if i == 0 else col.align,
                           rows[i].kind in ("head", "total"))
                i = k
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for j in range(len(self.columns)):
            i = 0
            while i < len(rows):
                k = i + 1
                if self.columns[j].merge and i > 0:
                    while k < len(rows) and rows[k].cells[j] == rows[i].cells[j]:
                        k += 1
                p.drawRect(QRectF(lefts[j], tops[i], widths[j], tops[k] - tops[i]))
                i = k

    def _cell(self, p: QPainter, ctx: Ctx, rect: QRectF, cell: tuple[tuple[str, ...], float],
              align: str, bold: bool) -> None:
        lines, size = cell
        padx = mm(self.pad_mm[0])
        lh = ctx.line_height(size, bold)
        top = rect.top() + (rect.height() - lh * len(lines)) / 2
        for n, line in enumerate(lines):
            ctx.draw(p, QRectF(rect.left() + padx, top + n * lh, rect.width() - 2 * padx, lh),
                     line, size, bold, align)


# --- pages ------------------------------------------------------------------------------------

Page = list[tuple[Flowable, float]]


def paginate(ctx: Ctx, flowables: Sequence[Flowable], width: float,
             height: float) -> list[Page]:
    """Place the flowables top to bottom, splitting the ones that allow it across pages."""
    pages: list[Page] = [[]]
    y = 0.0
    queue = list(flowables)
    while queue:
        f = queue.pop(0)
        if isinstance(f, Spacer) and y == 0.0:
            continue
        gap = f.space_before if y > 0.0 else 0.0
        h = f.height(ctx, width)
        if f.keep_with_next and queue and y > 0.0:
            if y + gap + h + queue[0].space_before + _first_piece(ctx, queue[0], width,
                                                                  height) > height:
                pages.append([])
                y, gap = 0.0, 0.0
        if y + gap + h <= height:
            pages[-1].append((f, y + gap))
            y += gap + h
            continue
        if f.keep_together and h <= height and y > 0.0:
            queue.insert(0, f)
            pages.append([])
            y = 0.0
            continue
        first, rest = f.split(ctx, width, height - y - gap)
        if first is not None:
            pages[-1].append((first, y + gap))
            if rest is not None:
                queue.insert(0, rest)
            pages.append([])
            y = 0.0
        elif y == 0.0:  # taller than a page and unsplittable: it gets a page of its own
            pages[-1].append((f, 0.0))
            pages.append([])
        else:
            queue.insert(0, f)
            pages.append([])
            y = 0.0
    if len(pages) > 1 and not pages[-1]:
        pages.pop()
    return pages


def _first_piece(ctx: Ctx, f: Flowable, width: float, height: float) -> float:
    whole = f.height(ctx, width)
    return whole if f.keep_together and whole <= height else f.min_height(ctx, width)


@dataclass
class Document:
    """What a sheet prints: its body and the texts of the frame around every page."""

    title: str  # PDF metadata
    body: list[Flowable]
    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    footer_right: str = ""


def body_size(layout: QPageLayout) -> tuple[float, float]:
    """Width and height (dots) of the body on a page with this layout."""
    rect = layout.paintRect(QPageLayout.Unit.Millimeter)
    return mm(rect.width()), mm(rect.height() - HEADER_MM - FOOTER_MM)


def layout_pages(ctx: Ctx, doc: Document, layout: QPageLayout) -> list[Page]:
    width, height = body_size(layout)
    return paginate(ctx, doc.body, width, height)


def paint_document(device: QPagedPaintDevice, ctx: Ctx, doc: Document,
                   on_page: Callable[[int], None] | None = None) -> int:
    """Lay out `doc` on the device's current page layout, then paint every page; page count."""
    layout = device.pageLayout()
    pages = layout_pages(ctx, doc, layout)
    width = mm(layout.paintRect(QPageLayout.Unit.Millimeter).width())
    page_h = mm(layout.paintRect(QPageLayout.Unit.Millimeter).height())
    painter = QPainter()
    if not painter.begin(device):
        raise PrintError("print_write_failed", path="", detail="QPainter.begin failed")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(device.logicalDpiX() / DOTS_PER_INCH, device.logicalDpiY() / DOTS_PER_INCH)
        for n, page in enumerate(pages, start=1):
            if n > 1:
                device.newPage()
            _frame(painter, ctx, doc, n, len(pages), width, page_h)
            for flowable, y in page:
                flowable.draw(painter, ctx, 0.0, mm(HEADER_MM) + y, width)
            if on_page is not None:
                on_page(n)
    finally:
        painter.end()
    return len(pages)


def _frame(p: QPainter, ctx: Ctx, doc: Document, n: int, total: int, width: float,
           page_h: float) -> None:
    size = 8.0
    lh = ctx.line_height(size)
    top = QRectF(0.0, mm(HEADER_MM) - mm(2.5) - lh, width, lh)
    right_w = ctx.width(doc.header_right, size) if doc.header_right else 0.0
    left = ctx.metrics(size).elidedText(doc.header_left, Qt.TextElideMode.ElideRight,
                                        width - right_w - mm(5))
    ctx.draw(p, top, left, size, color=GREY)
    ctx.draw(p, top, doc.header_right, size, align="right", color=GREY)
    p.setPen(QPen(GREY, mm(0.25)))
    p.drawLine(QPointF(0.0, mm(HEADER_MM) - mm(1.5)), QPointF(width, mm(HEADER_MM) - mm(1.5)))
    bottom = QRectF(0.0, page_h - mm(FOOTER_MM) + mm(2.5), width, lh)
    p.setPen(QPen(GREY, mm(0.15)))
    p.drawLine(QPointF(0.0, page_h - mm(FOOTER_MM) + mm(1.5)),
               QPointF(width, page_h - mm(FOOTER_MM) + mm(1.5)))
    ctx.draw(p, bottom, doc.footer_left, size, color=GREY)
    ctx.draw(p, bottom, f"第 {n} 页 共 {total} 页", 9.0, align="center", color=INK)
    ctx.draw(p, bottom, doc.footer_right, size, align="right", color=GREY)
