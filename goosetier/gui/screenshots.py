"""Render the window offscreen to PNGs for the README and reviews.

    python -m goosetier.gui.screenshots build/screenshots

writes main-window.png (the sample registry, a tier chosen, an enterprise open),
import-preview.png (the wizard's preview of a small 2025 roster) and dashboard.png. It runs in
a throw-away GooseTier home, so the developer's registry and settings are never touched, and
uses a CJK font so Chinese renders without a desktop.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

SIZE = (1440, 900)


def _roster(path: Path) -> Path:
    """A 2025 专精特新 list: known firms (some moved street), new firms, a typo, a bad code."""
    import xlsxwriter

    from goosetier.importing.sample import FIRMS

    rows = [[FIRMS[i][0], None, "辛安街道" if i % 2 else "灵珠山街道", "专精特新中小企业", 2025]
            for i in (5, 13, 16, 20)]
    for n, name in enumerate(("青岛澜海智能装备有限公司", "青岛启明星海洋科技有限公司",
                              "青岛芯途半导体有限公司", "青岛智航机器人有限公司",
                              "青岛蓝途新材料科技有限公司", "青岛众诚精密机械有限公司")):
        rows.append([name, None, ("薛家岛街道", "长江路街道", "黄岛街道")[n % 3],
                     "专精特新中小企业", 2025])
    rows.append(["青岛海嘉机械集团有限公司", None, "隐珠街道", "专精特新中小企业", 2025])
    rows.append(["青岛坏码科技有限公司", "91370211ABC", "珠海街道", "专精特新中小企业", 2025])
    book = xlsxwriter.Workbook(str(path))
    try:
        sheet = book.add_worksheet("附件1")
        sheet.write_row(0, 0, ["2025年青岛市专精特新中小企业名单（第一批）"])
        sheet.write_row(1, 0, ["序号", "企业名称", "统一社会信用代码", "所属街道", "称号",
                               "认定年份"])
        for i, row in enumerate(rows, start=1):
            sheet.write_number(1 + i, 0, i)
            for j, value in enumerate(row, start=1):
                if value is not None:
                    sheet.write(1 + i, j, value)
        sheet.write_row(2 + len(rows), 0, ["注：名单按企业注册地排序，不分先后。"])
    finally:
        book.close()
    return path


def _settle(app, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def render(outdir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    outdir.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="goosetier-shots-"))
    os.environ["GOOSETIER_HOME"] = str(home)
    os.environ.setdefault("GOOSETIER_LANG", "zh_CN")
    os.environ.pop("GOOSETIER_DB", None)

    from goosetier.gui.app_setup import prepare_application
    from goosetier.gui.main_window import MainWindow
    from goosetier.gui.sample_loader import load_sample
    from goosetier.store.database import open_registry

    app = prepare_application([sys.argv[0]])
    registry = open_registry(home / "registry.sqlite3")
    load_sample(registry)
    win = MainWindow(registry)
    win.resize(*SIZE)
    win.show()
    _settle(app)
    win.browser.select("tier:specialized_new")
    target = next((r for r in range(win.table.model.rowCount())
                   if "小巨人" in (win.table.model.data(win.table.model.index(r, 2)) or "")), 0)
    win.table.select_enterprise(win.table.model.enterprise_id(target))
    win.detail.tabs.setCurrentIndex(1)
    _settle(app)
    written = [outdir / "main-window.png"]
    win.grab().save(str(written[-1]))

    win.tabs.setCurrentIndex(1)
    _settle(app)
    win.dashboard.metric.setCurrentIndex(max(0, win.dashboard.metric.findData("high_tech")))
    _settle(app)
    written.append(outdir / "dashboard.png")
    win.grab().save(str(written[-1]))
    win.tabs.setCurrentIndex(0)

    wizard = win.open_import(str(_roster(home / "2025年专精特新中小企业名单.xlsx")))
    wizard.resize(1200, 720)
    for _ in range(3):  # sheet → columns → options → preview
        _wait(app, lambda: wizard.currentPage().isComplete())
        wizard.next()
    _wait(app, lambda: wizard.currentPage().isComplete())
    _settle(app)
    written.append(outdir / "import-preview.png")
    wizard.grab().save(str(written[-1]))
    wizard.reject()
    win.close()
    registry.close()
    return written


def _wait(app, condition, timeout: float = 60.0) -> None:
    import time

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    outdir = Path(args[0] if args else "build/screenshots")
    for path in render(outdir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
