"""Finding the header under titles, and sorting later rows into data, captions and notes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from goosetier.core.codes import check_code, make_code
from goosetier.importing.columns import map_columns
from goosetier.importing.header import (
    Finding,
    HeaderInfo,
    Section,
    classify,
    locate,
    parse_section,
    scan,
)
from goosetier.importing.reading import open_roster

ROSTERS = Path(__file__).resolve().parents[2].parent / "shared" / "rosters"
HEADER = ["序号", "企业名称", "统一社会信用代码", "所属行业"]
CODE_A = make_code("91370211", "MA3C0X5Q")
CODE_B = make_code("91370211", "MA3C1Y6R")


def data(i: int, name: str | None = None, code: str | None = CODE_A) -> list[object]:
    return [i, name or f"青岛示例{i}号机械有限公司", code, "C34"]


def kinds(rows: list[list[object]]) -> list[tuple[int, str]]:
    info = locate(rows)
    assert info is not None
    return [(r.excel_row, r.kind) for r in classify(rows, info)]


def test_header_below_titles_and_blank_rows() -> None:
    rows = [
        ["附件1", None, None, None],
        ["2023年青岛市专精特新中小企业名单", None, None, None],
        ["填报单位：区工业和信息化局    填报日期：2024年1月", None, None, None],
        [None, None, None, None],
        HEADER,
        data(1),
    ]
    info = locate(rows)
    assert info == HeaderInfo(
        4,
        HEADER,
        5,
        (
            "附件1",
            "2023年青岛市专精特新中小企业名单",
            "填报单位：区工业和信息化局 填报日期：2024年1月",
        ),
        4,
    )


def test_header_needs_two_known_names_or_the_name_column() -> None:
    assert locate([["青岛市"], ["序号", "甲", "乙"], [1, "x", "y"]]) is None
    only_name = locate([["名单"], ["企业名称"], ["青岛甲有限公司"]])
    assert only_name is not None and only_name.header_row_index == 1
    # More known names win over an earlier row with fewer.
    best = locate([["企业名称", "说明文字"], ["序号", "企业名称", "信用代码", "地区"]])
    assert best is not None and best.header_row_index == 1


def test_header_search_window() -> None:
    rows = [[f"第{i}行说明"] for i in range(40)] + [HEADER]
    assert locate(rows) is None
    info = locate(rows, max_scan=50)
    assert info is not None and info.header_row_index == 40


def test_column_number_row_under_header_is_skipped() -> None:
    info = locate([HEADER, [1, 2, 3, 4], data(1)])
    assert info is not None and info.data_start == 2


def test_classify_sections_footnotes_and_repeats() -> None:
    rows = [
        ["2022年制造业单项冠军名单", None, None, None],  # 1
        HEADER,  # 2
        ["一、示范企业", None, None, None],  # 3
        data(1),  # 4
        data(2, code=CODE_B),  # 5
        [None, None, "", "  "],  # 6
        ["二、培育企业", None, None, None],  # 7
        data(1),  # 8
        HEADER,  # 9: the header again where a PDF was pasted
        data(2),  # 10
        ["三、产品", None, None, None],  # 11
        data(1),  # 12
        ["附件2：复核通过企业名单", None, None, None],  # 13
        data(1),  # 14
        ["注：1.名单按企业注册地排序，不分先后。", None, None, None],  # 15
        ["2.有效期三年。", None, None, None],  # 16
        ["备注：以公示为准", None, None, None],  # 17
        ["说明：", "", None, None],  # 18
        ["注1. 数据截至年底", None, None, None],  # 19
    ]
    info = locate(rows)
    assert info is not None
    out = list(classify(rows, info))
    assert [(r.excel_row, r.kind) for r in out] == [
        (3, "section"),
        (4, "data"),
        (5, "data"),
        (6, "blank"),
        (7, "section"),
        (8, "data"),
        (9, "repeated_header"),
        (10, "data"),
        (11, "section"),
        (12, "data"),
        (13, "section"),
        (14, "data"),
        (15, "footnote"),
        (16, "footnote"),
        (17, "footnote"),
        (18, "footnote"),
        (19, "footnote"),
    ]
    by_row = {r.excel_row: r for r in out}
    assert by_row[4].section == Section("一、示范企业", None, "示范企业", None)
    assert by_row[8].section == by_row[10].section == Section("二、培育企业", None, "培育企业")
    assert by_row[12].section is not None and by_row[12].section.category == "产品"
    assert by_row[14].section is not None and by_row[14].section.kind == "review"
    assert by_row[3].section is None  # the caption row itself carries no section
    assert by_row[4].values == data(1)
    assert by_row[4].index == 3


def test_place_captions_and_sparse_data() -> None:
    rows = [
        HEADER,
        ["黄岛区", None, None, None],
        data(1),
        [None, "青岛甲机械有限公司", None, None],  # a firm with gaps is data, not a caption
        [3, "乙", None, None],  # numbered: data
        ["青岛市", None, None, None],
        data(4),
    ]
    assert kinds(rows) == [
        (2, "section"),
        (3, "data"),
        (4, "data"),
        (5, "data"),
        (6, "section"),
        (7, "data"),
    ]
    info = locate(rows)
    assert info is not None
    sections = [r.section for r in classify(rows, info) if r.kind == "data"]
    assert [s.place if s else None for s in sections] == ["黄岛区", "黄岛区", "黄岛区", "青岛市"]


def test_narrow_roster_rows_stay_data() -> None:
    # 序号 / 企业名称 only (like the MIIT list without codes): two cells per row is still data.
    rows = [["序号", "企业名称"], [1, "甲"], [2, "乙"], ["注：排名不分先后", None]]
    assert kinds(rows) == [(2, "data"), (3, "data"), (4, "footnote")]


@pytest.mark.parametrize(
    ("text", "kind", "category", "place"),
    [
        ("一、示范企业", None, "示范企业", None),
        ("（二）培育企业", None, "培育企业", None),
        ("三、产品", None, "产品", None),
        ("附件2：复核通过企业名单", "review", None, None),
        ("第三批复核通过示范企业", "review", "示范企业", None),
        ("黄岛区", None, None, "黄岛区"),
        ("西海岸新区", None, None, "西海岸新区"),
        ("一、青岛市", None, None, "青岛市"),
    ],
)
def test_parse_section(
    text: str, kind: str | None, category: str | None, place: str | None
) -> None:
    assert parse_section(text) == Section(text, kind, category, place)


def test_scan_streams_once() -> None:
    rows = iter([["名单"], HEADER, data(1), data(2)])
    info, classified = scan(rows)
    assert info is not None and info.header_row_index == 1
    assert [r.excel_row for r in classified] == [3, 4]
    assert scan(iter([["x"], ["y"]]))[0] is None


def test_finding_defaults() -> None:
    finding = Finding("formula_no_cache", 5, 2, {"cell": "C5"})
    assert (finding.code, finding.row, finding.column, finding.severity) == (
        "formula_no_cache",
        5,
        2,
        "warning",
    )


def test_workbook_end_to_end(tmp_path: Path) -> None:
    """A roster as officers receive it: merged title, 填报 line, merged 地区, sections, notes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年西海岸新区重点企业名录"])
    ws.merge_cells("A1:E1")
    ws.append(["填报单位：区工信局"])
    ws.append([])
    ws.append(["地区", "序号", "企业名称", "统一社会信用代码", "营业收入（亿元）"])
    ws.append(["一、示范企业"])
    ws.merge_cells("A5:E5")
    ws.append(["黄岛区", 1, "青岛甲机械有限公司", CODE_A, 1.5])
    ws.append([None, 2, "青岛乙电子有限公司", CODE_B, 2])
    ws.merge_cells("A6:A7")
    ws.append(["注：营业收入为2024年数。"])
    wb.save(tmp_path / "r.xlsx")
    with open_roster(tmp_path / "r.xlsx") as roster:
        info, rows = scan(roster.iter_rows())
        assert info is not None
        classified = list(rows)
    assert (info.header_row_index, info.data_start) == (3, 4)
    mapping = map_columns(info.headers)
    assert mapping.units["revenue"] == "亿元"
    got = [(r.excel_row, r.kind) for r in classified]
    assert got == [(5, "section"), (6, "data"), (7, "data"), (8, "footnote")]
    district = mapping.column_of("district")
    assert [r.values[district] for r in classified if r.kind == "data"] == ["黄岛区", "黄岛区"]
    assert all(r.section and r.section.category == "示范企业" for r in classified[1:3])


