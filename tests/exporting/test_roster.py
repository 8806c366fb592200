"""Roster export: layout, text codes, dates, and the same firms as the shared Selection."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from goosetier.exporting.roster import ExportError, export_roster
from goosetier.exporting.safety import display_width
from goosetier.store.selection import Selection, roster_lines
from tests.exporting.conftest import AT_SUM, HAIRONG, HYPERLINK, SAILUN, ZJT

HEADER = ["序号", "企业名称", "统一社会信用代码", "所属产业", "所属街道", "称号", "认定年份",
          "认定批次", "有效期至", "法定代表人", "联系人", "联系电话"]
NOW = dt.datetime(2026, 11, 2, 9, 30)


def export(registry, tmp_path, sel=Selection(), name="roster.xlsx", **kw):
    out = tmp_path / name
    count = export_roster(registry, sel, out, now=NOW, **kw)
    return count, openpyxl.load_workbook(out)


def records(ws):
    """Data rows as dicts keyed by header."""
    header = [c.value for c in ws[3]]
    return [dict(zip(header, row, strict=False))
            for row in ws.iter_rows(min_row=4, values_only=True)]


def names(ws):
    return [r["企业名称"] for r in records(ws)]


def test_layout_title_header_frozen_and_text_codes(sample, tmp_path):
    sel = Selection(programs=("little_giant",), year=2024)
    count, wb = export(sample, tmp_path, sel)
    ws = wb.active
    assert count == 1 and ws.title == "企业名单"
    assert ws["A1"].value == "青岛西海岸新区专精特新“小巨人”企业（截至2024年底有效）名单"
    assert any(str(r) == f"A1:{ws.cell(3, ws.max_column).column_letter}1"
               for r in ws.merged_cells.ranges)
    assert ws["A2"].value.startswith("导出时间：2026-11-02 09:30") and "共 1 家企业" in ws["A2"].value
    header = [c.value for c in ws[3]]
    assert header == [*HEADER, "2024年营业收入（万元）", "上市情况", "备注"]
    assert ws.freeze_panes == "C4"
    assert ws.auto_filter.ref.startswith("A3:")
    code = ws["C4"]
    assert code.value == "91350200776049653A"
    assert code.data_type == "s" and code.number_format == "@"
    row = records(ws)[0]
    assert row["序号"] == 1 and row["企业名称"] == HAIRONG and row["称号"] == "专精特新“小巨人”企业"
    assert row["认定年份"] == 2023 and row["认定批次"] == "第五批"
    assert row["有效期至"] == dt.datetime(2025, 12, 31)  # a date cell, not text
    assert ws["I4"].is_date and ws["I4"].number_format == "yyyy-mm-dd"
    assert row["2024年营业收入（万元）"] is None  # revenue is recorded for 2025 only
    assert row["上市情况"] == "上交所主板" and row["联系电话"] == "+86 532 8888 0000"
    # widths: CJK counts double, the name column fits the name
    assert ws.column_dimensions["B"].width >= display_width(HAIRONG)
    assert ws.column_dimensions["C"].width >= 18


def test_all_digit_code_stays_text(sample, tmp_path):
    _, wb = export(sample, tmp_path, Selection(clusters=("芯屏",)))
    ws = wb.active
    cell = next(c for c in ws["C"] if c.value == "912201011239989159")
    assert cell.data_type == "s" and cell.number_format == "@"


@pytest.mark.parametrize(("sel", "expected"), [
    (Selection(programs=("little_giant",), year=2024), [HAIRONG]),
    (Selection(programs=("little_giant",), year=2020), [SAILUN]),
    (Selection(programs=("little_giant",), validity="any"), [SAILUN, HAIRONG]),
    (Selection(programs=("little_giant",), year=2024, validity="expired"), [SAILUN]),
    (Selection(tiers=("specialized_new",), year=2024), [ZJT, HAIRONG]),
    (Selection(programs=("single_champion",), year=2024), []),
    (Selection(programs=("single_champion",), year=2022), [ZJT]),
    (Selection(clusters=("芯屏",)), [HYPERLINK, ZJT]),
    (Selection(tiers=("scale_up",), year=2025, clusters=("汽车",)), [SAILUN]),
    (Selection(), [HYPERLINK, AT_SUM, ZJT, SAILUN, HAIRONG]),
])
def test_selection_gives_the_same_firms_as_roster_lines(sample, tmp_path, sel, expected):
    count, wb = export(sample, tmp_path, sel)
    assert names(wb.active) == expected and count == len(expected)
    with sample.session() as s:
        assert [line.name for line in roster_lines(s, sel)] == expected


def test_shown_designation_is_the_one_that_qualifies(sample, tmp_path):
    _, wb = export(sample, tmp_path, Selection(programs=("little_giant",), year=2024,
                                               validity="expired"))
    (row,) = records(wb.active)
    assert row["认定年份"] == 2019 and row["认定批次"] == "第一批"
    assert row["有效期至"] == dt.datetime(2021, 12, 31)


def test_all_enterprises_show_designations_held_at_year_end(sample, tmp_path):
    _, wb = export(sample, tmp_path, Selection(year=2025))
    rows = {r["企业名称"]: r for r in records(wb.active)}
    assert rows[HAIRONG]["称号"] == "专精特新“小巨人”企业、高新技术企业"
    assert rows[ZJT]["称号"] == "专精特新中小企业、高新技术企业（复核）"
    assert rows[HAIRONG]["认定年份"] is None  # two designations: no single year to show
    assert rows[HAIRONG]["2025年营业收入（万元）"] == 320_000
    assert rows[SAILUN]["称号"] == "科技型中小企业" and rows[SAILUN]["认定年份"] == 2025
    assert rows[SAILUN]["有效期至"] == dt.datetime(2026, 4, 30)
    assert rows[AT_SUM]["称号"] is None and rows[AT_SUM]["上市情况"] == "未上市"
    assert [r["序号"] for r in records(wb.active)] == [1, 2, 3, 4, 5]


def test_per_designation_rows_carry_every_designation(sample, tmp_path):
    count, wb = export(sample, tmp_path, per_designation=True)
    ws = wb.active
    assert [c.value for c in ws[3]][5:12] == ["称号", "认定年份", "认定批次", "认定级别", "有效期起",
                                              "有效期至", "产品名称"]
    rows = records(ws)
    assert count == 5
    got = [(r["序号"], r["企业名称"], r["称号"], r["认定年份"]) for r in rows]
    assert got == [
        (1, HYPERLINK, None, None), (2, AT_SUM, None, None),
        (3, ZJT, "专精特新中小企业", 2024), (3, ZJT, "制造业单项冠军（示范企业）", 2021),
        (3, ZJT, "高新技术企业（复核）", 2023),
        (4, SAILUN, "专精特新“小巨人”企业", 2019), (4, SAILUN, "科技型中小企业", 2025),
        (5, HAIRONG, "专精特新“小巨人”企业", 2023), (5, HAIRONG, "高新技术企业", 2024),
    ]
    champion = rows[3]
    assert champion["认定级别"] == "国家级" and champion["产品名称"] == "矿用隔爆型变频调速一体机"
    tech = rows[6]
    assert tech["有效期起"] == dt.datetime(2025, 5, 1) and tech["有效期至"] == dt.datetime(2026, 4, 30)


def test_sheet_per_program(sample, tmp_path):
    sel = Selection(programs=("little_giant", "high_tech", "tech_sme"), validity="any")
    count, wb = export(sample, tmp_path, sel, sheet_per_program=True)
    assert wb.sheetnames == ["专精特新“小巨人”企业", "高新技术企业", "科技型中小企业"]
    assert names(wb["专精特新“小巨人”企业"]) == [SAILUN, HAIRONG]
    assert names(wb["高新技术企业"]) == [ZJT, HAIRONG]
    assert names(wb["科技型中小企业"]) == [SAILUN]
    assert wb["高新技术企业"]["A1"].value == "青岛西海岸新区高新技术企业名单"
    assert count == 3  # distinct enterprises over all sheets


def test_sheet_per_program_widens_tiers(sample, tmp_path):
    _, wb = export(sample, tmp_path, Selection(tiers=("specialized_new",), year=2024),
                   sheet_per_program=True)
    assert wb.sheetnames == ["创新型中小企业", "专精特新中小企业", "专精特新“小巨人”企业"]
    assert names(wb["创新型中小企业"]) == [] and "共 0 家企业" in wb["创新型中小企业"]["A2"].value


def test_progress_and_cancel_leave_no_file(sample, tmp_path):
    seen = []
    export_roster(sample, Selection(), tmp_path / "ok.xlsx",
                  progress=lambda i, n: seen.append((i, n)))
    assert seen[-1] == (5, 5)
    out = tmp_path / "cancelled.xlsx"
    with pytest.raises(ExportError) as info:
        export_roster(sample, Selection(), out, cancelled=lambda: True)
    assert info.value.code == "export_cancelled"
    assert not out.exists() and not list(tmp_path.glob(".~*"))


def test_existing_file_is_replaced_only_on_success(sample, tmp_path):
    out = tmp_path / "keep.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(ExportError):
        export_roster(sample, Selection(), out, cancelled=lambda: True)
    assert out.read_bytes() == b"old"
    export_roster(sample, Selection(), out)
    assert openpyxl.load_workbook(out).active["A1"].value == "青岛西海岸新区全部企业名单"


def test_missing_folder_is_a_coded_error(sample, tmp_path):
    with pytest.raises(ExportError) as info:
        export_roster(sample, Selection(), tmp_path / "nowhere" / "r.xlsx")
    assert info.value.code == "export_folder_missing"


def test_per_designation_counts_an_enterprise_once_across_chunks(sample, tmp_path, monkeypatch):
    import goosetier.exporting.roster as roster

    monkeypatch.setattr(roster, "CHUNK", 1)
    seen = []
    count = export_roster(sample, Selection(), tmp_path / "r.xlsx", per_designation=True,
                          progress=lambda i, n: seen.append(i))
    assert count == 5 and seen[-1] == 5


@pytest.mark.parametrize("sel", [Selection(), Selection(year=2025),
                                 Selection(tiers=("specialized_new",), year=2024)])
@pytest.mark.parametrize("per_designation", [False, True])
def test_rows_read_in_small_chunks_lose_none(sample, tmp_path, monkeypatch, sel, per_designation):
    """The roster rows stream in chunks (straight from the cursor when no column needs
    converting); a chunk border, or a designation stream read before, drops no row."""
    import goosetier.exporting.roster_query as rq

    _, whole = export(sample, tmp_path, sel, name="whole.xlsx", per_designation=per_designation)
    monkeypatch.setattr(rq, "YIELD_PER", 2)
    _, chunked = export(sample, tmp_path, sel, name="chunked.xlsx",
                        per_designation=per_designation)
    assert records(chunked.active) == records(whole.active)
    with sample.session() as s:
        expected = [line.name for line in roster_lines(s, sel)]
    assert list(dict.fromkeys(names(chunked.active))) == expected
