"""The dashboard's three pyqtgraph charts; category axes use a CJK font so names stay legible.

- ProgressChart: one horizontal bar per target, as completion of its target (the outline is
  100 %, the tick is where the straight line expects the count this year), labelled
  "count / target  percent".
- TrendChart: one target's year-end counts from the baseline year against the expected line.
- ClusterChart: enterprises per industry cluster, grouped by tier (horizontal, so the Chinese
  cluster names are written out in full).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics

from goosetier.gui.qt import cjk_font, pg

TIER_COLORS = {"head_goose": "#c0392b", "specialized_new": "#2e86c1",
               "single_champion": "#d68910", "scale_up": "#229954", "other": "#7d3c98"}
ON_TRACK, BEHIND, NEUTRAL = QColor("#2e86c1"), QColor("#e67e22"), QColor("#95a5a6")
CAP = 150.0  # bars stop at 150 % so one runaway count does not squash the others


class _Chart(pg.PlotWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.setMenuEnabled(False)
        self.getPlotItem().hideButtons()
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setTickFont(cjk_font(9))
            axis.setTextPen("#333")
            axis.setPen("#999")
        self.setMouseEnabled(x=False, y=False)

    def set_title(self, text: str) -> None:
        self.setTitle(f"<span style='font-size:11pt;font-weight:bold'>{text}</span>")

    def save_png(self, path: str, width: int = 1400) -> None:
        import pyqtgraph.exporters as exporters

        exporter = exporters.ImageExporter(self.getPlotItem())
        exporter.parameters()["width"] = width
        exporter.export(path)

    def _legend(self, offset: tuple[int, int]):
        """The plot's one legend, emptied (clear() keeps it, addLegend() would stack another)."""
        legend = self.getPlotItem().legend
        if legend is None:
            legend = self.addLegend(offset=offset, labelTextSize="9pt")
            legend.setBrush(pg.mkBrush(255, 255, 255, 225))
            legend.setPen(pg.mkPen("#ccc"))
        legend.clear()
        return legend

    def _left_axis_for(self, labels: list[str]) -> None:
        metrics = QFontMetrics(cjk_font(9))
        width = max((metrics.horizontalAdvance(t) for t in labels), default=40)
        self.getAxis("left").setWidth(width + 14)


class ProgressChart(_Chart):
    def show_summary(self, summary) -> None:
        from goosetier.gui.i18n import lang

        self.clear()
        rows = summary.rows
        zh = lang() == "zh"
        labels = [r.name if zh else r.name_en for r in rows]
        self._left_axis_for(labels)
        self.getAxis("left").setTicks([list(enumerate(labels))])
        self.getAxis("bottom").setLabel(self.tr("completion of target (%)"))
        ys = list(range(len(rows)))
        done, brushes, outline_y, ticks_x, ticks_y = [], [], [], [], []
        for i, r in enumerate(rows):
            if r.target:
                pct = min(r.count / r.target * 100, CAP)
                done.append(pct)
                brushes.append(ON_TRACK if r.on_track else BEHIND if r.on_track is False
                               else NEUTRAL)
                outline_y.append(i)
                if r.expected is not None:
                    ticks_x.append(min(r.expected / r.target * 100, CAP))
                    ticks_y.append(i)
                text = f"{r.count:,} / {r.target:g}   {r.count / r.target:.0%}"
                x = max(pct, 100.0)
            else:
                done.append(0)
                brushes.append(NEUTRAL)
                text = self.tr("{count} (no target)").format(count=f"{r.count:,}")
                x = 0
            label = pg.TextItem(text, color="#222", anchor=(0, 0.5))
            label.setFont(cjk_font(8.5))
            label.setPos(x + 2, i)
            self.addItem(label)
        self.addItem(pg.BarGraphItem(x0=[0] * len(outline_y), y=outline_y, height=0.62,
                                     width=[100] * len(outline_y), brush=None,
                                     pen=pg.mkPen("#555", width=1)))
        self.addItem(pg.BarGraphItem(x0=[0] * len(ys), y=ys, height=0.62, width=done,
                                     brushes=brushes, pen=pg.mkPen(None)))
        if ticks_x:
            self.addItem(pg.ScatterPlotItem(ticks_x, ticks_y, symbol="|", size=18,
                                            pen=pg.mkPen("#111", width=2)))
        self.addItem(pg.InfiniteLine(100, angle=90,
                                     pen=pg.mkPen("#555", style=Qt.PenStyle.DotLine)))
        self.getViewBox().invertY(True)
        # as wide as the longest bar (at least the 100 % line), with room for its label
        self.setXRange(0, max([100.0, *done]) + 45, padding=0)
        self.setYRange(-0.6, max(len(rows), 1) - 0.4, padding=0)
        self.set_title(self.tr("{plan}: completion at the end of {year}").format(
            plan=summary.plan, year=summary.year))


