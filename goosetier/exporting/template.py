"""The blank import template: a roster layout the importer recognises, with drop-down lists.

Sheet 企业名单 carries the headers (each one a synonym the importer maps, see
goosetier.importing.columns), a text-formatted credit-code column (so Excel cannot turn a code
into 9.1E+17), and data validation: 称号 from the catalog, 所属产业 from the eight industry
clusters plus 其他, 上市情况 已上市/未上市, 认定年份 2015–2030, amounts ≥ 0. Validation is a
warning, not a stop, where a real roster may legitimately differ (several 称号 in one cell, an
exchange name in 上市情况). The lists live on a hidden sheet 选项 (a typed-in list is limited to
255 characters); sheet 说明 explains every column in Chinese.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from goosetier.core.catalog import load_catalog
from goosetier.exporting.safety import CellWriter, display_width, open_book

# 八大产业 of the plan (DOMAIN §2), and 其他 for everything else.
CLUSTERS = ("船舶海工", "智能家电", "高端化工新材料", "汽车", "高端装备", "芯屏", "海洋生物医药",
            "人工智能", "其他")
LISTED = ("已上市", "未上市")
YEARS = (2015, 2030)
ROWS = 5000  # rows prepared with validation and text format


@dataclass(frozen=True, slots=True)
class TemplateColumn:
    header: str
    required: str  # 必填 / 选填 / 建议填写
    explain: str
    example: str
    kind: str = "text"  # text / code / year / money / program / cluster / listed / date


COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn("序号", "选填", "行号，仅便于核对，导入时不使用。", "1", "int"),
    TemplateColumn("企业名称", "必填", "营业执照上的企业全称；括号全角、半角均可。",
                   "青岛海容商用冷链股份有限公司"),
    TemplateColumn("统一社会信用代码", "建议填写",
                   "18位，由数字和大写字母组成（不含 I、O、Z、S、V）。本列已设为文本格式，请勿改为"
                   "数值，否则 Excel 会丢失末尾数字。没有代码时按企业名称匹配。",
                   "91350200776049653A", "code"),
    TemplateColumn("所属产业", "选填", "八大产业之一，不属于时选“其他”（可从下拉列表选择）。",
                   "智能家电", "cluster"),
    TemplateColumn("所属街道", "选填", "企业所在镇街。", "灵珠山街道"),
    TemplateColumn("所属行业", "选填", "国民经济行业代码（GB/T 4754），如 C39。", "C34"),
    TemplateColumn("称号", "选填",
                   "梯度培育称号，可从下拉列表选择；一家企业有多个称号时可用顿号（、）分隔，"
                   "或每个称号填一行并分别填写认定年份和批次。", "专精特新“小巨人”企业", "program"),
    TemplateColumn("认定年份", "有称号时必填", "获得该称号的年份（四位数字），用于判断有效期。",
                   "2023", "year"),
    TemplateColumn("认定批次", "选填", "如“第五批”“2023年第一批”；复核通过的可填“复核”。",
                   "第五批"),
    TemplateColumn("有效期至", "选填", "证书有效期截止日期；不填时按称号默认有效期推算。",
                   "2026-09-05", "date"),
    TemplateColumn("主营产品", "选填", "主营产品；单项冠军产品请填写产品名称。", "商用冷链设备"),
    TemplateColumn("营业收入（万元）", "选填",
                   "上一年度营业收入，单位万元（10亿元 = 100000万元），用于头雁企业分档。",
                   "320000", "money"),
    TemplateColumn("上市情况", "选填", "已上市 / 未上市；也可填写上市板块，如“科创板”。",
                   "已上市", "listed"),
    TemplateColumn("升规入统时间", "选填", "纳入规模以上工业统计的年份或日期（用于新增小升规）。",
                   "2021", "date"),
    TemplateColumn("法定代表人", "选填", "", "张三"),
    TemplateColumn("联系人", "选填", "企业联系人姓名。", "李四"),
    TemplateColumn("联系电话", "选填", "手机或座机，按文本填写。", "13800000000", "code"),
    TemplateColumn("注册地址", "选填", "", "青岛市黄岛区……"),
    TemplateColumn("备注", "选填", "其他需要说明的情况。", ""),
)

GENERAL_NOTES = (
    "本模板用于向“雁阵梯度培育台账”导入企业名单：请在“企业名单”工作表第2行起填写，每行一家企业"
    "（或一家企业的一个称号）。",
    "请勿修改表头文字和列的含义；可以删除不需要的列，也可以调整列的顺序。",
    "统一社会信用代码是识别企业的首选依据；没有代码时按企业名称（含曾用名）匹配，近似名称会请您确认。",
    "下拉列表仅作提示：称号、所属产业、上市情况可填写列表外的内容，导入时会逐项核对并提示。",
    "导入前系统会自动备份台账，导入结果可以撤销。",
)


def export_template(out_path: str | os.PathLike[str]) -> int:
    """Write the blank template; returns the number of columns."""
    with open_book(Path(out_path)) as wb:
        wb.set_properties({"title": "企业名单导入模板", "creator": "GooseTier 雁阵梯度培育台账"})
        formats: dict = {}
        data = CellWriter(wb, wb.add_worksheet("企业名单"), formats)
        notes = CellWriter(wb, wb.add_worksheet("说明"), formats)
        options = CellWriter(wb, wb.add_worksheet("选项"), formats)
        sources = _options(options)
        _data_sheet(data, sources)
        _notes_sheet(notes)
    return len(COLUMNS)


def _options(c: CellWriter) -> dict[str, str]:
    """The drop-down lists on the hidden sheet; returns kind → range formula."""
    program_names = [p.zh for p in sorted(load_catalog().programs.values(),
                                          key=lambda p: p.sort_order)
                     if p.counting != "revenue_bracket"]
    lists = {"program": ("称号", program_names), "cluster": ("所属产业", list(CLUSTERS)),
             "listed": ("上市情况", list(LISTED))}
    sources = {}
    for col, (kind, (title, values)) in enumerate(lists.items()):
        c.text(0, col, title, c.fmt(bold=True))
        for row, value in enumerate(values, 1):
            c.text(row, col, value)
        letter = chr(ord("A") + col)
        sources[kind] = f"=选项!${letter}$2:${letter}${len(values) + 1}"
        c.ws.set_column(col, col, max(display_width(v) for v in values) + 2)
    c.ws.hide()
    return sources


def _data_sheet(c: CellWriter, sources: dict[str, str]) -> None:
    ws = c.ws
    head = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center",
            "valign": "vcenter", "text_wrap": True}
    ws.set_row(0, 32)
    for col, column in enumerate(COLUMNS):
        c.text(0, col, column.header, c.fmt(**head), head)
        width = max(display_width(column.header), display_width(column.example)) + 2
        fmt = None
        if column.kind == "code":
            fmt = c.fmt(num_format="@")
        elif column.kind == "money":
            fmt = c.fmt(num_format="#,##0.00")
        elif column.kind == "date" and column.header == "有效期至":
            fmt = c.fmt(num_format="yyyy-mm-dd")
        ws.set_column(col, col, min(max(width, 8), 36), fmt)
        rule = _validation(column, sources)
        if rule:
            rule.setdefault("input_title", column.header[:32])
            rule.setdefault("input_message", (column.explain or column.header)[:255])
            ws.data_validation(1, col, ROWS, col, rule)
    ws.freeze_panes(1, 2)
    ws.activate()


def _validation(column: TemplateColumn, sources: dict[str, str]) -> dict | None:
    kind = column.kind
    if kind in sources:
        return {"validate": "list", "source": sources[kind], "error_type": "warning",
                "error_title": column.header,
                "error_message": "该值不在列表中；如确需填写（如多个称号、上市板块），请点“是”。"}
    if kind == "year":
        return {"validate": "integer", "criteria": "between", "minimum": YEARS[0],
                "maximum": YEARS[1], "error_type": "warning", "error_title": column.header,
                "error_message": f"认定年份通常在 {YEARS[0]}–{YEARS[1]} 之间，请核对。"}
    if kind == "money":
        return {"validate": "decimal", "criteria": ">=", "value": 0,
                "error_title": column.header, "error_message": "请填写不小于0的数字（单位：万元）。"}
    if column.header == "统一社会信用代码":
        return {"validate": "length", "criteria": "==", "value": 18, "error_type": "warning",
                "error_title": column.header, "error_message": "统一社会信用代码应为18位，请核对。"}
    return None


def _notes_sheet(c: CellWriter) -> None:
    ws = c.ws
    title = {"bold": True, "font_size": 14}
    c.text(0, 0, "企业名单导入模板说明", c.fmt(**title), title)
    wrap = {"text_wrap": True, "valign": "top"}
    row = 2
    for i, note in enumerate(GENERAL_NOTES, 1):
        ws.merge_range(row, 0, row, 3, "", c.fmt(**wrap))
        c.text(row, 0, f"{i}. {note}", c.fmt(**wrap), wrap)
        ws.set_row(row, 30)
        row += 1
    row += 1
    head = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"}
    for col, text in enumerate(("列名", "是否必填", "说明", "示例")):
        c.text(row, col, text, c.fmt(**head), head)
    cell = {**wrap, "border": 1}
    for column in COLUMNS:
        row += 1
        for col, text in enumerate((column.header, column.required, column.explain,
                                    column.example)):
            if text:
                c.text(row, col, text, c.fmt(**cell), cell)
            else:
                ws.write_blank(row, col, None, c.fmt(**cell))
    for col, width in enumerate((18, 12, 60, 30)):
        ws.set_column(col, col, width)
