"""Messages of the printed sheets (goosetier.gui.printing and the print commands)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "print_no_cjk_font": (
        "未找到可用的中文字体，无法生成打印文件（否则中文会印成方框）。请先安装中文字体："
        "Debian/Ubuntu/统信UOS/麒麟系统运行 sudo apt install fonts-noto-cjk；"
        "Windows 请安装“微软雅黑”（Microsoft YaHei）或“宋体”（SimSun）。",
        "No Chinese font found, so nothing was printed (Chinese would come out as boxes). "
        "Install one: on Debian/Ubuntu/UOS/Kylin run sudo apt install fonts-noto-cjk; "
        "on Windows install Microsoft YaHei (微软雅黑) or SimSun."),
    "print_write_failed": ("无法写入 PDF 文件“{path}”：{detail}",
                           "Cannot write the PDF “{path}”: {detail}"),
    "print_not_pdf": ("输出文件“{path}”应以 .pdf 结尾。",
                      "The output file “{path}” should end in .pdf."),
    "print_no_sections": ("请至少选择一个要打印的部分（{known}）。",
                          "Choose at least one part to print ({known})."),
    "print_unknown_program": ("没有 id 为“{id}”的称号。可用的称号 id：{known}",
                              "No program with id “{id}”. Known: {known}"),
    "print_unknown_tier": ("没有 id 为“{id}”的梯队。可用的梯队 id：{known}",
                           "No tier with id “{id}”. Known: {known}"),
    "print_no_gui": ("当前进程无法创建 Qt 图形应用，不能排版打印文件：{detail}",
                     "Cannot start a Qt GUI application to lay out the sheet: {detail}"),
}
