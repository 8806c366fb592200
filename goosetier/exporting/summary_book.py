"""The summary workbook: the tier summary table of a plan and year, with native Excel charts.

Sheet 汇总表 holds the table (梯队, 指标, 基数, 当前数, 目标, 完成率, 差额, 进度, 备注) under a title
and "截至YYYY年底", the footnotes (the at-or-above rule of the revenue brackets among them), and
two native column/bar charts drawn by Excel from the table's own cells: counts against targets,
and completion rates. Being native, they update if an officer corrects a number in the sheet.

The numbers come from `goosetier.reports.summary.Summary` — the same object behind
``summary --json``, the dashboard and the printed sheet. The exporting layer does not import
reports (sibling layers are independent), so the caller builds the summary and passes it in;
`SummaryLike` names the attributes used.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from goosetier.exporting.safety import CellWriter, column_width, open_book

HEADERS = ("梯队", "指标", "基数", "当前数", "目标", "完成率", "差额", "进度", "备注")
WIDTHS = (10, 26, 9, 9, 9, 9, 9, 8, 40)
FIRST = 3  # first data row (0-based): title, subtitle, header above it


class MetricRowLike(Protocol):
    name: str
    formation_name: str
    count: int
    baseline: float | None
    target: float | None
    kind: str
    completion: float | None
    gap: float | None
    on_track: bool | None
    note: str
    at_or_above: bool


class ClusterRowLike(Protocol):
    label: str
    enterprises: int
    tiered: int

    def count(self, tier: str) -> int: ...


class SummaryLike(Protocol):
    plan: str
    baseline_year: int
    target_year: int
    year: int
    district: str
    generated: dt.date
    enterprises: int
    rows: Sequence[MetricRowLike]


def progress_text(on_track: bool | None) -> str:
    return "—" if on_track is None else ("按期" if on_track else "滞后")


def footnotes(summary: SummaryLike) -> list[str]:
    notes = [f"统计口径：截至{summary.year}年12月31日有效的称号；每家企业每项指标只计一次。"]
    if any(r.at_or_above for r in summary.rows):
        notes.append("头雁企业按当年营业收入“达到及以上”统计：500亿级企业同时计入300亿级、百亿级和"
                     "十亿级。")
    notes.append(f"进度按{summary.baseline_year}年基数至{summary.target_year}年目标的直线（或设定的"
                 "年度目标）判断；未填基数按0计；年度指标（如新增小升规）每年对照全年目标。")
    notes.append("完成率 = 当前数 ÷ 目标；差额 = 目标 − 当前数（已完成记为0）。")
    return [f"注：{i}. {text}" if i == 1 else f"　　{i}. {text}"
            for i, text in enumerate(notes, 1)]


def export_summary_book(summary: SummaryLike, out_path: str | os.PathLike[str], *,
                        clusters: Sequence[ClusterRowLike] | None = None,
                        tiers: Sequence[tuple[str, str]] = ()) -> int:
    """Write the summary workbook; returns the number of metric rows written.

    ``clusters`` (goosetier.reports.clusters.cluster_tier_counts) with ``tiers`` ((id, name) in
    order, reports.clusters.tier_columns) add a sheet 分产业集群 of enterprises per cluster × tier.
    """
    with open_book(Path(out_path)) as wb:
        wb.set_properties({"title": f"{summary.district}企业雁阵梯度培育情况汇总表",
                           "creator": "GooseTier 雁阵梯度培育台账"})
        formats: dict = {}
        ws = wb.add_worksheet("汇总表")
        last = _table(CellWriter(wb, ws, formats), summary)
        _charts(wb, ws, summary, last)
        if clusters is not None:
            _cluster_sheet(CellWriter(wb, wb.add_worksheet("分产业集群"), formats), summary,
                           clusters, tiers)
    return len(summary.rows)


def _table(c: CellWriter, summary: SummaryLike) -> int:
    """Title, header, rows and footnotes; returns the last data row (0-based)."""
    ws, ncols = c.ws, len(HEADERS)
    border = {"border": 1, "valign": "vcenter"}
    title = {"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}
    ws.set_row(0, 30)
    ws.merge_range(0, 0, 0, ncols - 1, "", c.fmt(**title))
    c.text(0, 0, f"{summary.district}企业雁阵梯度培育情况汇总表", c.fmt(**title), title)
    sub = {"align": "center"}
    ws.merge_range(1, 0, 1, ncols - 1, "", c.fmt(**sub))
    c.text(1, 0, f"{summary.plan}规划（{summary.baseline_year}—{summary.target_year}年）　"
                 f"截至{summary.year}年底　　台账企业 {summary.enterprises} 家", c.fmt(**sub), sub)
    head = {**border, "bold": True, "bg_color": "#DDEBF7", "align": "center", "text_wrap": True}
    for col, text in enumerate(HEADERS):
        c.text(2, col, text, c.fmt(**head), head)
    text_p, num_p = {**border, "text_wrap": True}, {**border, "num_format": "#,##0"}
    pct_p, mid_p = {**border, "num_format": "0.0%"}, {**border, "align": "center"}
    row = FIRST - 1
    for formation, group in _groups(summary.rows):
        start = row + 1
        for r in group:
            row += 1
            name = r.name + ("（年度）" if r.kind == "flow" else "")
            c.text(row, 1, name, c.fmt(**text_p), text_p)
            for col, value, props in ((2, r.baseline, num_p), (3, r.count, num_p),
                                      (4, r.target, num_p), (5, r.completion, pct_p),
                                      (6, r.gap, num_p)):
                if value is None:
                    c.text(row, col, "—", c.fmt(**mid_p), mid_p)
                else:
                    ws.write_number(row, col, value, c.fmt(**props))
            lag = {**mid_p, "font_color": "#C00000"} if r.on_track is False else mid_p
            c.text(row, 7, progress_text(r.on_track), c.fmt(**lag), lag)
            if r.note:
                c.text(row, 8, r.note, c.fmt(**text_p), text_p)
            else:
                ws.write_blank(row, 8, None, c.fmt(**text_p))
        form_p = {**border, "bold": True, "align": "center"}
        if row > start:
            ws.merge_range(start, 0, row, 0, "", c.fmt(**form_p))
        c.text(start, 0, formation, c.fmt(**form_p), form_p)
    for i, text in enumerate(footnotes(summary)):
        ws.merge_range(row + 2 + i, 0, row + 2 + i, ncols - 1, "", c.fmt(text_wrap=True))
        c.text(row + 2 + i, 0, text, c.fmt(text_wrap=True), {"text_wrap": True})
        ws.set_row(row + 2 + i, 30)
    end = row + 2 + len(footnotes(summary))
    c.text(end, 0, f"生成日期：{summary.generated:%Y-%m-%d}", c.fmt(font_color="#595959"))
    widths = list(WIDTHS)
    widths[1] = column_width([r.name + "（年度）" for r in summary.rows], floor=WIDTHS[1], cap=40)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.freeze_panes(FIRST, 0)
    ws.repeat_rows(2)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    return row


def _groups(rows: Sequence[MetricRowLike]) -> list[tuple[str, list[MetricRowLike]]]:
    """Consecutive rows of one formation (the summary is already in formation order)."""
    groups: list[tuple[str, list[MetricRowLike]]] = []
    for r in rows:
        if groups and groups[-1][0] == r.formation_name:
            groups[-1][1].append(r)
        else:
            groups.append((r.formation_name, [r]))
    return groups


def _charts(wb, ws, summary: SummaryLike, last: int) -> None:
    """Counts against targets, and completion rates, as native bar charts beside the table."""
    if last < FIRST:
        return
    name = "汇总表"
    cats = [name, FIRST, 1, last, 1]
    height = max(360, 26 * (last - FIRST + 1) + 90)
    bars = wb.add_chart({"type": "bar"})
    for col, color in ((3, "#4472C4"), (4, "#A5A5A5")):
        bars.add_series({"name": [name, 2, col], "categories": cats,
                         "values": [name, FIRST, col, last, col], "fill": {"color": color},
                         "data_labels": {"value": True, "font": {"size": 8}}})
    bars.set_title({"name": f"各指标当前数与{summary.target_year}年目标（截至{summary.year}年底）",
                    "name_font": {"size": 12}})
    bars.set_y_axis({"reverse": True, "num_font": {"size": 9}})
    bars.set_x_axis({"num_format": "#,##0", "major_gridlines": {"visible": True}})
    bars.set_legend({"position": "bottom"})
    bars.set_size({"width": 620, "height": height})
    ws.insert_chart(2, len(HEADERS) + 1, bars)

    rates = wb.add_chart({"type": "bar"})
    rates.add_series({"name": [name, 2, 5], "categories": cats,
                      "values": [name, FIRST, 5, last, 5], "fill": {"color": "#70AD47"},
                      "data_labels": {"value": True, "num_format": "0%", "font": {"size": 8}}})
    rates.set_title({"name": "完成率", "name_font": {"size": 12}})
    rates.set_y_axis({"reverse": True, "num_font": {"size": 9}})
    rates.set_x_axis({"num_format": "0%", "min": 0, "major_gridlines": {"visible": True}})
    rates.set_legend({"none": True})
    rates.set_size({"width": 620, "height": height})
    ws.insert_chart(2, len(HEADERS) + 11, rates)


def _cluster_sheet(c: CellWriter, summary: SummaryLike, rows: Sequence[ClusterRowLike],
                   tiers: Sequence[tuple[str, str]]) -> None:
    """Enterprises per industry cluster and tier at the year's end, with a 合计 line."""
    ws = c.ws
    headers = ["产业集群", "企业总数", *(name for _, name in tiers), "入梯企业"]
    last = len(headers) - 1
    title = {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}
    ws.set_row(0, 26)
    ws.merge_range(0, 0, 0, last, "", c.fmt(**title))
    c.text(0, 0, f"{summary.district}分产业集群梯度培育企业数（截至{summary.year}年底）",
           c.fmt(**title), title)
    head = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center",
            "valign": "vcenter", "text_wrap": True}
    for col, text in enumerate(headers):
        c.text(1, col, text, c.fmt(**head), head)
    cell, bold = {"border": 1}, {"border": 1, "bold": True}
    row = 1
    for r in rows:
        row += 1
        c.text(row, 0, r.label, c.fmt(**cell), cell)
        values = [r.enterprises, *(r.count(t) for t, _ in tiers), r.tiered]
        c.row(row, values, c.fmt(**cell, num_format="#,##0"), first_col=1)
    row += 1
    c.text(row, 0, "合计", c.fmt(**bold), bold)
    totals = [sum(r.enterprises for r in rows), *(sum(r.count(t) for r in rows) for t, _ in tiers),
              sum(r.tiered for r in rows)]
    c.row(row, totals, c.fmt(**bold, num_format="#,##0"), first_col=1)
    c.text(row + 2, 0, "注：一家企业可同时属于多个梯队，各梯队分别计数；“入梯企业”每家只计一次。"
                       "产业集群以台账登记为准，未填写的计入“其他/未填写”。")
    ws.set_column(0, 0, column_width([r.label for r in rows], floor=16, cap=30))
    ws.set_column(1, last, 12)
    ws.freeze_panes(2, 1)
