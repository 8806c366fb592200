"""Formula safety: text that looks like a formula leaves every export as text."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
import xlsxwriter

from goosetier.exporting.roster import export_roster
from goosetier.exporting.safety import (
    CellWriter,
    column_width,
    display_width,
    excel_date,
    is_risky,
    sheet_name,
)
from goosetier.store.selection import Selection
from tests.exporting.conftest import AT_SUM, HYPERLINK

RISKY = [HYPERLINK, AT_SUM, "+1+1", "-2+3", "＝SUM(A1:A2)", "＋1", "－1", "＠A1", "\tx", "\r=1",
         "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("text", RISKY)
def test_risky_prefixes(text):
    assert is_risky(text)


@pytest.mark.parametrize("text", ["青岛海容", "", "A=1", "91350200776049653A", " =1"])
def test_harmless_text(text):
    assert not is_risky(text)


def test_widths_count_cjk_double():
    assert display_width("abc") == 3 and display_width("青岛") == 4
    assert display_width("（）") == 4 and display_width("A青") == 3
    assert column_width(["青岛海容商用冷链股份有限公司"]) == 30
    assert column_width([], floor=6) == 6 and column_width(["x" * 500]) == 60


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_name("专精特新“小巨人”企业", taken) == "专精特新“小巨人”企业"
    assert sheet_name("a/b[c]:d*?", taken) == "a_b_c__d__"
    long = "一" * 40
    assert sheet_name(long, taken) == "一" * 31
    assert sheet_name(long, taken) == "一" * 28 + "(2)"


def test_excel_date():
    assert excel_date(dt.date(2025, 1, 1)) == 45658
    assert excel_date(dt.datetime(2025, 1, 1, 12)) == 45658.5


def test_cell_writer_never_writes_formulas(tmp_path):
    out = tmp_path / "cells.xlsx"
    wb = xlsxwriter.Workbook(str(out))
    c = CellWriter(wb, wb.add_worksheet())
    for row, text in enumerate(RISKY):
        c.value(row, 0, text, c.fmt(bold=True), {"bold": True})
    c.row(len(RISKY), [1, 2.5, True, dt.date(2025, 3, 4), None, object.__new__(Exotic)])
    wb.close()
    ws = openpyxl.load_workbook(out).active
    for row, text in enumerate(RISKY, 1):
        cell = ws.cell(row, 1)
        # openpyxl leaves Excel's _x000D_ escape of a carriage return as it is; Excel reads CR
        assert cell.data_type == "s" and cell.value.replace("_x000D_", "\r") == text
        assert cell.quotePrefix and cell.font.b  # keeps its look, gains the quote prefix
    last = [c.value for c in ws[len(RISKY) + 1]]
    assert last[:4] == [1, 2.5, True, dt.datetime(2025, 3, 4)] and last[5] == "exotic"
    assert b"<f>" not in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")


class Exotic:
    def __str__(self) -> str:
        return "exotic"


def test_formula_names_survive_a_roster_round_trip(sample, tmp_path):
    out = tmp_path / "roster.xlsx"
    export_roster(sample, Selection(), out)
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    ws = openpyxl.load_workbook(out).active
    cells = {c.value: c for row in ws.iter_rows(min_row=4) for c in row if c.value is not None}
    for text in (HYPERLINK, AT_SUM, "＝1+1", "+86 532 8888 0000", "-待核实"):
        cell = cells[text]
        assert cell.data_type == "s", text
        assert cell.quotePrefix, text
    assert not cells["赛轮集团股份有限公司"].quotePrefix
    # read back as values (data_only) the text is the same: nothing was evaluated
    values = {c.value for row in openpyxl.load_workbook(out, data_only=True).active.iter_rows()
              for c in row}
    assert {HYPERLINK, AT_SUM} <= values
