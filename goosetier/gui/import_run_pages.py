"""The import wizard's later pages: preview (the dry run), near matches to confirm, apply.

Planning and applying run off the GUI thread with a progress bar and a working Cancel; a
cancelled plan can be run again, a cancelled apply has written nothing. After applying, the
report offers to save the rejected rows and to undo this import.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from goosetier.gui import settings as st
from goosetier.gui.i18n import lang
from goosetier.gui.models.import_preview import ACTION_TEXT, ImportPreviewModel
from goosetier.gui.tasks import TaskCancelled
from goosetier.importing.model import (
    INSERT,
    NEEDS_REVIEW,
    NEW,
    REJECTED,
    SKIP,
    UNCHANGED,
    UPDATE,
    ImportCancelled,
)

COUNT_TEXT = {
    INSERT: QT_TRANSLATE_NOOP("PreviewPage", "{n} new"),
    UPDATE: QT_TRANSLATE_NOOP("PreviewPage", "{n} updated"),
    UNCHANGED: QT_TRANSLATE_NOOP("PreviewPage", "{n} unchanged"),
    REJECTED: QT_TRANSLATE_NOOP("PreviewPage", "{n} rejected"),
    NEEDS_REVIEW: QT_TRANSLATE_NOOP("PreviewPage", "{n} to confirm"),
}


class _RunningPage(QWizardPage):
    """A page with a progress bar and a Cancel button for its background step."""

    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.cancel = QPushButton(self)
        self.cancel.clicked.connect(self.w.cancel_task)
        self.again = QPushButton(self)
        self.again.clicked.connect(self.start)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel)
        bar.addWidget(self.again)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.status)
        self.layout_.addLayout(bar)

    def set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel.setVisible(running)
        self.again.setVisible(not running and not self.done())
        self.completeChanged.emit()

    def on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done if total else 0)

    def on_error(self, exc: BaseException) -> None:
        if isinstance(exc, ImportCancelled | TaskCancelled):
            self.status.setText(self.cancelled_text())
        else:
            self.w.fail(exc)
            self.status.setText(QCoreApplication.translate(
                "ImportWizard", "The step failed; see the message."))
        self.set_running(False)

    def start(self) -> None:
        raise NotImplementedError

    def done(self) -> bool:
        raise NotImplementedError

    def cancelled_text(self) -> str:
        raise NotImplementedError

    def isComplete(self) -> bool:  # noqa: N802
        return self.done() and not self.w.busy


class PreviewPage(_RunningPage):
    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("Nothing has been written yet. This is what the import "
                                 "would do."))
        self.cancel.setText(self.tr("Cancel"))
        self.again.setText(self.tr("Check the file again"))
        self.counts = QLabel(self)
        self.counts.setObjectName("previewCounts")
        self.action = QComboBox(self)
        self.action.setObjectName("previewAction")
        self.action.addItem(self.tr("all rows"), None)
        for key, text in ACTION_TEXT.items():
            self.action.addItem(QCoreApplication.translate("ImportPreviewModel", text), key)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("filter by name, value or message"))
        self.model = ImportPreviewModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("previewTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 50), (1, 80), (2, 240), (3, 260), (4, 200)):
            self.view.setColumnWidth(col, width)
        self.action.currentIndexChanged.connect(self._refilter)
        self.filter.textChanged.connect(self._refilter)
        row = QHBoxLayout()
        row.addWidget(self.counts, 1)
        row.addWidget(self.action)
        row.addWidget(self.filter)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.view, 1)

    def done(self) -> bool:
        return self.w.session.plan_ is not None

    def cancelled_text(self) -> str:
        return self.tr("Checking was cancelled. Nothing was written.")

    def initializePage(self) -> None:  # noqa: N802
        if not self.done():
            self.start()
        else:
            self._show()

    def start(self) -> None:
        session = self.w.session
        self.model.set_plan(None)
        self.counts.clear()
        self.status.setText(self.tr("Reading and checking every row…"))

        def plan(progress, cancelled):
            session.progress, session.cancelled = progress, cancelled
            return session.plan()

        self.w.run(plan, lambda _plan: self._show(), self.on_error, self.on_progress)
        self.set_running(True)

    def _show(self) -> None:
        plan = self.w.session.plan_
        self.status.setText(self.tr("{rows} data rows read from sheet “{sheet}” (header in "
                                    "row {header}).").format(rows=plan.rows_read,
                                                             sheet=plan.sheet,
                                                             header=plan.header_row))
        parts = [self.tr(COUNT_TEXT[a]).format(n=plan.count(a)) for a in COUNT_TEXT]
        parts.append(self.tr("{n} designations to add").format(n=plan.designations_added))
        self.counts.setText("，".join(parts) if self.w.zh else ", ".join(parts))
        self.model.set_plan(plan)
        self.set_running(False)

    def _refilter(self, *_args) -> None:
        self.model.set_filter(self.action.currentData(), self.filter.text())

    def nextId(self) -> int:  # noqa: N802
        plan = self.w.session.plan_
        if plan is not None and plan.count(NEEDS_REVIEW) == 0:
            return self.w.apply_id
        return super().nextId()


class ReviewPage(QWizardPage):
    """Near matches: is this row the registered firm, a new firm, or to be left out?"""

    def __init__(self, wizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Confirm near matches"))
        self.setSubTitle(self.tr("These names are close to a registered enterprise but not the "
                                 "same. Choose for each row."))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("reviewTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Row"), self.tr("Name in the file"),
                                   self.tr("Decision")])
        self.combos: dict[int, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)

    def initializePage(self) -> None:  # noqa: N802
        plan = self.w.session.plan_
        self.tree.clear()
        self.combos = {}
        for row in plan.rows:
            if row.action != NEEDS_REVIEW:
                continue
            item = QTreeWidgetItem([str(row.excel_row), row.name, ""])
            self.tree.addTopLevelItem(item)
            combo = QComboBox(self.tree)
            for c in row.candidates:
                combo.addItem(self.tr("same firm as “{name}” ({score})").format(
                    name=c.name, score=c.score), c.enterprise_id)
            combo.addItem(self.tr("a different firm: add it"), NEW)
            combo.addItem(self.tr("leave this row out"), SKIP)
            self.tree.setItemWidget(item, 2, combo)
            self.combos[row.excel_row] = combo
        self.tree.resizeColumnToContents(1)

    def decide(self, excel_row: int, choice) -> None:
        combo = self.combos[excel_row]
        combo.setCurrentIndex(max(0, combo.findData(choice)))

    def validatePage(self) -> bool:  # noqa: N802
        for excel_row, combo in self.combos.items():
            self.w.session.decide(excel_row, combo.currentData())
        return True


class ApplyPage(_RunningPage):
    def __init__(self, wizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Import"))
        self.cancel.setText(self.tr("Cancel"))
        self.again.setText(self.tr("Import again"))
        self.report = QLabel(self)
        self.report.setObjectName("importReport")
        self.report.setWordWrap(True)
        self.export_rejected = QPushButton(self.tr("Save the rejected rows…"), self)
        self.export_rejected.setObjectName("exportRejected")
        self.export_rejected.clicked.connect(lambda: self.save_rejected())
        self.undo = QPushButton(self.tr("Undo this import"), self)
        self.undo.setObjectName("undoImport")
        self.undo.clicked.connect(lambda: self.undo_import())
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_rejected)
        buttons.addWidget(self.undo)
        buttons.addStretch(1)
        self.layout_.addWidget(self.report)
        self.layout_.addLayout(buttons)
        self.layout_.addStretch(1)
        self.result = None
        self.undone = False

    def done(self) -> bool:
        return self.result is not None

    def cancelled_text(self) -> str:
        return self.tr("The import was cancelled. Nothing was written.")

    def initializePage(self) -> None:  # noqa: N802
        self.setFinalPage(True)
        if not self.done():
            self.start()

    def start(self) -> None:
        session = self.w.session
        self.report.clear()
        self._buttons(False)
        self.status.setText(self.tr("Writing to the registry (one transaction; a backup copy "
                                    "is made first)…"))

        def apply(progress, cancelled):
            session.progress, session.cancelled = progress, cancelled
            return session.apply()

        self.w.run(apply, self._applied, self.on_error, self.on_progress)
        self.set_running(True)

    def _applied(self, result) -> None:
        self.result = result
        self.status.setText(self.tr("Import #{batch} done.").format(batch=result.batch_id))
        lines = [self.tr("New enterprises: {n}").format(n=result.inserted),
                 self.tr("Updated: {n}").format(n=result.updated),
                 self.tr("Unchanged: {n}").format(n=result.unchanged),
                 self.tr("Rejected: {n}").format(n=result.rejected),
                 self.tr("Left for later (not confirmed): {n}").format(n=result.needs_review),
                 self.tr("Designations added: {n}").format(n=result.designations_added)]
        if result.backup:
            lines.append(self.tr("Backup made before writing: {path}").format(
                path=result.backup))
        self.report.setText("<br>".join(lines))
        self._buttons(True)
        self.set_running(False)
        self.w.applied.emit(result)

    def _buttons(self, done: bool) -> None:
        self.export_rejected.setVisible(done and self.w.rejected_rows() > 0)
        self.undo.setVisible(done)
        self.undo.setEnabled(done and not self.undone)

    def save_rejected(self, path: str | None = None) -> str | None:
        from pathlib import Path

        from goosetier.importing.rejects import write_rejects

        if path is None:
            stem = Path(self.w.session.path).stem
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the rejected rows"),
                str(Path(st.last_folder()) / f"{stem}-被拒行.xlsx"),
                self.tr("Excel workbook (*.xlsx)"))
            if not path:
                return None
        write_rejects(self.w.session.plan_, path, lang())
        return path

    def undo_import(self, force: bool = False) -> bool:
        from goosetier.importing.model import ImportFailure
        from goosetier.importing.undo import undo_import

        batch = self.result.batch_id
        try:
            undo_import(self.w.session.registry, batch, force=force)
        except ImportFailure as exc:
            if exc.code == "undo_conflict" and not force:
                answer = QMessageBox.question(self, self.tr("Undo import"), str(exc) + "\n\n"
                                              + self.tr("Undo anyway?"))
                if answer == QMessageBox.StandardButton.Yes:
                    return self.undo_import(force=True)
                return False
            self.w.fail(exc)
            return False
        self.undone = True
        self.undo.setEnabled(False)
        self.status.setText(self.tr("Import #{batch} was undone.").format(batch=batch))
        self.w.undone.emit(batch)
        return True

