"""The counts-against-targets chart, drawn as vectors with QPainter at page size.

One horizontal bar per target, its length the completion (count ÷ target) on a common
percentage axis, inside an outline that stands for the target (100%); a triangle marks where the
count should be this year (the straight line or milestone). Colours are chosen to stay apart in
grey, and the figures are printed beside every bar, so the chart reads on a black-and-white
printer too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from goosetier.gui.printing.layout import GREY, INK, Ctx, Flowable, mm

DONE = QColor("#2e6b3a")  # reached the target
ON_TRACK = QColor("#6fae7b")
LAGGING = QColor("#e8953a")
NO_PACE = QColor("#8fa8c8")
GRID = QColor("#c8c8c8")
TARGET = QColor("#444444")


@dataclass(frozen=True)
class Bar:
    label: str
    group: str  # formation: a rule is drawn where it changes
    count: int
    target: float
    completion: float
    expected: float | None  # the count expected this year
    on_track: bool | None
    figures: str  # printed at the right: "12 / 30 家  40.0%"


def status_colour(bar: Bar) -> QColor:
    if bar.completion >= 1.0:
        return DONE
    if bar.on_track is None:
        return NO_PACE
    return ON_TRACK if bar.on_track else LAGGING


class ProgressChart(Flowable):
    keep_together = True
    ROW_MM, BAR_MM, AXIS_MM, LEGEND_MM = 7.0, 3.6, 6.0, 8.0
    SIZE = 8.5

    def __init__(self, bars: list[Bar], *, legend: bool = True, scale_max: float | None = None,
                 space_before_mm: float = 0.0) -> None:
        self.bars = bars
        self.legend = legend
        top = max((b.completion for b in bars), default=1.0)
        # the axis reaches at least 100% (the target) and at most 200%; longer bars are cut
        self.scale_max = scale_max or min(max(1.0, math.ceil(top * 4) / 4), 2.0)
        self.space_before = mm(space_before_mm)

    def height(self, ctx: Ctx, width: float) -> float:
        return mm(self.AXIS_MM + self.ROW_MM * len(self.bars)
                  + (self.LEGEND_MM if self.legend else 0.0) + 1.0)

    def min_height(self, ctx: Ctx, width: float) -> float:
        return mm(self.AXIS_MM + self.ROW_MM * min(len(self.bars), 2) + 1.0)

    def split(self, ctx: Ctx, width: float, avail: float):
        room = int((avail - mm(self.AXIS_MM + 1.0)) // mm(self.ROW_MM))
        if room < 2 or room >= len(self.bars):
            return None, self
        return (ProgressChart(self.bars[:room], legend=False, scale_max=self.scale_max),
                ProgressChart(self.bars[room:], legend=self.legend, scale_max=self.scale_max))

    def draw(self, p: QPainter, ctx: Ctx, x: float, y: float, width: float) -> None:
        label_w = min(mm(46), width * 0.3)
        figures_w = max((ctx.width(b.figures, self.SIZE) for b in self.bars), default=0.0)
        figures_w = max(figures_w + mm(3), mm(30))
        x0 = x + label_w + mm(2)
        x1 = x + width - figures_w
        span = x1 - x0

        def at(frac: float) -> float:
            return x0 + span * min(frac, self.scale_max) / self.scale_max

        rows_top = y + mm(self.AXIS_MM)
        rows_bottom = rows_top + mm(self.ROW_MM) * len(self.bars)
        # the axis: a gridline every 25%, the 100% line darker and named
        lh = ctx.line_height(self.SIZE)
        step = 0.25 if self.scale_max <= 1.5 else 0.5
        ticks = [i * step for i in range(int(round(self.scale_max / step)) + 1)]
        for tick in ticks:
            tx = at(tick)
            if abs(tick - 1.0) < 1e-9:
                p.setPen(QPen(TARGET, mm(0.3)))
            else:
                pen = QPen(GRID, mm(0.15))
                pen.setStyle(Qt.PenStyle.DashLine)
                p.setPen(pen)
            p.drawLine(QPointF(tx, rows_top - mm(0.8)), QPointF(tx, rows_bottom))
            label = "目标 100%" if abs(tick - 1.0) < 1e-9 else f"{tick:.0%}"
            lw = ctx.width(label, 7.5) + mm(1)
            align = "left" if tick == 0 else "center"
            left = tx if tick == 0 else tx - lw / 2
            ctx.draw(p, QRectF(left, rows_top - mm(1.2) - lh, lw, lh), label, 7.5,
                     align=align, color=GREY)
        group = None
        for i, bar in enumerate(self.bars):
            top = rows_top + mm(self.ROW_MM) * i
            mid = top + mm(self.ROW_MM) / 2
            if group is not None and bar.group != group:
                p.setPen(QPen(GRID, mm(0.15)))
                p.drawLine(QPointF(x, top), QPointF(x1, top))
            group = bar.group
            label = ctx.metrics(self.SIZE).elidedText(bar.label, Qt.TextElideMode.ElideRight,
                                                      label_w - mm(1))
            ctx.draw(p, QRectF(x, top, label_w, mm(self.ROW_MM)), label, self.SIZE,
                     align="right")
            bar_rect = QRectF(x0, mid - mm(self.BAR_MM) / 2, 0.0, mm(self.BAR_MM))
            target_rect = QRectF(bar_rect.topLeft(), QPointF(at(1.0), bar_rect.bottom()))
            if bar.completion > 0:
                bar_rect.setRight(max(at(bar.completion), x0 + mm(0.4)))
                p.fillRect(bar_rect, status_colour(bar))
            p.setPen(QPen(TARGET, mm(0.25)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(target_rect)
            if bar.completion > self.scale_max:  # cut: a small break mark at the end
                p.setPen(QPen(INK, mm(0.3)))
                ex = at(self.scale_max)
                p.drawLine(QPointF(ex - mm(1.2), bar_rect.bottom()),
                           QPointF(ex - mm(0.2), bar_rect.top()))
            if bar.expected is not None and bar.target:
                self._pace_mark(p, at(bar.expected / bar.target), bar_rect.top())
            ctx.draw(p, QRectF(x1 + mm(2), top, figures_w - mm(2), mm(self.ROW_MM)),
                     bar.figures, self.SIZE)
        if self.legend:
            self._legend(p, ctx, x, rows_bottom + mm(2.0), width)

    @staticmethod
    def _pace_mark(p: QPainter, px: float, bar_top: float) -> None:
        half = mm(1.1)
        path = QPainterPath()
        path.moveTo(px - half, bar_top - mm(1.6))
        path.lineTo(px + half, bar_top - mm(1.6))
        path.lineTo(px, bar_top + mm(0.2))
        path.closeSubpath()
        p.setPen(Qt.PenStyle.NoPen)
        p.fillPath(path, INK)

    def _legend(self, p: QPainter, ctx: Ctx, x: float, y: float, width: float) -> None:
        size = 7.5
        h = mm(self.LEGEND_MM - 2.0)
        mid = y + h / 2
        cx = x
        items = [(DONE, "已完成目标"), (ON_TRACK, "按期"), (LAGGING, "滞后"),
                 (NO_PACE, "无进度要求"), (None, "目标（100%）"), ("pace", "当年应达进度")]
        for colour, text in items:
            box = QRectF(cx, mid - mm(1.5), mm(5), mm(3))
            if colour is None:
                p.setPen(QPen(TARGET, mm(0.25)))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(box)
            elif colour == "pace":
                self._pace_mark(p, box.center().x(), mid - mm(0.2))
            else:
                p.fillRect(box, colour)
            tw = ctx.width(text, size)
            ctx.draw(p, QRectF(box.right() + mm(1.2), y, tw + mm(1), h), text, size, color=GREY)
            cx = box.right() + mm(1.2) + tw + mm(5)
        note = "条形长度＝当前数÷目标"
        ctx.draw(p, QRectF(x, y, width, h), note, size, align="right", color=GREY)