class TrendChart(_Chart):
    def show_trend(self, trend, title: str) -> None:
        self.clear()
        self.set_title(title)
        if trend is None:
            return
        self._legend((10, 10))
        years = trend.years
        self.getAxis("bottom").setTicks([[(y, str(y)) for y in years]])
        exp = [(y, v) for y, v in zip(years, trend.expected, strict=True) if v is not None]
        if exp:
            self.plot([p[0] for p in exp], [p[1] for p in exp],
                      pen=pg.mkPen("#7f8c8d", width=2, style=Qt.PenStyle.DashLine),
                      name=self.tr("expected (straight line)"))
        act = [(y, v) for y, v in zip(years, trend.actual, strict=True) if v is not None]
        if act:
            self.plot([p[0] for p in act], [p[1] for p in act],
                      pen=pg.mkPen("#2e86c1", width=3), symbol="o", symbolSize=7,
                      symbolBrush="#2e86c1", name=self.tr("actual"))
        if trend.target is not None:
            self.addItem(pg.InfiniteLine(trend.target, angle=0, pen=pg.mkPen(
                "#c0392b", style=Qt.PenStyle.DotLine)))
        top = max([trend.target or 0] + [v for _, v in act] + [v for _, v in exp] + [1])
        self.setYRange(0, top * 1.12, padding=0)
        self.setXRange(years[0] - 0.3, years[-1] + 0.3, padding=0)


class ClusterChart(_Chart):
    def show_clusters(self, rows, tiers: list[tuple[str, str]], year: int) -> None:
        self.clear()
        # the key goes in the title (coloured squares): a legend box would cover the bars
        key = "&nbsp;&nbsp;".join(
            f"<span style='color:{TIER_COLORS.get(t, '#888')}'>■</span>&nbsp;{name}"
            for t, name in tiers)
        title = self.tr("Enterprises per cluster and tier, end of {year}").format(year=year)
        self.setTitle(f"<span style='font-size:11pt;font-weight:bold'>{title}</span><br>"
                      f"<span style='font-size:9pt'>{key}</span>")
        labels = [r.label for r in rows]
        self._left_axis_for(labels)
        self.getAxis("left").setTicks([list(enumerate(labels))])
        n = max(len(tiers), 1)
        height = 0.8 / n
        top = 1
        for k, (tier, _name) in enumerate(tiers):
            ys = [i - 0.4 + height * (k + 0.5) for i in range(len(rows))]
            widths = [r.count(tier) for r in rows]
            top = max([top, *widths])
            color = TIER_COLORS.get(tier, "#888")
            self.addItem(pg.BarGraphItem(x0=[0] * len(rows), y=ys, height=height * 0.9,
                                         width=widths, brush=color, pen=pg.mkPen(None)))
        self.getViewBox().invertY(True)
        self.setXRange(0, top * 1.1, padding=0)
        self.setYRange(-0.6, max(len(rows), 1) - 0.4, padding=0)
