"""Messages of the roster import (reading, validation, matching, apply, undo): code → (zh, en).

Merged into goosetier.core.messages.MESSAGES. Row-level messages say nothing about the row:
the importer puts "第{row}行：" in front (goosetier.importing.model.issue_message), so the same
sentence reads right in the CLI, in the --rejects workbook's 原因 column and in the GUI, which
shows the row number in its own column.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the file (reading) ---------------------------------------------------------------
    "file_not_found": ("找不到文件“{path}”。", "File not found: “{path}”."),
    "file_empty": ("文件“{path}”是空的，没有可导入的内容。", "“{path}” is empty: nothing to import."),
    "file_truncated": ("文件“{path}”不完整（可能在下载或拷贝时中断），无法打开；请重新获取原文件。",
                       "“{path}” is incomplete (cut off while downloading or copying); "
                       "get the file again."),
    "file_encrypted": ("文件“{path}”设置了打开密码，无法读取；请在 Excel 或 WPS 中取消密码并另存后再导入。",
                       "“{path}” is password-protected; remove the password in Excel or WPS, "
                       "save, and import again."),
    "file_not_spreadsheet": ("文件“{path}”不是电子表格，无法导入；支持 xlsx、xls、xlsb、ods 和 csv 文件。",
                             "“{path}” is not a spreadsheet; xlsx, xls, xlsb, ods and csv "
                             "files can be imported."),
    "file_html": ("文件“{path}”实际上是网页，不是 Excel 表格；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。",
                  "“{path}” is a web page, not a workbook; open it in Excel or WPS, save as "
                  ".xlsx and import that."),
    "file_unreadable": ("无法读取文件“{path}”：{reason}", "Cannot read “{path}”: {reason}"),
    "sheet_not_found": ("工作簿中没有名为“{sheet}”的工作表。", "The workbook has no sheet named “{sheet}”."),
    "csv_renamed": ("文件“{path}”实际是 CSV 文本（扩展名是 Excel 的），已按 CSV 读取。",
                    "“{path}” is CSV text with an Excel extension; it was read as CSV."),
    "csv_gb18030": ("CSV 文件按 GBK（GB18030）编码读取。", "The CSV file was read as GBK (GB18030)."),
    "extension_mismatch": ("文件扩展名与实际格式不符，已按实际格式读取。",
                           "The file's extension does not match its content; read by content."),
    "formula_no_cache": ("单元格 {cell} 是公式，但文件中没有保存计算结果，已按空值处理；"
                         "请在 Excel 中打开并保存后再导入。",
                         "Cell {cell} holds a formula saved without its value and was read as "
                         "empty; open and save the file in Excel, then import again."),
    "cell_error": ("单元格 {cell} 是错误值 {value}，已按空值处理。",
                   "Cell {cell} holds the error {value} and was read as empty."),
    "header_not_found": ("在工作表“{sheet}”的前 {rows} 行中没有找到表头（如“企业名称”“统一社会信用代码”），无法导入。",
                         "No header (企业名称, 统一社会信用代码 …) in the first {rows} rows of "
                         "sheet “{sheet}”."),
    "no_name_column": ("没有与“企业名称”对应的列，无法导入；请在列对应中指定企业名称列。",
                       "No column is mapped to the enterprise name; map one and try again."),
    # --- one row --------------------------------------------------------------------------
    "name_missing": ("企业名称为空，该行未导入。", "The enterprise name is empty; row not imported."),
    "text_truncated": ("“{column}”超过 {limit} 个字，已截断。",
                       "“{column}” is longer than {limit} characters and was cut."),
    "industry_not_code": ("“{column}”中的“{value}”不是国民经济行业代码（如 C39），该项未导入。",
                          "“{value}” in “{column}” is not an industry code (e.g. C39); "
                          "left out."),
    "bad_money": ("“{column}”中的“{value}”不是金额，该项未导入。",
                  "“{value}” in “{column}” is not an amount; left out."),
    "money_unit_unsupported": ("“{column}”的单位“{unit}”无法换算为万元，该项未导入。",
                               "The unit “{unit}” of “{column}” cannot be converted to 万元; "
                               "left out."),
    "money_negative": ("“{column}”中的“{value}”是负数，该项未导入。",
                       "“{value}” in “{column}” is negative; left out."),
    "bad_date": ("“{column}”中的“{value}”不是有效日期，该项未导入。",
                 "“{value}” in “{column}” is not a valid date; left out."),
    "bad_year": ("“{column}”中的“{value}”不是有效年份，该项未导入。",
                 "“{value}” in “{column}” is not a valid year; left out."),
    "bad_number": ("“{column}”中的“{value}”不是整数，该项未导入。",
                   "“{value}” in “{column}” is not a whole number; left out."),
    "listed_unclear": ("“{column}”中的“{value}”无法判断是否上市，该项未导入。",
                       "Cannot tell whether “{value}” in “{column}” means listed; left out."),
    "program_unknown": ("“{column}”中的“{value}”不是已知的称号，该称号未导入；可在称号目录中为其添加别名。",
                        "“{value}” in “{column}” is not a known designation; left out "
                        "(add it as a synonym in the catalog)."),
    "program_by_revenue": ("“{value}”按营业收入自动归入头雁档次，不单独登记为称号。",
                           "“{value}” follows from revenue (head-goose brackets); not stored "
                           "as a designation."),
    "designation_no_year": ("称号“{program}”没有认定年份，导入后不计入年度统计；请补充认定年份或用 --year 指定。",
                            "Designation “{program}” has no year and will not be counted; add "
                            "the year or use --year."),
    "figures_no_year": ("营业收入等数据没有对应年份，未导入；请在表头注明年份（如“2024年营业收入”）或用 --year 指定。",
                        "Revenue and other figures have no year and were left out; name the "
                        "year in the header (2024年营业收入) or use --year."),
    "duplicate_in_file": ("与第{first}行是同一家企业（{name}），已合并为一条。",
                          "Same firm as row {first} ({name}); merged into one."),
    "duplicate_code_in_file": ("统一社会信用代码“{code}”与第{first}行（{other}）相同，但企业名称不同，该行未导入。",
                               "Credit code “{code}” is also on row {first} ({other}) under "
                               "another name; row not imported."),
    "duplicate_name_in_file": ("企业名称与第{first}行相同，但统一社会信用代码不同（{code} / {other}），该行未导入。",
                               "Same name as row {first} but another credit code ({code} / "
                               "{other}); row not imported."),
    "near_match": ("“{name}”与台账中的“{other}”相近（相似度 {score}），需人工确认是否为同一企业，暂未导入。",
                   "“{name}” resembles “{other}” in the registry (score {score}); confirm "
                   "whether they are one firm. Not imported yet."),
    "same_name_other_code": ("台账中已有同名企业“{other}”，但统一社会信用代码不同（本表 {code}，台账 {other_code}），"
                             "需人工确认是否为同一企业，暂未导入。",
                             "The registry has a firm of the same name “{other}” with another "
                             "credit code ({code} here, {other_code} there); confirm. Not "
                             "imported yet."),
    "matches_same_enterprise": ("与第{first}行对应台账中的同一家企业（{name}），该行未导入。",
                                "Matches the same registry firm as row {first} ({name}); row "
                                "not imported."),
    "enterprise_gone": ("对应的台账企业已被删除，该行未导入。",
                        "The registry firm it matched has been deleted; row not imported."),
    "decision_not_possible": ("第{row}行没有可确认的企业记录。", "Row {row} has no record to decide on."),
    # --- the import as a whole -----------------------------------------------------------
    "import_cancelled": ("导入已取消，台账未做任何修改。", "Import cancelled; the registry was not changed."),
    "import_conflict": ("导入期间有 {count} 家企业被他人修改，为避免覆盖，本次导入已全部撤回；请重新导入。",
                        "{count} firms were changed by someone else during the import; nothing "
                        "was written. Import again."),
    "import_stale": ("预览之后台账已被修改（如同事新增了同一企业），本次导入已全部撤回，台账未做修改；请重新导入。（{detail}）",
                     "The registry changed after the preview (someone added the same firm); "
                     "nothing was written. Import again. ({detail})"),
    "strict_errors": ("发现 {count} 处错误，按 --strict 要求未写入任何数据。",
                      "{count} errors found; with --strict nothing was written."),
    "undo_conflict": ("导入批次 {batch} 之后，有 {count} 条记录又被修改（如 {examples}），撤销会丢失这些修改，已拒绝撤销；"
                      "确认仍要撤销请加 --force。",
                      "{count} records were changed after import batch {batch} (e.g. "
                      "{examples}); undoing would lose those changes. Use --force to undo "
                      "anyway."),
    "batch_not_found": ("没有编号为 {batch} 的导入批次。", "There is no import batch {batch}."),
    "batch_already_undone": ("导入批次 {batch} 已于 {at} 撤销。", "Import batch {batch} was undone at {at}."),
    "sample_not_empty": ("台账中已有 {count} 家企业；示例数据只能装入空台账，未做任何修改。",
                         "The registry already holds {count} firms; the sample loads only into "
                         "an empty registry. Nothing was changed."),
    "program_option_unknown": ("没有名为“{value}”的称号。可用的称号：{known}。",
                               "No designation named “{value}”. Known: {known}."),
    "row_prefix": ("第{row}行：", "Row {row}: "),
}
