"""The main window (a first version: the summary of the current plan; the full window follows)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

from goosetier import APP_NAME_ZH, __version__
from goosetier.reports.summary import build_summary


class MainWindow(QMainWindow):
    def __init__(self, registry) -> None:
        super().__init__()
        self.registry = registry
        self.setWindowTitle(f"{APP_NAME_ZH} GooseTier {__version__}")
        with registry.session() as s:
            summary = build_summary(s)
        table = QTableWidget(len(summary.rows), 4)
        table.setHorizontalHeaderLabels(["指标", "当前数", "目标", "完成率"])
        for i, r in enumerate(summary.rows):
            done = "—" if r.completion is None else f"{r.completion:.1%}"
            target = "—" if r.target is None else f"{r.target:g}"
            for j, v in enumerate((r.name, str(r.count), target, done)):
                table.setItem(i, j, QTableWidgetItem(v))
        self.setCentralWidget(table)
        self.resize(900, 600)


def launch(registry) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    win = MainWindow(registry)
    win.show()
    return app.exec()
