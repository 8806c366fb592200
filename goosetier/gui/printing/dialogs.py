"""Print options, print preview, printing and PDF export from the window.

The main window hooks File → 打印预览 (Ctrl+P), 打印 and 导出 PDF to ``open_print_preview``,
``print_interactive`` and ``export_pdf_interactive``; each takes the registry and a
PrintOptions (from PrintOptionsDialog). A missing Chinese font is a warning box, not boxes on
paper.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from goosetier.core.messages import message
from goosetier.gui import printing as P
from goosetier.gui.printing.fonts import PrintError
from goosetier.gui.printing.layout import page_layout
from goosetier.gui.printing.summary_sheet import SECTION_NAMES, SECTIONS
from goosetier.store.selection import Selection


def tr(text: str) -> str:
    return QCoreApplication.translate("PrintOptionsDialog", text)


@dataclass(frozen=True)
class PrintOptions:
    kind: str = "summary"  # summary / roster
    sections: tuple[str, ...] = SECTIONS
    landscape: bool = False
    plan: str | None = None  # None: the current plan
    year: int | None = None  # None: the plan's target year
    selection: Selection | None = field(default=None)  # the roster's selection
    today: dt.date | None = None


class PrintOptionsDialog(QDialog):
    """Sections, orientation, plan and year of a printed sheet."""

    def __init__(self, parent: QWidget | None = None, *, plans: Sequence[str] = (),
                 options: PrintOptions | None = None) -> None:
        super().__init__(parent)
        self._base = options or PrintOptions()
        roster = self._base.kind == "roster"
        self.setWindowTitle(tr("打印名单") if roster else tr("打印汇总表"))
        form = QFormLayout()
        self.plan = QComboBox()
        self.plan.addItems(list(plans))
        if self._base.plan and self._base.plan in plans:
            self.plan.setCurrentText(self._base.plan)
        self.year = QSpinBox()
        self.year.setRange(1989, 2100)
        self.year.setSpecialValueText(tr("规划目标年"))
        self.year.setValue(self._base.year or 1989)
        if not roster:
            form.addRow(tr("规划期："), self.plan)
            form.addRow(tr("统计年份："), self.year)
        else:
            self.plan.hide()
            self.year.hide()
        self.sections: dict[str, QCheckBox] = {}
        boxes = QVBoxLayout()
        for key in SECTIONS:
            box = QCheckBox(tr(SECTION_NAMES[key]))
            box.setChecked(key in self._base.sections)
            box.toggled.connect(self._update_ok)
            self.sections[key] = box
            boxes.addWidget(box)
        if not roster:
            form.addRow(tr("打印内容："), boxes)
        orientation = QHBoxLayout()
        self.portrait = QRadioButton(tr("纵向"))
        self.landscape = QRadioButton(tr("横向"))
        group = QButtonGroup(self)
        for b in (self.portrait, self.landscape):
            group.addButton(b)
            orientation.addWidget(b)
        (self.landscape if self._base.landscape else self.portrait).setChecked(True)
        form.addRow(tr("纸张方向（A4）："), orientation)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self._base.kind == "roster" or any(b.isChecked() for b in self.sections.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def options(self) -> PrintOptions:
        return PrintOptions(
            kind=self._base.kind,
            sections=tuple(k for k, b in self.sections.items() if b.isChecked()),
            landscape=self.landscape.isChecked(),
            plan=self.plan.currentText() or self._base.plan,
            year=None if self.year.value() == self.year.minimum() else self.year.value(),
            selection=self._base.selection, today=self._base.today)


# --- preview, print, export --------------------------------------------------------------------


@dataclass
class _Job:
    title: str
    paint: Callable[[QPagedPaintDevice], int]
    write: Callable[[str], int]


def _job(registry, options: PrintOptions) -> _Job:
    P._context()  # a missing font is reported before any query runs
    if options.kind == "roster":
        title, district, lines = P.roster_data(registry, options.selection or Selection())
        return _Job(title,
                    lambda dev: P.paint_roster(dev, title, lines, district=district,
                                               printed=options.today),
                    lambda path: P.write_roster_pdf(title, lines, path,
                                                    landscape=options.landscape,
                                                    district=district, printed=options.today))
    data = P.load_summary_data(registry, options.plan, options.year, options.sections,
                               options.today)
    kw = dict(sections=options.sections, cluster_rows=data.cluster_rows,
              expiring=data.expiring, printed=options.today)
    return _Job(P.summary_title(data.summary),
                lambda dev: P.paint_summary(dev, data.summary, **kw),
                lambda path: P.write_summary_pdf(data.summary, path,
                                                 landscape=options.landscape, **kw))


def _warn(parent: QWidget | None, exc: PrintError) -> None:
    QMessageBox.warning(parent, tr("打印"), message(exc.code, exc.params))


def _printer(options: PrintOptions, title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(options.landscape))
    printer.setDocName(title)
    return printer


def open_print_preview(parent: QWidget | None, registry, options: PrintOptions, *,
                       warn: bool = True) -> QPrintPreviewDialog | None:
    """A print preview of the sheet (not yet shown: call .open() or .exec()).

    None after a warning box when the sheet cannot be made (no Chinese font, unknown plan);
    with warn=False the PrintError is raised instead."""
    try:
        job = _job(registry, options)
    except PrintError as exc:
        if not warn:
            raise
        _warn(parent, exc)
        return None
    except Exception as exc:  # noqa: BLE001 - e.g. SummaryError from the reports layer
        if not warn or not hasattr(exc, "code"):
            raise
        _warn(parent, PrintError(exc.code, **getattr(exc, "params", {})))
        return None
    printer = _printer(options, job.title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"{tr('打印预览')} — {job.title}")
    # the closure keeps the printer alive as long as the dialog's connection
    dialog.paintRequested.connect(lambda device, printer=printer: job.paint(device))
    return dialog


def print_interactive(parent: QWidget | None, registry, options: PrintOptions) -> int:
    """The system print dialog, then print; the pages printed (0 when cancelled)."""
    try:
        job = _job(registry, options)
    except PrintError as exc:
        _warn(parent, exc)
        return 0
    printer = _printer(options, job.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("打印"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    return job.paint(printer)


def default_pdf_name(title: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in title) + ".pdf"


def export_pdf_interactive(parent: QWidget | None, registry, options: PrintOptions,
                           folder: str | Path = "") -> Path | None:
    """Ask where, then write the PDF; the file written or None."""
    try:
        job = _job(registry, options)
    except PrintError as exc:
        _warn(parent, exc)
        return None
    suggested = str(Path(folder) / default_pdf_name(job.title))
    path, _ = QFileDialog.getSaveFileName(parent, tr("导出 PDF"), suggested,
                                          tr("PDF 文件 (*.pdf)"))
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        job.write(path)
    except PrintError as exc:
        _warn(parent, exc)
        return None
    return Path(path)
