"""Roster workbooks for the import tests, written with openpyxl the way offices lay them out."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from tests.gui.builders import code_for


def write_roster(path: Path, rows: int = 30, start: int = 1000) -> Path:
    """A title row, a header, `rows` firms (new ones, two known ones, a near match of a known
    name, a malformed code) and a footnote."""
    book = Workbook()
    sheet = book.active
    sheet.title = "附件1"
    sheet.append(["2024年青岛市专精特新中小企业名单"])
    sheet.append(["序号", "企业名称", "统一社会信用代码", "所属街道", "称号", "认定年份"])
    for i in range(rows):
        sheet.append([i + 1, f"青岛新锐{start + i}智能装备有限公司", code_for(start + i),
                      "灵珠山街道", "专精特新中小企业", 2024])
    n = rows
    # known by code (builders.populate gave firm i the code code_for(i)): same, then a move
    sheet.append([n + 1, "青岛明月科技有限公司", code_for(1), "长江路街道", "专精特新中小企业",
                  2024])
    sheet.append([n + 2, "青岛华通科技有限公司", code_for(2), "黄岛街道", "专精特新中小企业", 2024])
    sheet.append([n + 3, "青岛瑞丰科枝有限公司", None, "辛安街道", "专精特新中小企业", 2024])
    sheet.append([n + 4, "青岛坏码机械有限公司", "12345", "辛安街道", "专精特新中小企业", 2024])
    sheet.append(["注：1.名单按企业注册地排序，不分先后。"])
    for col in "C":
        for cell in sheet[col]:
            cell.number_format = "@"
    book.save(path)
    return path
