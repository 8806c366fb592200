"""Messages of the installation self-test (``goosetier selftest``) and the packaged program."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # check names (one line each: "OK: <name>: <detail>" / "FAIL: <name>: <reason>")
    "selftest_program": ("程序", "program"),
    "selftest_modules": ("程序模块", "modules"),
    "selftest_resources": ("内置资料", "resources"),
    "selftest_migrations": ("数据库升级脚本", "migrations"),
    "selftest_translations": ("中文翻译", "translations"),
    "selftest_registry": ("临时台账", "scratch registry"),
    "selftest_sample": ("示例名单", "sample roster"),
    "selftest_import_undo": ("导入与撤销", "import and undo"),
    "selftest_pdf": ("汇总表 PDF", "summary PDF"),
    "selftest_print_plugin": ("打印支持插件", "print-support plugin"),
    "selftest_printer_backend": ("打印机", "printer backend"),
    "selftest_window": ("主窗口", "main window"),
    "selftest_platforms": ("窗口显示插件", "platform plugins"),
    # details
    "selftest_frozen": ("安装包", "installed bundle"),
    "selftest_source": ("源码", "source checkout"),
    "selftest_program_detail": ("GooseTier {version}（{kind}：{where}；Python {python}）",
                                "GooseTier {version} ({kind}: {where}; Python {python})"),
    "selftest_modules_detail": ("{count} 个模块均可载入；numpy {numpy}；PostgreSQL 驱动：{postgres}",
                                "{count} modules import; numpy {numpy}; PostgreSQL driver: "
                                "{postgres}"),
    "selftest_window_detail": ("已在后台建立并关闭（{title}）", "built and closed offscreen ({title})"),
    "selftest_resources_detail": ("称号 {programs} 项，规划期 {plans} 个，图标 {icons} 个（{where}）",
                                  "{programs} programs, {plans} plans, {icons} icons ({where})"),
    "selftest_migrations_detail": ("脚本 {files} 个，结构版本 {revisions} 个，最新 {head}",
                                   "{files} scripts, {revisions} revisions, head {head}"),
    "selftest_translations_detail": ("本程序 {ours}，Qt {qt}", "ours {ours}, Qt {qt}"),
    "selftest_registry_detail": ("已在临时目录建立并升级到 {revision}，称号目录 {programs} 项（{path}）",
                                 "created and migrated to {revision}, {programs} programs ({path})"),
    "selftest_sample_detail": ("已载入示例企业 {count} 家、称号 {designations} 条",
                               "{count} sample enterprises, {designations} designations loaded"),
    "selftest_import_detail": ("生成名单 {rows} 行已导入（批次 {batch}）并撤销（移除 {removed} 家）",
                               "generated roster of {rows} rows imported (batch {batch}) and "
                               "undone ({removed} removed)"),
    "selftest_pdf_detail": ("{pages} 页，{size} 字节", "{pages} pages, {size} bytes"),
    "selftest_print_plugin_detail": ("{plugin} 已加载；QPrinter 可用（{printer}）",
                                     "{plugin} loaded; QPrinter works ({printer})"),
    "selftest_print_builtin": ("本系统的打印支持内置于 QtPrintSupport；QPrinter 可用（{printer}）",
                               "printing is built into QtPrintSupport here; QPrinter works "
                               "({printer})"),
    "selftest_printers": ("系统打印机 {count} 台（默认：{default}）",
                          "{count} system printers (default: {default})"),
    "selftest_pdf_printer": ("未发现系统打印机；PDF 打印可用（{size} 字节）",
                             "no system printer; the PDF printer backend works ({size} bytes)"),
    "selftest_platforms_detail": ("{plugins}（当前：{current}）", "{plugins} (now: {current})"),
    "selftest_platforms_session": ("本机桌面所用的 {plugin} 可以加载（共有：{plugins}）",
                                   "{plugin}, this desktop's, loads (all: {plugins})"),
    "selftest_summary": ("自检完成：{passed}/{total} 项通过", "self-test: {passed}/{total} passed"),
    # failures
    "selftest_missing": ("缺少文件：{what}", "missing: {what}"),
    "selftest_unavailable": ("功能模块不可用：{what} {detail}", "not available: {what} {detail}"),
    "selftest_needs": ("需要先通过“{what}”检查", "needs the “{what}” check to pass first"),
    "selftest_empty_translation": ("翻译文件为空：{what}", "empty translation: {what}"),
    "selftest_not_at_head": ("临时台账结构版本为 {revision}，应为 {head}",
                             "scratch registry at {revision}, expected {head}"),
    "selftest_sample_empty": ("示例名单未载入任何企业（{result}）",
                              "the sample roster loaded no enterprise ({result})"),
    "selftest_import_counts": ("应新增 {expected} 家，实际新增 {inserted} 家，拒绝 {rejected}，待确认 {review}"
                               "（{issues}）",
                               "expected {expected} new, got {inserted}; rejected {rejected}, "
                               "review {review} ({issues})"),
    "selftest_undo_counts": ("撤销后企业数不符：导入前 {before}，导入后 {after}，撤销后 {restored}",
                             "undo left wrong counts: before {before}, after {after}, "
                             "after undo {restored}"),
    "selftest_numpy_wrong": ("numpy 计算结果错误（数值库损坏）", "numpy computes wrong results"),
    "selftest_not_pdf": ("生成的文件不是 PDF：{path}", "not a PDF: {path}"),
    "selftest_plugin_load": ("插件无法加载（多为缺少系统库，请按安装说明补装）：{detail}",
                             "plugin does not load (usually a missing system library; see the "
                             "install notes): {detail}"),
    "selftest_no_printer": ("既没有系统打印机，PDF 打印也不可用：{path}",
                            "no system printer and no PDF printer backend: {path}"),
}
