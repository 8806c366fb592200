"""The tier summary sheet (梯度培育情况汇总表) as a Document of flowables.

Sections, each optional: the targets table with its notes, the progress chart, enterprises per
cluster and tier, and designations expiring in the coming months. Every number comes from the
reports layer (Summary, ClusterRow) so the sheet agrees with `summary --json` and the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from goosetier import APP_NAME_ZH
from goosetier.core.catalog import load_catalog
from goosetier.core.counting import months_ahead
from goosetier.gui.printing.chart import Bar, ProgressChart
from goosetier.gui.printing.fonts import PrintError, has_glyphs
from goosetier.gui.printing.layout import (
    GREY,
    Column,
    Ctx,
    Document,
    Flowable,
    Paragraph,
    Table,
    TwoSided,
)
from goosetier.reports.clusters import ClusterRow, tier_columns, totals_row
from goosetier.reports.summary import MetricRow, Summary
from goosetier.store.queries import DesignationRow

SECTIONS = ("table", "chart", "clusters", "expiring")
SECTION_NAMES = {"table": "目标完成情况表", "chart": "目标完成进度图",
                 "clusters": "分产业集群统计", "expiring": "即将到期称号"}
BRACKET_RULE = ("头雁营业收入档次按“达到及以上”统计，500亿级企业同时计入300亿级、百亿级、"
                "十亿级。")
EXPIRING_MONTHS = 6
# A meeting sheet lists at most this many expiring designations (about one A4 page); above it
# the section starts with a count per programme and ends with how many were left out. The
# window's tier browser (6个月内到期) shows the whole list.
EXPIRING_LIST_LIMIT = 30
NUMERALS = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def zh_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def num(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def summary_title(summary: Summary) -> str:
    return f"{summary.district}企业雁阵梯度培育情况汇总表（{summary.plan}）"


def progress_text(row: MetricRow, tick: bool) -> str:
    """"✓ 按期" / "滞后" ("正常" where the font has no ✓); "✓ 已完成" once the target is met."""
    if row.completion is not None and row.completion >= 1.0:
        return "✓ 已完成" if tick else "已完成"
    if row.on_track is None:
        return "—"
    if not row.on_track:
        return "滞后"
    return "✓ 按期" if tick else "正常"


def summary_document(ctx: Ctx, summary: Summary, *, sections: Sequence[str] = SECTIONS,
                     cluster_rows: Sequence[ClusterRow] | None = None,
                     expiring: Sequence[DesignationRow] | None = None,
                     printed: dt.date | None = None) -> Document:
    unknown = [s for s in sections if s not in SECTIONS]
    chosen = [s for s in SECTIONS if s in sections]
    if unknown or not chosen:
        raise PrintError("print_no_sections", known="、".join(SECTIONS))
    printed = printed or dt.date.today()
    title = summary_title(summary)
    body: list[Flowable] = [
        Paragraph(title, 16.0, bold=True, align="center"),
        TwoSided(f"截至{summary.year}年底（规划期 {summary.baseline_year}—{summary.target_year}年，"
                 f"台账企业 {summary.enterprises:,} 家）", f"打印日期：{zh_date(printed)}", 9.5,
                 space_before_mm=3.0),
    ]
    heading = iter(NUMERALS)

    def section(text: str) -> Paragraph:
        return Paragraph(f"{next(heading)}、{text}", 12.0, bold=True, space_before_mm=5.0,
                         keep_with_next=True)

    if "table" in chosen:
        body += [section("各梯队目标完成情况"), *_targets(ctx, summary)]
    if "chart" in chosen:
        bars = _bars(summary)
        if bars:
            body += [section(f"目标完成进度（截至{summary.year}年底）"),
                     ProgressChart(bars, space_before_mm=2.0)]
    if "clusters" in chosen and cluster_rows is not None:
        body += [section(f"各产业集群梯度企业分布（截至{summary.year}年底，单位：家）"),
                 *_clusters(cluster_rows)]
    if "expiring" in chosen and expiring is not None:
        until = months_ahead(printed, EXPIRING_MONTHS)
        body += [section(f"未来{EXPIRING_MONTHS}个月内到期的称号（{zh_date(printed)}至"
                         f"{zh_date(until)}，共 {len(expiring)} 项）"), *_expiring(expiring)]
    return Document(title=title, body=body,
                    header_left=f"{summary.district}企业雁阵梯度培育情况汇总表",
                    header_right=f"{summary.plan} · 截至{summary.year}年底",
                    footer_left=f"GooseTier {APP_NAME_ZH}",
                    footer_right=f"打印日期：{zh_date(printed)}")


def _targets(ctx: Ctx, summary: Summary) -> list[Flowable]:
    tick = has_glyphs(ctx.family, "✓")
    circled = has_glyphs(ctx.family, CIRCLED)
    columns = [
        Column("梯队", 13.0, merge=True),
        Column("指标", weight=1.0, align="left"),
        Column(f"{summary.baseline_year}年\n基数", 17.0),
        Column("当前数\n（家）", 17.0),
        Column("目标", 17.0),
        Column("完成率", 17.0),
        Column("差额", 15.0),
        Column("进度", 19.0),
    ]
    rows, notes = [], []
    for _, metrics in summary.by_formation():
        for r in metrics:
            name = r.name
            if r.note:
                notes.append(r.note)
                n = len(notes)
                name += CIRCLED[n - 1] if circled and n <= len(CIRCLED) else f"[注{n}]"
            target = num(r.target)
            if r.kind == "flow" and r.target is not None:
                target = f"每年{target}"
            rows.append([r.formation_name, name, num(r.baseline), f"{r.count:,}", target,
                         "—" if r.completion is None else f"{r.completion:.1%}",
                         num(r.gap), progress_text(r, tick)])
    out: list[Flowable] = [Table(columns, rows, space_before_mm=2.0)]
    out.append(Paragraph("注：", 8.5, bold=True, space_before_mm=2.0, keep_with_next=True))
    if any(r.at_or_above for r in summary.rows):
        out.append(Paragraph(BRACKET_RULE, 8.5, marker="※ "))
    out.append(Paragraph(
        f"进度：按基期（{summary.baseline_year}年）至目标年（{summary.target_year}年）直线推算"
        f"{summary.year}年底应达数（设有年度目标的按年度目标），当前数不低于应达数为“按期”；"
        "完成率＝当前数÷目标，差额＝目标－当前数。", 8.5, marker="※ "))
    for n, note in enumerate(notes, start=1):
        marker = CIRCLED[n - 1] if circled and n <= len(CIRCLED) else f"[注{n}]"
        out.append(Paragraph(note, 8.5, marker=marker + " "))
    return out


def _bars(summary: Summary) -> list[Bar]:
    bars = []
    for _, metrics in summary.by_formation():
        for r in metrics:
            if not r.target or r.completion is None:
                continue
            per = "每年" if r.kind == "flow" else ""
            bars.append(Bar(label=r.name, group=r.formation, count=r.count, target=r.target,
                            completion=r.completion, expected=r.expected, on_track=r.on_track,
                            figures=f"{r.count:,} / {per}{num(r.target)} 家  "
                                    f"{r.completion:.1%}"))
    return bars


def _clusters(rows: Sequence[ClusterRow]) -> list[Flowable]:
    tiers = tier_columns()
    columns = [Column("产业集群", weight=1.0, align="left"), Column("台账\n企业数", 17.0)]
    columns += [Column(name.replace("（", "\n（"), 19.0) for _, name in tiers]
    columns.append(Column("入梯企业\n（去重）", 19.0))
    lines = [[r.label, f"{r.enterprises:,}", *(f"{r.count(t):,}" for t, _ in tiers),
              f"{r.tiered:,}"] for r in rows]
    if not rows:
        return [Paragraph("台账中暂无企业。", 9.0, space_before_mm=2.0)]
    total = totals_row(list(rows))
    lines.append([total.label, f"{total.enterprises:,}",
                  *(f"{total.count(t):,}" for t, _ in tiers), f"{total.tiered:,}"])
    return [Table(columns, lines, kinds=[""] * len(rows) + ["total"], space_before_mm=2.0),
            Paragraph("同一企业可同时计入多个梯队；“入梯企业”按企业去重。头雁企业含营业收入达到"
                      "十亿级及以上和境内外上市企业。", 8.5, color=GREY, space_before_mm=1.5)]


def _expiring(rows: Sequence[DesignationRow],
              limit: int = EXPIRING_LIST_LIMIT) -> list[Flowable]:
    if not rows:
        return [Paragraph("无。", 9.0, space_before_mm=2.0)]
    catalog = load_catalog()
    out: list[Flowable] = []
    if len(rows) > limit:
        out += _expiring_by_program(rows, catalog)
        rows = rows[:limit]
    columns = [Column("序号", 11.0, shrink_to=6.0),
               Column("企业名称", weight=1.0, align="left", max_lines=2, shrink_to=7.5),
               Column("统一社会信用代码", 36.0), Column("称号", 34.0, max_lines=2, shrink_to=7.0),
               Column("认定年份/批次", 24.0, max_lines=2), Column("有效期至", 21.0)]
    lines = []
    for i, r in enumerate(rows, start=1):
        program = catalog.programs.get(r.program_id)
        lines.append([str(i), r.enterprise_name, r.credit_code or "—",
                      program.zh if program else r.program_id, year_batch(r.year, r.batch_text),
                      r.count_until.isoformat() if r.count_until else "—"])
    out.append(Table(columns, lines, space_before_mm=2.0))
    return out


def _expiring_by_program(rows: Sequence[DesignationRow], catalog) -> list[Flowable]:
    """The count per programme (catalog order) and the first date each one expires."""
    order = {pid: i for i, pid in enumerate(catalog.programs)}
    groups: dict[str, list[DesignationRow]] = {}
    for r in rows:
        groups.setdefault(r.program_id, []).append(r)
    columns = [Column("称号", weight=1.0, align="left"), Column("到期项数", 24.0),
               Column("最早到期", 26.0), Column("最晚到期", 26.0)]
    lines = []
    for pid in sorted(groups, key=lambda p: (order.get(p, len(order)), p)):
        dates = sorted(r.count_until for r in groups[pid] if r.count_until)
        program = catalog.programs.get(pid)
        lines.append([program.zh if program else pid, f"{len(groups[pid]):,}",
                      dates[0].isoformat() if dates else "—",
                      dates[-1].isoformat() if dates else "—"])
    lines.append(["合计", f"{len(rows):,}", "", ""])
    return [Table(columns, lines, kinds=[""] * (len(lines) - 1) + ["total"],
                  space_before_mm=2.0),
            Paragraph(f"以下按到期日期列出最早到期的 {EXPIRING_LIST_LIMIT} 项，其余 "
                      f"{len(rows) - EXPIRING_LIST_LIMIT:,} 项未列出；完整名单见台账左侧"
                      "“6个月内到期”。", 8.5, color=GREY, space_before_mm=1.5,
                      keep_with_next=True)]


def year_batch(year: int | None, batch: str | None) -> str:
    parts = [f"{year}年" if year else "", (batch or "").strip()]
    return " ".join(p for p in parts if p) or "—"
