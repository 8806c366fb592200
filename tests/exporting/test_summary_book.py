"""The summary workbook: the numbers of build_summary, a native chart, the bracket footnote."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

from goosetier.exporting.summary_book import HEADERS, export_summary_book, progress_text
from goosetier.reports.summary import build_summary


def summary_of(registry, year=2025):
    with registry.session() as s:
        return build_summary(s, "十四五", year, today=dt.date(2026, 11, 2))


def test_table_equals_build_summary(sample, tmp_path):
    summary = summary_of(sample)
    out = tmp_path / "summary.xlsx"
    assert export_summary_book(summary, out) == len(summary.rows)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "汇总表"
    ws = wb["汇总表"]
    assert ws["A1"].value == "青岛西海岸新区企业雁阵梯度培育情况汇总表"
    assert "截至2025年底" in ws["A2"].value and "十四五" in ws["A2"].value
    assert tuple(c.value for c in ws[3])[: len(HEADERS)] == HEADERS
    assert ws.freeze_panes == "A4"
    rows = list(ws.iter_rows(min_row=4, max_row=3 + len(summary.rows)))
    formation = None
    for cells, expected in zip(rows, summary.rows, strict=True):
        values = [c.value for c in cells]
        formation = values[0] or formation
        assert formation == expected.formation_name
        assert values[1].startswith(expected.name)

        def num(v):
            return None if v == "—" else v

        assert num(values[2]) == expected.baseline
        assert values[3] == expected.count
        assert num(values[4]) == expected.target
        # xlsxwriter writes 16 significant digits: the last bit of a ratio may differ
        assert num(values[5]) == (None if expected.completion is None
                                  else pytest.approx(expected.completion, rel=1e-12))
        assert num(values[6]) == expected.gap
        assert values[7] == progress_text(expected.on_track)
        assert (values[8] or "") == expected.note
        if expected.completion is not None:
            assert cells[5].number_format == "0.0%"
    lg = summary.row("little_giant")
    assert lg.count == 1 and lg.target == 30
    footer = [ws.cell(r, 1).value for r in range(4 + len(summary.rows), ws.max_row + 1)]
    assert any(t and "达到及以上" in t for t in footer)
    assert any(t and t.startswith("生成日期：2026-11-02") for t in footer)


def test_native_bar_charts_with_chinese_categories(sample, tmp_path):
    summary = summary_of(sample)
    out = tmp_path / "summary.xlsx"
    export_summary_book(summary, out)
    ws = openpyxl.load_workbook(out)["汇总表"]
    assert len(ws._charts) == 2
    names = zipfile.ZipFile(out).namelist()
    assert "xl/charts/chart1.xml" in names and "xl/charts/chart2.xml" in names
    chart = zipfile.ZipFile(out).read("xl/charts/chart1.xml").decode("utf-8")
    last = 3 + len(summary.rows)
    assert "<c:barChart>" in chart
    assert f"汇总表!$B$4:$B${last}" in chart  # categories: the 指标 names
    assert f"汇总表!$D$4:$D${last}" in chart and f"汇总表!$E$4:$E${last}" in chart
    assert "500亿级企业" in chart  # the category cache carries the Chinese labels


def test_summary_of_an_empty_registry(registry, tmp_path):
    summary = summary_of(registry, 2023)
    out = tmp_path / "empty.xlsx"
    export_summary_book(summary, out)
    ws = openpyxl.load_workbook(out)["汇总表"]
    assert "截至2023年底" in ws["A2"].value
    assert all(ws.cell(r, 4).value == 0 for r in range(4, 4 + len(summary.rows)))


def test_cluster_sheet(sample, tmp_path):
    from goosetier.reports.clusters import cluster_tier_counts, tier_columns

    summary = summary_of(sample)
    with sample.session() as s:
        rows = cluster_tier_counts(s, 2025)
    out = tmp_path / "summary.xlsx"
    export_summary_book(summary, out, clusters=rows, tiers=tier_columns())
    ws = openpyxl.load_workbook(out)["分产业集群"]
    assert "截至2025年底" in ws["A1"].value
    header = [c.value for c in ws[2]]
    assert header[:2] == ["产业集群", "企业总数"] and header[-1] == "入梯企业"
    assert header[2:-1] == [name for _, name in tier_columns()]
    body = {r[0]: r[1:] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    for r in rows:
        assert body[r.label][0] == r.enterprises and body[r.label][-1] == r.tiered
    assert body["合计"][0] == 5
