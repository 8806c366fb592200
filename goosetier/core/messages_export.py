"""Messages of the export features (rosters, summary workbook, template, PDF hand-off).

Merged into the one table by goosetier.core.messages; code → (Chinese, English).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "export_done": ("已导出 {count} 家企业到 {path}", "Exported {count} enterprises to {path}"),
    "export_summary_done": ("已导出{plan}汇总表（截至{year}年底，{rows} 项指标）到 {path}",
                            "Exported the {plan} summary (end of {year}, {rows} metrics) to {path}"),
    "export_template_done": ("已导出空白导入模板到 {path}",
                             "Exported the blank import template to {path}"),
    "export_unknown_program": ("没有编号为“{program}”的称号。可用编号：{known}。",
                               "No program with id “{program}”. Known ids: {known}."),
    "export_unknown_tier": ("没有编号为“{tier}”的梯队。可用编号：{known}。",
                            "No tier with id “{tier}”. Known ids: {known}."),
    "export_bad_extension": ("不支持导出为“{path}”：名单请用 .xlsx 或 .pdf，汇总表和模板请用 .xlsx。",
                             "Cannot export to “{path}”: use .xlsx or .pdf for a roster, "
                             ".xlsx for the summary and the template."),
    "export_pdf_unavailable": ("此版本尚不能导出 PDF 名单（缺少打印模块：{detail}）；请先导出 .xlsx。",
                               "PDF rosters are not available in this build ({detail}); "
                               "export .xlsx instead."),
    "export_folder_missing": ("保存位置“{path}”不存在，请先创建该文件夹或换一个位置。",
                              "The folder “{path}” does not exist; create it or choose another."),
    "export_cannot_write": ("无法写入“{path}”：{detail}。请检查文件夹权限，或关闭正在使用该文件的程序。",
                            "Cannot write “{path}”: {detail}. Check the folder's permissions."),
    "export_cancelled": ("已取消导出，未写入文件。", "Export cancelled; no file was written."),
    "export_xlsx_only_option": ("选项 {option} 只适用于 .xlsx 名单。",
                                "{option} applies to .xlsx rosters only."),
}