# --- the example rosters in shared/ (read-only) ------------------------------------------------

needs_rosters = pytest.mark.skipif(
    not ROSTERS.is_dir(), reason=f"example rosters not found at {ROSTERS}"
)


def read_shared(name: str) -> tuple[HeaderInfo, list, Counter]:
    with open_roster(ROSTERS / name) as roster:
        assert roster.cell_findings() == []
        info, rows = scan(roster.iter_rows())
        assert info is not None
        classified = list(rows)
    return info, classified, Counter(r.kind for r in classified)


@needs_rosters
def test_shared_generated_roster_2000() -> None:
    info, rows, count = read_shared("generated_roster_2000.xlsx")
    assert (info.header_row_index, count["data"]) == (2, 2000)
    assert set(count) == {"data"}
    assert map_columns(info.headers).fields[4] == "programs"  # 梯度


@needs_rosters
def test_shared_specialised_sme_list() -> None:
    info, rows, count = read_shared("专精特新中小企业名单_2024.xlsx")
    assert (info.header_row_index, count["data"]) == (3, 10)
    assert (count["section"], count["footnote"]) == (2, 1)
    assert info.titles == ("附件", "2024年山东省专精特新中小企业名单（青岛市部分）")
    places = [r.section.place for r in rows if r.kind == "data"]
    assert places == ["黄岛区"] * 7 + ["城阳区"] * 3
    mapping = map_columns(info.headers)
    assert mapping.fields[1] == "district"  # 区（市）
    codes = [check_code(r.values[3]).status for r in rows if r.kind == "data"]
    assert codes.count("valid") == 9 and codes.count("bad_check") == 1


@needs_rosters
def test_shared_district_ledger() -> None:
    info, rows, count = read_shared("西海岸新区重点培育企业名录_2024.xlsx")
    assert (info.header_row_index, count["data"]) == (3, 30)
    assert (count["blank"], count["footnote"]) == (1, 1)
    assert info.titles[1].startswith("填报单位")
    mapping = map_columns(info.headers)
    assert mapping.units == {"revenue": "亿元", "registered_capital": "万元"}
    assert mapping.unmapped == []


@needs_rosters
def test_shared_high_tech_list() -> None:
    info, rows, count = read_shared("高新技术企业认定名单_2024第一批.xlsx")
    assert (info.header_row_index, count["data"]) == (1, 15)
    assert map_columns(info.headers).column_of("certificate_no") == 2
    assert map_columns(info.headers).column_of("credit_code") is None  # match by name
    assert "第一批" in info.titles[0]
