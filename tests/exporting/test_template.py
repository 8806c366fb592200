"""The blank import template: headers the importer maps, validation lists, text codes, 说明."""

from __future__ import annotations

import zipfile

import openpyxl

from goosetier.core.catalog import load_catalog
from goosetier.exporting.template import CLUSTERS, COLUMNS, export_template
from goosetier.importing.columns import map_columns


def make(tmp_path):
    out = tmp_path / "template.xlsx"
    assert export_template(out) == len(COLUMNS)
    return out, openpyxl.load_workbook(out)


def test_every_header_is_recognised_by_the_importer(tmp_path):
    _, wb = make(tmp_path)
    ws = wb["企业名单"]
    headers = [c.value for c in ws[1]]
    mapping = map_columns(headers)
    assert mapping.unmapped == []
    fields = set(mapping.fields.values())
    assert fields >= {"name", "credit_code", "cluster", "street", "programs", "year", "batch",
                      "revenue", "listed", "above_scale_year", "contact_name", "contact_phone",
                      "notes"}
    assert mapping.units["revenue"] == "万元"
    assert ws.max_row == 1  # no example row that could be imported by mistake


def test_validations_and_text_code_column(tmp_path):
    out, wb = make(tmp_path)
    sheet_xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "dataValidation" in sheet_xml
    ws = wb["企业名单"]
    headers = [c.value for c in ws[1]]
    letter = {h: openpyxl.utils.get_column_letter(i) for i, h in enumerate(headers, 1)}
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    options = wb["选项"]
    assert options.sheet_state == "hidden"

    def listed(h):
        dv = rules[f"{letter[h]}2"]
        assert dv.type == "list"
        ref = dv.formula1.split("!")[1].replace("$", "")
        return [c.value for row in options[ref] for c in row]

    names = listed("称号")
    assert "专精特新“小巨人”企业" in names and "高新技术企业" in names
    assert set(names) <= {p.zh for p in load_catalog().programs.values()}
    assert listed("所属产业") == list(CLUSTERS) and CLUSTERS[-1] == "其他" and len(CLUSTERS) == 9
    assert listed("上市情况") == ["已上市", "未上市"]
    year = rules[f"{letter['认定年份']}2"]
    assert year.type == "whole" and (year.formula1, year.formula2) == ("2015", "2030")
    assert ws.column_dimensions[letter["统一社会信用代码"]].number_format == "@"
    assert ws.freeze_panes == "C2"


def test_notes_sheet_explains_every_column(tmp_path):
    _, wb = make(tmp_path)
    ws = wb["说明"]
    texts = [c.value for row in ws.iter_rows() for c in row if c.value]
    for column in COLUMNS:
        assert column.header in texts
    assert any("9.1E+17" in t or "文本格式" in t for t in texts if isinstance(t, str))
    assert wb.sheetnames.index("企业名单") == 0 and wb.active.title == "企业名单"
